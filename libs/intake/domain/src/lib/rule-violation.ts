/** One refused field: where, which rule, and why in English and Vietnamese. Never the refused value itself. */
export interface Violation {
  readonly field: string;
  readonly rule: string;
  readonly reason: string;
  readonly reasonVi: string;
}

export const violation = (field: string, rule: string, reason: string, reasonVi: string): Violation => ({ field, rule, reason, reasonVi });

/** A command refused by intake's rules; the service turns it into a 4xx naming every field. */
export class IntakeRuleViolation extends Error {
  constructor(readonly violations: readonly Violation[]) {
    super(violations.map((v) => `${v.field}: ${v.reason}`).join('; '));
    this.name = 'IntakeRuleViolation';
  }

  get rule(): string {
    return this.violations[0].rule;
  }

  get field(): string {
    return this.violations[0].field;
  }
}

/** Throws the violations, if any, as one refusal. */
export function refuseIf(violations: readonly Violation[]): void {
  if (violations.length > 0) throw new IntakeRuleViolation(violations);
}
