module.exports = {
  displayName: 'intake-domain',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/intake/domain',
};
