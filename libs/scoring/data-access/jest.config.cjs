module.exports = {
  displayName: 'scoring-data-access',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/scoring/data-access',
};
