module.exports = {
  displayName: 'survey-intake',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/apps/survey-intake',
};
