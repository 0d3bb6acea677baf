module.exports = {
  displayName: 'scoring',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/apps/scoring',
};
