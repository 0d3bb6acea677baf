module.exports = {
  displayName: 'scoring-domain',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/scoring/domain',
};
