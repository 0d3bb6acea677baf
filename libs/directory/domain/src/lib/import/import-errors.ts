import { DirectoryCommand } from '../decide';
import { DirectoryRuleViolation } from '../rule-violation';

/** A file (or an option) an import cannot use: where, which column, and why in both languages. The HTTP layer answers 422. */
export class ImportFormatError extends Error {
  constructor(
    /** Line of the file, from 1 (the header); null when the fault is in an option, not in the file. */
    readonly line: number | null,
    readonly field: string,
    readonly reason: string,
    readonly reasonVi: string,
  ) {
    super(line === null ? `${field}: ${reason}` : `line ${line}, ${field}: ${reason}`);
    this.name = 'ImportFormatError';
  }
}

/**
 * A planned command the directory refused while the plan was applied: the plan does not fit the
 * directory it is applied to (it changed since planning, or the plan was wrong). Nothing of the plan
 * should be persisted.
 */
export class ImportRejected extends Error {
  readonly field: string;
  readonly rule: string;
  readonly reasonVi: string;
  constructor(
    /** Position of the refused command in the plan, from 0. */
    readonly commandIndex: number,
    readonly command: DirectoryCommand,
    readonly violation: DirectoryRuleViolation,
  ) {
    super(`command ${commandIndex} (${command.type}) refused on ${violation.field} (${violation.rule}): ${violation.reason}`);
    this.name = 'ImportRejected';
    this.field = violation.field;
    this.rule = violation.rule;
    this.reasonVi = violation.reasonVi;
  }

  /** The directory's own reason, without the position in the plan. */
  get reason(): string {
    return this.violation.reason;
  }
}
