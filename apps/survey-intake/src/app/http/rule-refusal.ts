import { IntakeRuleViolation, Violation } from '@hailong/intake/domain';
import { unprocessable } from '@hailong/platform/http';

/** A domain refusal as the 422 every service answers: each field, its rule and the reason in both languages. */
export function refusal(violations: readonly Violation[]) {
  return unprocessable(violations.map((v) => ({ field: v.field, rule: v.rule, reason: v.reason, reasonVi: v.reasonVi })));
}

/** Runs a decision; its rule violations become a 422, anything else goes on. */
export function refusingWith422<T>(decide: () => T): T {
  try {
    return decide();
  } catch (error) {
    if (error instanceof IntakeRuleViolation) throw refusal(error.violations);
    throw error;
  }
}
