module.exports = {
  displayName: 'platform-persistence',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/platform/persistence',
};
