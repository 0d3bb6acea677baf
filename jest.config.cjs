// Unit specs of every project (no I/O). Integration and end-to-end specs have their own configs.
const { getJestProjectsAsync } = require('@nx/jest');

module.exports = async () => ({ projects: await getJestProjectsAsync() });
