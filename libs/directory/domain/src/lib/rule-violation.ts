/** A command refused by a directory rule; the write side turns it into a 4xx naming the field. */
export class DirectoryRuleViolation extends Error {
  constructor(
    readonly field: string,
    readonly rule: string,
    readonly reason: string,
    readonly reasonVi: string,
  ) {
    super(reason);
    this.name = 'DirectoryRuleViolation';
  }
}
