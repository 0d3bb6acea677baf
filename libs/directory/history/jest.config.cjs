module.exports = {
  displayName: 'directory-history',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/directory/history',
};
