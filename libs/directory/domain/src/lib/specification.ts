import { isDeepStrictEqual } from 'node:util';
import { decide, DirectoryCommand } from './decide';
import { lookupOver } from './lookup-over';
import { DirectoryRuleViolation } from './rule-violation';
import {
  DirectoryEvent,
  historiesOf,
  latestState,
  UnitState,
} from '@hailong/directory/history';

/**
 * Given/when/then specifications for the directory, in the manner of emmett's DeciderSpecification:
 * *given* the directory's past events (any units), *when* a command, *then* these events, this refusal,
 * or this resulting state. The command's own unit and the lookup are both derived from the given events.
 */
function given(...past: DirectoryEvent[]) {
  return {
    when(command: DirectoryCommand) {
      const run = (): DirectoryEvent[] => {
        const histories = historiesOf(past);
        const unitId = 'unitId' in command ? command.unitId : null;
        const own = histories.find((h) => h[0].data.unitId === unitId);
        return decide(
          command,
          own ? latestState(own) : null,
          lookupOver(histories),
        );
      };
      return {
        then(expected: readonly DirectoryEvent[]): DirectoryEvent[] {
          const actual = run();
          if (!isDeepStrictEqual(actual, expected)) {
            throw new Error(
              `expected events\n${JSON.stringify(expected, null, 2)}\nbut decide returned\n${JSON.stringify(actual, null, 2)}`,
            );
          }
          return actual;
        },
        thenRefuses(rule: string, field?: string): DirectoryRuleViolation {
          let actual: DirectoryEvent[];
          try {
            actual = run();
          } catch (error) {
            if (!(error instanceof DirectoryRuleViolation)) throw error;
            if (
              error.rule !== rule ||
              (field !== undefined && error.field !== field)
            ) {
              throw new Error(
                `expected refusal ${rule}${field ? ` on ${field}` : ''} but got ${error.rule} on ${error.field}: ${error.reason}`,
              );
            }
            return error;
          }
          throw new Error(
            `expected refusal ${rule} but decide returned ${JSON.stringify(actual)}`,
          );
        },
        /** The latest state of `unitId` once the decided events are appended. */
        thenState(unitId: string): UnitState | null {
          const after = historiesOf([...past, ...run()]).find(
            (h) => h[0].data.unitId === unitId,
          );
          return after ? latestState(after) : null;
        },
      };
    },
  };
}

export const DirectorySpecification = { given };
