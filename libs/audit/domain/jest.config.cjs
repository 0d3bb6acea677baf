module.exports = {
  displayName: 'audit-domain',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/audit/domain',
};
