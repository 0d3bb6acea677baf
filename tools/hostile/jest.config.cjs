module.exports = {
  displayName: 'hostile',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/tools/hostile',
};
