import { LedgerCheckpoint, LedgerCheckpointSigned } from '@hailong/contracts';
import { PublishedCheckpointKey, verifyCheckpointSignature } from './checkpoint-signing';
import { TrustedCheckpoint, VerificationReport, verifyLedgers } from './ledger-verification';
import { ForeignMessage, LedgerObservation, MessageLocation, observeMessage } from './observation';

export interface RejectedCheckpoint {
  readonly location: MessageLocation;
  readonly reason: string;
}

/**
 * Gathers what the ledger checks need from raw messages, in any order: one observation per message,
 * the messages that belong to no ledger, and the checkpoints the audit published on its own topic.
 */
export class LogCollector {
  readonly observations: LedgerObservation[] = [];
  readonly foreign: ForeignMessage[] = [];
  /** LedgerCheckpointSigned data as found in the log, signatures not yet checked. */
  readonly checkpointCandidates: { readonly location: MessageLocation; readonly data: unknown }[] = [];

  add(location: MessageLocation, value: Buffer | string | null): void {
    const observed = observeMessage(location, value);
    if (observed.kind === 'foreign') {
      this.foreign.push(observed.foreign);
      return;
    }
    this.observations.push(observed.observation);
    if (observed.observation.source === 'audit' && observed.observation.eventType === LedgerCheckpointSigned.type) {
      this.checkpointCandidates.push({ location, data: observed.value['data'] });
    }
  }

  /** The log's checkpoints whose signatures verify under the given keys; the others with the reason. */
  checkpoints(keys: readonly PublishedCheckpointKey[]): { trusted: TrustedCheckpoint[]; rejected: RejectedCheckpoint[] } {
    const trusted: TrustedCheckpoint[] = [];
    const rejected: RejectedCheckpoint[] = [];
    for (const { location, data } of this.checkpointCandidates) {
      const check = verifyCheckpointSignature(data, keys);
      if (check.valid) {
        const { checkpointId, ledger, sequence, hash } = data as LedgerCheckpoint;
        trusted.push({ checkpointId, ledger, sequence, hash });
      } else rejected.push({ location, reason: check.reason });
    }
    return { trusted, rejected };
  }

  /** Verifies every ledger, anchored on the log's checkpoints that verify under `keys` (none without keys). */
  verify(
    keys: readonly PublishedCheckpointKey[] = [],
  ): VerificationReport & { readonly rejectedCheckpoints: readonly RejectedCheckpoint[] } {
    const { trusted, rejected } = keys.length ? this.checkpoints(keys) : { trusted: [], rejected: [] };
    return {
      ...verifyLedgers({ observations: this.observations, foreign: this.foreign, checkpoints: trusted }),
      rejectedCheckpoints: rejected,
    };
  }
}
