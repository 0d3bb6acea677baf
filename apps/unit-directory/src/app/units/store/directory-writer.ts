import { Actor as EventActor, createEvent, DIRECTORY_EVENTS, EventDefinition, UnplacedEvent } from '@hailong/contracts';
import {
  applyPlan,
  DirectoryCommand,
  DirectoryEvent,
  DirectoryRuleViolation,
  ImportRejected,
  latestState,
  UnitState,
} from '@hailong/directory/domain';
import { Actor } from '@hailong/platform/auth';
import { unprocessable } from '@hailong/platform/http';
import { OutboxWriter } from '@hailong/platform/messaging';
import { Injectable, NotFoundException, PreconditionFailedException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DirectoryLog } from './directory-log';

export interface WriteContext {
  readonly actor: Actor;
  readonly correlationId: string;
  /** The version (ETag) the caller last saw of each unit it changes; any other current version is a 412. */
  readonly expectedVersions?: ReadonlyMap<string, number>;
  /** Decide and report, write nothing. */
  readonly dryRun?: boolean;
}

export interface WriteResult {
  readonly events: readonly UnplacedEvent[];
  /** The latest state of every unit the commands touched, in the order first touched. */
  readonly units: readonly UnitState[];
}

const DEFINITIONS = new Map(DIRECTORY_EVENTS.map((d) => [d.type, d]));

/**
 * The directory's one way to change anything: under a single advisory lock (code uniqueness and
 * parents span units), catch up on the log, check the caller's versions, decide every command in
 * order against the whole directory, then append the events to the unit streams and fill the outbox in
 * the same transaction. All or nothing.
 */
@Injectable()
export class DirectoryWriter {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly log: DirectoryLog,
    private readonly outbox: OutboxWriter,
  ) {}

  /** `plan` runs after catching up, under the lock, so it sees the directory as the commands will. */
  async execute(plan: (log: DirectoryLog) => readonly DirectoryCommand[], context: WriteContext): Promise<WriteResult> {
    let commandCount = 0;
    try {
      return await this.dataSource.transaction(async (manager) => {
        await manager.query(`SELECT pg_advisory_xact_lock(hashtext('directory-writes'))`);
        await this.log.catchUp(manager);
        this.checkVersions(context.expectedVersions);
        const commands = plan(this.log);
        commandCount = commands.length;
        const { events, histories } = applyPlan(this.log.histories(), commands);
        const envelopes = events.map((event) => this.envelope(event, context));
        const touched = [...new Set(events.map((e) => e.data.unitId))];
        const units = touched.map((id) => latestState(histories.find((h) => h[0].data.unitId === id) ?? []) as UnitState);
        if (!context.dryRun) {
          await this.appendToStreams(manager, envelopes, context);
          await this.outbox.append(manager, envelopes);
        }
        return { events: envelopes, units };
      });
    } catch (error) {
      if (error instanceof ImportRejected) throw ruleViolationToHttp(error.violation, commandCount > 1 ? error.commandIndex : undefined);
      if (error instanceof DirectoryRuleViolation) throw ruleViolationToHttp(error);
      throw error;
    }
  }

  private checkVersions(expected: ReadonlyMap<string, number> | undefined): void {
    for (const [unitId, version] of expected ?? []) {
      const current = this.log.loggedHistory(unitId).length;
      if (current === 0) {
        throw new NotFoundException({
          statusCode: 404,
          error: 'Not Found',
          message: `no unit ${unitId}`,
          messageVi: `không có đơn vị ${unitId}`,
        });
      }
      if (current !== version) {
        throw new PreconditionFailedException({
          statusCode: 412,
          error: 'Precondition Failed',
          message: `unit ${unitId} is at version ${current}, not ${version}: it changed since you read it; read it again`,
          messageVi: `đơn vị ${unitId} đã được thay đổi (phiên bản ${current}, không phải ${version}); hãy tải lại`,
          unitId,
          currentVersion: current,
        });
      }
    }
  }

  private envelope(event: DirectoryEvent, context: WriteContext): UnplacedEvent {
    const definition = DEFINITIONS.get(event.type);
    if (!definition) throw new Error(`no contract for directory event ${event.type}`);
    const date = event.type === 'UnitRegistered' ? event.data.validFrom : event.data.effectiveDate;
    const actor: EventActor = { id: context.actor.id, kind: 'staff', roles: context.actor.roles };
    // The definition found by type checks this event's data; TypeScript cannot follow the pairing.
    return createEvent(definition as EventDefinition<string, unknown>, event.data.unitId, event.data, {
      source: 'unit-directory',
      actor,
      correlationId: context.correlationId,
      occurredAt: `${date}T00:00:00+07:00`,
    });
  }

  private async appendToStreams(manager: EntityManager, envelopes: readonly UnplacedEvent[], context: WriteContext): Promise<void> {
    const versions = new Map<string, number>();
    for (const envelope of envelopes) {
      const unitId = envelope.subject;
      const version = (versions.get(unitId) ?? this.log.loggedHistory(unitId).length) + 1;
      versions.set(unitId, version);
      // (unit_id, version) is the primary key: a second writer that slipped past the lock would fail here.
      await manager.query(
        `INSERT INTO directory.unit_events (unit_id, version, event_id, event_type, data, occurred_at, recorded_at, actor, correlation_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          unitId,
          version,
          envelope.id,
          envelope.type,
          JSON.stringify(envelope.data),
          envelope.occurredAt,
          envelope.recordedAt,
          JSON.stringify(envelope.actor),
          context.correlationId,
        ],
      );
    }
  }
}

/** A refused command: 422 naming the field, the rule and the reason in both languages. */
export function ruleViolationToHttp(violation: DirectoryRuleViolation, commandIndex?: number) {
  return unprocessable([
    {
      field: violation.field,
      rule: violation.rule,
      reason: commandIndex === undefined ? violation.reason : `command ${commandIndex + 1}: ${violation.reason}`,
      reasonVi: commandIndex === undefined ? violation.reasonVi : `lệnh thứ ${commandIndex + 1}: ${violation.reasonVi}`,
    },
  ]);
}
