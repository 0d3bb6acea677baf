module.exports = {
  displayName: 'security',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/tools/security',
};
