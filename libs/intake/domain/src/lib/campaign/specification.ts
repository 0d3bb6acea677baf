import { isDeepStrictEqual } from 'node:util';
import { IntakeRuleViolation } from '../rule-violation';
import {
  CampaignCommand,
  CampaignEvent,
  CampaignLookup,
  CampaignState,
  decideCampaign,
  evolveCampaign,
  initialCampaignState,
} from './campaign';

/**
 * Given/when/then specifications for campaigns, in the manner of emmett's DeciderSpecification:
 * *given* a campaign's past events, *when* a command, *then* these events, this refusal or this state.
 */
function given(...past: CampaignEvent[]) {
  const lookupWith = (lookup: Partial<CampaignLookup>): CampaignLookup => ({
    questionnaireExists: () => true,
    unitValidity: () => ({ validFrom: '2000-01-01', validTo: null }),
    ...lookup,
  });
  const state = past.reduce(evolveCampaign, initialCampaignState());
  return {
    when(command: CampaignCommand, lookup: Partial<CampaignLookup> = {}) {
      const run = () => decideCampaign(command, state, lookupWith(lookup));
      return {
        then(expected: readonly CampaignEvent[]): void {
          const actual = run();
          if (!isDeepStrictEqual(actual, expected)) {
            throw new Error(
              `expected events\n${JSON.stringify(expected, null, 2)}\nbut decide returned\n${JSON.stringify(actual, null, 2)}`,
            );
          }
        },
        /** Expects a refusal with exactly these rules (on these fields when given as 'rule@field'). */
        thenRefuses(...expected: string[]): IntakeRuleViolation {
          try {
            const actual = run();
            throw new Error(`expected refusal ${expected.join(', ')} but decide returned ${JSON.stringify(actual)}`);
          } catch (error) {
            if (!(error instanceof IntakeRuleViolation)) throw error;
            const actual = error.violations.map((v, i) => (expected[i]?.includes('@') ? `${v.rule}@${v.field}` : v.rule));
            if (!isDeepStrictEqual(actual, expected)) {
              throw new Error(`expected refusal ${expected.join(', ')} but got ${actual.join(', ')}`);
            }
            return error;
          }
        },
        thenState(): CampaignState | null {
          return run().reduce(evolveCampaign, state);
        },
      };
    },
  };
}

export const CampaignSpecification = { given };
