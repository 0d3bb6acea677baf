module.exports = {
  displayName: 'unit-directory',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/apps/unit-directory',
};
