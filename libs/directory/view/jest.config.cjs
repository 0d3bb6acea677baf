module.exports = {
  displayName: 'directory-view',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/directory/view',
};
