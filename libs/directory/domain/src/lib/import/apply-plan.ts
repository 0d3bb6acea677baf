import { DirectoryEvent, latestState, UnitHistory } from '@hailong/directory/history';
import { decide, DirectoryCommand } from '../decide';
import { lookupOver } from '../lookup-over';
import { DirectoryRuleViolation } from '../rule-violation';
import { ImportRejected } from './import-errors';

export interface AppliedPlan {
  /** Every event the commands caused, in order. */
  readonly events: DirectoryEvent[];
  /** The directory's histories with those events appended (new units last). */
  readonly histories: UnitHistory[];
}

/**
 * Decides the commands one after another, each against the directory as the previous ones left it,
 * exactly as the write side will; the dry run of an import. Throws ImportRejected at the first refusal.
 */
export function applyPlan(histories: readonly UnitHistory[], commands: readonly DirectoryCommand[]): AppliedPlan {
  const streams = new Map<string, DirectoryEvent[]>(histories.filter((h) => h.length > 0).map((h) => [h[0].data.unitId, [...h]]));
  const events: DirectoryEvent[] = [];
  commands.forEach((command, index) => {
    const decided = decideOrReject(index, command, streams);
    for (const event of decided) {
      const stream = streams.get(event.data.unitId) ?? [];
      stream.push(event);
      streams.set(event.data.unitId, stream);
    }
    events.push(...decided);
  });
  return { events, histories: [...streams.values()] };
}

function decideOrReject(
  index: number,
  command: DirectoryCommand,
  streams: ReadonlyMap<string, readonly DirectoryEvent[]>,
): DirectoryEvent[] {
  const own = 'unitId' in command ? streams.get(command.unitId) : undefined;
  try {
    return decide(command, own ? latestState(own) : null, lookupOver([...streams.values()]));
  } catch (error) {
    if (error instanceof DirectoryRuleViolation) throw new ImportRejected(index, command, error);
    throw error;
  }
}
