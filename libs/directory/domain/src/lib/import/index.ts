// Import planning: pure functions that turn a reference file into the directory commands that bring the
// directory in line with it, with a report a person can check before anything is written.
export * from './import-plan';
export * from './import-errors';
export * from './apply-plan';
export * from './admin-units';
export * from './commune-mergers';
export * from './district-dissolution';
export * from './province-reorganization';
export { policeNamesOf, withoutDiacritics, PROVINCIAL_DIVISIONS, divisionUnitCode } from './police-names';
export type { AdminLevel, PoliceNames } from './police-names';
