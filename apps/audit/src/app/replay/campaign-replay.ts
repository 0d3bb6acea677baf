import { compareScores, ComparableScores, FigureDifference } from '@hailong/audit/domain';
import {
  CampaignClosed,
  CampaignCreated,
  CampaignScoresPublished,
  DataOf,
  EventDecodeError,
  EventEnvelope,
  platformEvents,
  ResponseCorrected,
  ResponseData,
  ResponseSubmitted,
  ResponseVoided,
  Topics,
} from '@hailong/contracts';
import { DIRECTORY_EVENT_TYPES, DirectoryView } from '@hailong/directory/view';
import { MessagingConfig, readTopicToEnd } from '@hailong/platform/messaging';
import {
  applyScoringEvents,
  BreakdownUnavailable,
  campaignFigures,
  cellOfSubmission,
  NO_CAMPAIGN,
  publishedScores,
  readCampaign,
  SCORING_EVENT_TYPES,
  ScoreCellTally,
} from '@hailong/scoring/data-access';
import { Kafka, KafkaMessage } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { Offsets, readTopicRange, topicEnds } from './topic-range.reader';

const SCHEMA = 'audit';
/** The consumer group under which a replay stores its offsets (audit.consumer_offsets), with what it built. */
export const REPLAY_GROUP = 'audit.replay';

type Published = DataOf<typeof CampaignScoresPublished>;

/** How far a replay reads the log. */
export type ReplayCut =
  /** Up to the response-topic offsets the campaign's CampaignScoresPublished records: must give its figures. */
  | { readonly kind: 'publication' }
  /** Up to where the topics end when the replay starts. */
  | { readonly kind: 'end' }
  /** Events recorded at or before this instant (ISO 8601): the figures of that time. */
  | { readonly kind: 'time'; readonly at: string }
  /** Up to these next offsets per partition of the response topic. */
  | { readonly kind: 'offsets'; readonly offsets: Offsets };

/** The cut made concrete: the offsets each topic is read to (fixed at the first start, kept on resume). */
interface ResolvedCut {
  readonly request: ReplayCut;
  readonly at: string | null;
  readonly directoryTo: Offsets;
  readonly responsesTo: Offsets;
}

export interface ReplayProgress {
  readonly phase: 'directory' | 'responses';
  readonly done: number;
  readonly total: number;
  readonly eventsPerSecond: number;
  /** Seconds left at the current rate; null before there is a rate. */
  readonly etaSeconds: number | null;
}

export interface CampaignReplayReport {
  readonly replayId: string;
  readonly campaignId: string;
  readonly cut: ReplayCut;
  /** Whether this run continued an interrupted replay of the same campaign and cut from its stored offsets. */
  readonly resumed: boolean;
  readonly read: {
    readonly messages: number;
    readonly applied: number;
    readonly duplicates: number;
    readonly undecodable: number;
    /** Events read but recorded after a time cut. */
    readonly afterCut: number;
    readonly seconds: number;
    readonly eventsPerSecond: number;
  };
  /** Seconds spent on each step: the first pass over the responses, each topic's reading, the figures. */
  readonly timings: { readonly scan: number; readonly directory: number; readonly responses: number; readonly figures: number };
  /** Next offset per partition of the response topic the figures were computed from. */
  readonly computedFrom: Offsets;
  /** The campaign's publication found in the scoring topic (upcast to its current version), if any. */
  readonly publication: { readonly eventId: string; readonly publicationId: string; readonly computedFrom: Offsets } | null;
  /** Every figure of the campaign, as a publication carries it; null when the log does not let them be computed. */
  readonly figures: ComparableScores | null;
  readonly figuresUnavailable: string | null;
  /** Every published value the replay did not reproduce; null when there was nothing to compare. */
  readonly differences: readonly FigureDifference[] | null;
}

export class ReplayRefused extends Error {
  constructor(
    readonly status: 404 | 409,
    readonly field: string,
    message: string,
    readonly messageVi: string,
  ) {
    super(message);
  }
}

/** Events read since the last window was applied, from any partitions, each partition's in log order. */
class ReplayWindow {
  /** Events applied through the read model's own code (every directory event; on the response topic, see `LogScan`). */
  readonly events: EventEnvelope[] = [];
  /** ResponseSubmitted events no void or correction touches: counted in memory. */
  readonly submissions: EventEnvelope<string, ResponseData>[] = [];
  /** Per partition, the offset after the last message read into this window. */
  readonly nextOffsets = new Map<number, string>();
  messages = 0;

  reached(partition: number, messages: readonly KafkaMessage[]): void {
    this.messages += messages.length;
    this.nextOffsets.set(partition, (BigInt(messages[messages.length - 1].offset) + 1n).toString());
  }
}

/**
 * What a first pass over the response topic (to the cut) finds, reading only the headers of the
 * ResponseSubmitted messages and decoding the rest (a few campaign events, voids and corrections).
 */
interface LogScan {
  /** Per campaign closed within the cut: the ledger place of its first CampaignClosed (null when it had none). */
  readonly closes: Map<string, bigint | null>;
  /** Responses a void or correction names: the voided, the corrected and its replacement. */
  readonly touched: Set<string>;
}

/**
 * How the responses no void or correction touches are counted: in memory, cell by cell, and written to the
 * audit's score_cells at checkpoints. A checkpoint is one transaction with the held-back events (applied by
 * scoring's own code), the cells, the offsets reached and its number; the responses counted since the last
 * one are in replay_counted under the next number, so a resume drops them and reads them again.
 */
interface ResponseCheckpoints {
  readonly tally: ScoreCellTally;
  /** Events for applyScoringEvents, deduplicated by event id, waiting for the next checkpoint. */
  held: EventEnvelope[];
  readonly heldIds: Set<string>;
  /** The last checkpoint written; responses counted since are recorded under number + 1. */
  number: number;
  writtenAt: number;
  readonly reached: Map<number, string>;
}

/** How a replay paces its work; the defaults suit a million events in a pod of 384 MiB. */
export interface ReplayTuning {
  /**
   * Messages read before they are applied together: large enough that a transaction's fixed costs
   * vanish, small enough that two windows (one applied, one being read) stay a few tens of MB. With 3,000
   * the audit peaked at 305-313 MB of RSS replaying a million events under its 192 MB heap cap; with
   * 1,500 at 274 MB.
   */
  readonly windowMessages: number;
  /** A checkpoint is due this long after the last one: a crash loses at most this much reading. */
  readonly checkpointMs: number;
  /** ... or once this many cells hold counts (the tally grows with its cells, not its responses). */
  readonly checkpointCells: number;
}

export const DEFAULT_REPLAY_TUNING: ReplayTuning = { windowMessages: 1500, checkpointMs: 120_000, checkpointCells: 30_000 };

/** A header's text (kafkajs gives Buffers; a producer may have set strings or lists). */
function headerText(message: KafkaMessage, name: string): string | undefined {
  const value = message.headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  if (first === undefined) return undefined;
  return Buffer.isBuffer(first) ? first.toString('utf8') : String(first);
}

const ledgerPlaceOf = (event: EventEnvelope): bigint | null => (event.ledger ? BigInt(event.ledger.sequence) : null);

const toOffsets = (list: readonly { partition: number; nextOffset: string }[]): Offsets =>
  Object.fromEntries(list.map((o) => [o.partition, o.nextOffset]));

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Rebuilds every figure of one campaign from the Kafka topics alone — the directory's events and
 * intake's responses, decoded and upcast by the contracts — into the audit's schema, and compares them with
 * the campaign's CampaignScoresPublished. The figures come from scoring's own publication code
 * (publishedScores) over score_cells as scoring's projection (applyScoringEvents) would have built them.
 *
 * The response topic is read twice. The first pass decodes only what is not a ResponseSubmitted: where
 * each campaign was closed and which responses a void or correction names. The second decodes everything
 * and counts each submission no void or correction touches straight into its cell in memory — on time or
 * late by the close the first pass found, as the projection would decide — while the few other events go
 * through applyScoringEvents itself. The cells are written at checkpoints (see ResponseCheckpoints), with
 * the offsets reached, so an interrupted replay resumes from the last one; row by row through the
 * projection, a million responses took over eight minutes (about 21 counter upserts each).
 *
 * One replay at a time (a PostgreSQL advisory lock): the audit schema holds one rebuild.
 */
export class CampaignReplay {
  private readonly directory = new DirectoryView(SCHEMA);

  constructor(
    private readonly dataSource: DataSource,
    private readonly kafka: Kafka,
    private readonly config: MessagingConfig,
    private readonly tuning: ReplayTuning = DEFAULT_REPLAY_TUNING,
  ) {}

  async run(
    input: { campaignId: string; cut: ReplayCut; actorId: string; fresh?: boolean },
    onProgress: (progress: ReplayProgress) => void = () => undefined,
  ): Promise<CampaignReplayReport> {
    const campaignId = input.campaignId.toLowerCase();
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }]: { locked: boolean }[] = await runner.query(`SELECT pg_try_advisory_lock(hashtext('audit-replay')) AS locked`);
      if (!locked) throw new ReplayRefused(409, 'campaignId', 'a replay is already running', 'đang có một lần phát lại khác');
      try {
        return await this.replay(campaignId, input, onProgress);
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(hashtext('audit-replay'))`).catch(() => undefined);
      }
    } finally {
      await runner.release();
    }
  }

  /** Compares the figures of the campaign's last finished replay with a publication's (say, one handed in by a reader). */
  async compareWithLast(campaignId: string, published: Published): Promise<{ replayId: string; differences: FigureDifference[] }> {
    const [row]: { replay_id: string; report: CampaignReplayReport }[] = await this.dataSource.query(
      `SELECT replay_id, report FROM audit.replays WHERE campaign_id = $1 AND finished_at IS NOT NULL ORDER BY finished_at DESC LIMIT 1`,
      [campaignId.toLowerCase()],
    );
    if (!row?.report.figures) {
      throw new ReplayRefused(
        404,
        'campaignId',
        'no finished replay of this campaign has figures',
        'chưa có lần phát lại nào của chiến dịch này có số liệu',
      );
    }
    return { replayId: row.replay_id, differences: compareScores(published, row.report.figures) };
  }

  async lastReport(campaignId: string): Promise<CampaignReplayReport | null> {
    const [row]: { report: CampaignReplayReport }[] = await this.dataSource.query(
      `SELECT report FROM audit.replays WHERE campaign_id = $1 AND finished_at IS NOT NULL ORDER BY finished_at DESC LIMIT 1`,
      [campaignId.toLowerCase()],
    );
    return row?.report ?? null;
  }

  private async replay(
    campaignId: string,
    input: { cut: ReplayCut; actorId: string; fresh?: boolean },
    onProgress: (progress: ReplayProgress) => void,
  ): Promise<CampaignReplayReport> {
    const started = Date.now();
    const publication = await this.findPublication(campaignId);
    const [last]: {
      replay_id: string;
      campaign_id: string | null;
      cut: ResolvedCut | null;
      finished_at: Date | null;
      checkpoint: number;
    }[] = await this.dataSource.query(
      `SELECT replay_id, campaign_id, cut, finished_at, checkpoint FROM audit.replays ORDER BY started_at DESC LIMIT 1`,
    );
    const resumable =
      !input.fresh && last && last.finished_at === null && last.campaign_id === campaignId && sameJson(last.cut?.request, input.cut);
    let replayId: string;
    let cut: ResolvedCut;
    if (resumable && last.cut) {
      replayId = last.replay_id;
      cut = last.cut;
    } else {
      replayId = randomUUID();
      cut = await this.resolve(input.cut, publication?.data ?? null);
      await this.dataSource.transaction(async (manager) => {
        await manager.query(
          `TRUNCATE audit.unit_responses, audit.unit_item_levels, audit.score_cells, audit.scored_responses, audit.campaigns,
                    audit.questionnaires, audit.replay_seen, audit.replay_counted, audit.directory_events`,
        );
        await manager.query(`DELETE FROM audit.consumer_offsets WHERE consumer_group = $1`, [REPLAY_GROUP]);
        await manager.query(
          `INSERT INTO audit.replays (replay_id, started_at, actor_id, campaign_id, cut) VALUES ($1, now(), $2, $3, $4)`,
          [replayId, input.actorId, campaignId, JSON.stringify(cut)],
        );
      });
    }

    const counts = { messages: 0, applied: 0, duplicates: 0, undecodable: 0, afterCut: 0 };
    const atMs = cut.at === null ? null : Date.parse(cut.at);
    const within = (event: EventEnvelope) => atMs === null || Date.parse(event.recordedAt) <= atMs;
    const timings = { scan: 0, directory: 0, responses: 0, figures: 0 };
    const since = (at: number) => Math.round((Date.now() - at) / 100) / 10;
    const scanStarted = Date.now();
    const scan = await this.scanResponses(cut.responsesTo, within);
    timings.scan = since(scanStarted);
    const checkpoints: ResponseCheckpoints = {
      tally: new ScoreCellTally(),
      held: [],
      heldIds: new Set(),
      number: resumable ? last.checkpoint : 0,
      writtenAt: Date.now(),
      reached: new Map(),
    };
    // Responses counted after the last checkpoint a stopped run wrote died with it: read them again.
    if (resumable) await this.dataSource.query(`DELETE FROM audit.replay_counted WHERE checkpoint > $1`, [checkpoints.number]);
    const phases: { phase: ReplayProgress['phase']; topic: string; to: Offsets }[] = [
      { phase: 'directory', topic: Topics.directoryEvents, to: cut.directoryTo },
      { phase: 'responses', topic: Topics.intakeResponses, to: cut.responsesTo },
    ];
    for (const { phase, topic, to } of phases) {
      const from = await this.storedOffsets(this.dataSource.manager, topic);
      const total = Object.entries(to).reduce(
        (sum, [p, end]) => sum + Math.max(0, Number(BigInt(end) - BigInt(from[Number(p)] ?? '0'))),
        0,
      );
      const phaseStarted = Date.now();
      let done = 0;
      onProgress({ phase, done, total, eventsPerSecond: 0, etaSeconds: null });
      // Decoded events wait in a window until it is full; the window is applied while the next one is read
      // and decoded, so the database and the decoding overlap.
      let window = new ReplayWindow();
      let applying: Promise<void> = Promise.resolve();
      const apply = async (full: ReplayWindow) => {
        await applying;
        const taking =
          phase === 'directory'
            ? this.applyDirectoryWindow(topic, full, counts)
            : this.takeResponses(replayId, topic, full, scan, checkpoints, counts);
        applying = taking.then(() => {
          counts.messages += full.messages;
          done += full.messages;
          const seconds = (Date.now() - phaseStarted) / 1000;
          const rate = seconds > 0 ? done / seconds : 0;
          onProgress({
            phase,
            done,
            total,
            eventsPerSecond: Math.round(rate),
            etaSeconds: rate > 0 ? Math.ceil((total - done) / rate) : null,
          });
        });
        // Its failure is seen by whoever awaits it next; not an unhandled rejection meanwhile.
        applying.catch(() => undefined);
      };
      try {
        await readTopicRange(this.kafka, this.config, topic, from, to, async (partition, messages) => {
          for (const { message, event } of this.decode(messages, counts)) {
            if (phase === 'directory') {
              if (!this.isDirectoryEvent(event)) continue;
            } else {
              if (!SCORING_EVENT_TYPES.includes(event.type)) continue;
              this.checkHeader(partition, message, event);
            }
            if (!within(event)) counts.afterCut += 1;
            else if (phase === 'responses' && this.countedInMemory(event, scan)) window.submissions.push(event);
            else window.events.push(event);
          }
          window.reached(partition, messages);
          if (window.messages >= this.tuning.windowMessages) {
            await apply(window);
            window = new ReplayWindow();
          }
        });
        if (window.messages > 0) await apply(window);
        await applying;
        if (phase === 'responses') await this.writeCheckpoint(replayId, topic, checkpoints);
        timings[phase] = since(phaseStarted);
      } finally {
        await applying.catch(() => undefined);
      }
    }

    const computedFrom = await this.storedOffsets(this.dataSource.manager, Topics.intakeResponses);
    const figuresStarted = Date.now();
    const { figures, unavailable } = await this.figures(campaignId, publication?.data.publicationId ?? null, cut.responsesTo);
    timings.figures = since(figuresStarted);
    const seconds = (Date.now() - started) / 1000;
    const report: CampaignReplayReport = {
      replayId,
      campaignId,
      cut: input.cut,
      resumed: Boolean(resumable),
      read: { ...counts, seconds, eventsPerSecond: Math.round(counts.messages / Math.max(seconds, 0.001)) },
      timings,
      computedFrom: Object.fromEntries(Object.keys(cut.responsesTo).map((p) => [p, computedFrom[Number(p)] ?? '0'])),
      publication: publication
        ? {
            eventId: publication.eventId,
            publicationId: publication.data.publicationId,
            computedFrom: toOffsets(publication.data.computedFrom.offsets),
          }
        : null,
      figures,
      figuresUnavailable: unavailable,
      differences: publication && figures ? compareScores(publication.data, figures) : null,
    };
    await this.dataSource.query(
      `UPDATE audit.replays SET finished_at = now(), messages = $2, applied = $3, duplicates = $4, undecodable = $5, end_offsets = $6, report = $7
        WHERE replay_id = $1`,
      [
        replayId,
        counts.messages,
        counts.applied,
        counts.duplicates,
        counts.undecodable,
        JSON.stringify(report.computedFrom),
        JSON.stringify(report),
      ],
    );
    return report;
  }

  /**
   * One window of directory events in one transaction: those not seen before (a relay's repeat, or a
   * message read again after a resume, is counted as a duplicate and changes nothing), then the offsets it
   * reached. The commit need not wait for the disk: a crash loses whole windows with their offsets, and a
   * resume reads them again.
   */
  private async applyDirectoryWindow(topic: string, window: ReplayWindow, counts: { applied: number; duplicates: number }): Promise<void> {
    const { events } = window;
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL synchronous_commit = off`);
      const fresh: { event_id: string }[] = await manager.query(
        `INSERT INTO audit.replay_seen (event_id) SELECT unnest($1::uuid[]) ON CONFLICT DO NOTHING RETURNING event_id`,
        [events.map((e) => e.id)],
      );
      const ids = new Set(fresh.map((r) => r.event_id));
      const toApply = events.filter((e) => ids.delete(e.id.toLowerCase()));
      counts.duplicates += events.length - toApply.length;
      counts.applied += toApply.length;
      await this.directory.record(manager, toApply);
      await this.storeOffsets(manager, topic, window.nextOffsets);
    });
  }

  /**
   * One window of the response topic, after a checkpoint if one is due. Its submissions no void or
   * correction touches are counted in memory unless replay_counted already has their response (a relay's
   * repeat, a message read again after a resume); its other events wait, deduplicated by event id, for the
   * next checkpoint, which applies them with scoring's own code.
   */
  private async takeResponses(
    replayId: string,
    topic: string,
    window: ReplayWindow,
    scan: LogScan,
    checkpoints: ResponseCheckpoints,
    counts: { applied: number; duplicates: number },
  ): Promise<void> {
    if (Date.now() - checkpoints.writtenAt >= this.tuning.checkpointMs || checkpoints.tally.size >= this.tuning.checkpointCells) {
      await this.writeCheckpoint(replayId, topic, checkpoints);
    }
    const { submissions, events } = window;
    if (submissions.length > 0) {
      const fresh: { response_id: string }[] = await this.dataSource.transaction(async (manager) => {
        await manager.query(`SET LOCAL synchronous_commit = off`);
        return manager.query(
          `INSERT INTO audit.replay_counted (response_id, checkpoint) SELECT unnest($1::uuid[]), $2
           ON CONFLICT DO NOTHING RETURNING response_id`,
          [submissions.map((e) => e.data.responseId), checkpoints.number + 1],
        );
      });
      const ids = new Set(fresh.map((r) => r.response_id));
      for (const event of submissions) {
        if (!ids.delete(event.data.responseId.toLowerCase())) {
          counts.duplicates += 1;
          continue;
        }
        const close = scan.closes.get((event.data.campaignId ?? NO_CAMPAIGN).toLowerCase()) ?? null;
        const place = ledgerPlaceOf(event);
        const late = close !== null && place !== null && place > close;
        checkpoints.tally.add(cellOfSubmission(event.data, event.occurredAt, late), event.data);
        counts.applied += 1;
      }
    }
    if (events.length > 0) {
      const seen: { event_id: string }[] = await this.dataSource.query(
        `SELECT event_id FROM audit.replay_seen WHERE event_id = ANY($1::uuid[])`,
        [events.map((e) => e.id)],
      );
      const before = new Set(seen.map((r) => r.event_id));
      for (const event of events) {
        const id = event.id.toLowerCase();
        if (before.has(id) || checkpoints.heldIds.has(id)) {
          counts.duplicates += 1;
          continue;
        }
        checkpoints.heldIds.add(id);
        checkpoints.held.push(event);
        counts.applied += 1;
      }
    }
    for (const [partition, next] of window.nextOffsets) checkpoints.reached.set(partition, next);
  }

  /**
   * One transaction: the held-back events (by scoring's own code, after their ids), the tally's cells, the
   * offsets reached and the checkpoint's number — everything counted since the last checkpoint, or none of it.
   */
  private async writeCheckpoint(replayId: string, topic: string, checkpoints: ResponseCheckpoints): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL synchronous_commit = off`);
      if (checkpoints.held.length > 0) {
        await manager.query(`INSERT INTO audit.replay_seen (event_id) SELECT unnest($1::uuid[]) ON CONFLICT DO NOTHING`, [
          checkpoints.held.map((e) => e.id),
        ]);
        await applyScoringEvents(manager, SCHEMA, checkpoints.held);
      }
      await checkpoints.tally.flush(manager, SCHEMA);
      await this.storeOffsets(manager, topic, checkpoints.reached);
      await manager.query(`UPDATE audit.replays SET checkpoint = $2 WHERE replay_id = $1`, [replayId, checkpoints.number + 1]);
    });
    checkpoints.number += 1;
    checkpoints.held = [];
    checkpoints.heldIds.clear();
    checkpoints.writtenAt = Date.now();
  }

  private async storeOffsets(manager: EntityManager, topic: string, offsets: ReadonlyMap<number, string>): Promise<void> {
    if (offsets.size === 0) return;
    const partitions = [...offsets.keys()];
    await manager.query(
      `INSERT INTO audit.consumer_offsets (consumer_group, topic, partition, next_offset)
       SELECT $1, $2, * FROM unnest($3::int[], $4::bigint[])
       ON CONFLICT (consumer_group, topic, partition) DO UPDATE SET next_offset = EXCLUDED.next_offset, updated_at = now()`,
      [REPLAY_GROUP, topic, partitions, partitions.map((p) => offsets.get(p))],
    );
  }

  /** Whether a response event can be counted in memory: a submission whose response no void or correction names. */
  private countedInMemory(event: EventEnvelope, scan: LogScan): event is EventEnvelope<string, ResponseData> {
    return event.type === ResponseSubmitted.type && !scan.touched.has((event.data as ResponseData).responseId.toLowerCase());
  }

  /**
   * The first pass trusted the event-type header of ResponseSubmitted messages and skipped their bodies;
   * a body that holds another type would have been missed there, so such a log is refused rather than
   * replayed wrongly (the ledger check shows where it was altered).
   */
  private checkHeader(partition: number, message: KafkaMessage, event: EventEnvelope): void {
    if (headerText(message, 'event-type') === ResponseSubmitted.type && event.type !== ResponseSubmitted.type) {
      throw new ReplayRefused(
        409,
        'campaignId',
        `the message at partition ${partition}, offset ${message.offset} of the response topic says ResponseSubmitted in its header but holds a ${event.type}`,
        `thông điệp ở phân vùng ${partition}, vị trí ${message.offset} của chủ đề phản hồi ghi ResponseSubmitted ở tiêu đề nhưng chứa ${event.type}`,
      );
    }
  }

  /**
   * The first pass over the response topic, to the cut: which campaigns were closed and where, and which
   * responses a void or correction names. Reads every message, decodes all but ResponseSubmitted ones.
   * Undecodable messages are counted by the second pass, which reads them again.
   */
  private async scanResponses(to: Offsets, within: (event: EventEnvelope) => boolean): Promise<LogScan> {
    const created = new Set<string>();
    const scan: LogScan = { closes: new Map(), touched: new Set() };
    await readTopicRange(this.kafka, this.config, Topics.intakeResponses, {}, to, async (_partition, messages) => {
      for (const message of messages) {
        if (headerText(message, 'event-type') === ResponseSubmitted.type) continue;
        let event: EventEnvelope;
        try {
          event = platformEvents.decode(message.value ?? Buffer.alloc(0));
        } catch (error) {
          if (!(error instanceof EventDecodeError)) throw error;
          continue;
        }
        if (!within(event)) continue;
        if (event.type === CampaignCreated.type) {
          created.add((event.data as DataOf<typeof CampaignCreated>).campaignId.toLowerCase());
        } else if (event.type === CampaignClosed.type) {
          // As scoring applies it: the first close of a campaign it knows.
          const campaignId = (event.data as DataOf<typeof CampaignClosed>).campaignId.toLowerCase();
          if (created.has(campaignId) && !scan.closes.has(campaignId)) scan.closes.set(campaignId, ledgerPlaceOf(event));
        } else if (event.type === ResponseVoided.type) {
          scan.touched.add((event.data as DataOf<typeof ResponseVoided>).responseId.toLowerCase());
        } else if (event.type === ResponseCorrected.type) {
          const data = event.data as DataOf<typeof ResponseCorrected>;
          scan.touched.add(data.responseId.toLowerCase());
          scan.touched.add(data.replacement.responseId.toLowerCase());
        }
      }
    });
    return scan;
  }

  private isDirectoryEvent(event: EventEnvelope): boolean {
    return (DIRECTORY_EVENT_TYPES as readonly string[]).includes(event.type);
  }

  private decode(messages: readonly KafkaMessage[], counts: { undecodable: number }): { message: KafkaMessage; event: EventEnvelope }[] {
    const decoded: { message: KafkaMessage; event: EventEnvelope }[] = [];
    for (const message of messages) {
      try {
        decoded.push({ message, event: platformEvents.decode(message.value ?? Buffer.alloc(0)) });
      } catch (error) {
        if (!(error instanceof EventDecodeError)) throw error;
        counts.undecodable += 1;
      }
    }
    return decoded;
  }

  private async storedOffsets(manager: EntityManager, topic: string): Promise<Record<number, string>> {
    const rows: { partition: number; next_offset: string }[] = await manager.query(
      `SELECT partition, next_offset FROM audit.consumer_offsets WHERE consumer_group = $1 AND topic = $2`,
      [REPLAY_GROUP, topic],
    );
    return Object.fromEntries(rows.map((r) => [r.partition, String(r.next_offset)]));
  }

  /** The last CampaignScoresPublished of the campaign on the scoring topic. */
  private async findPublication(campaignId: string): Promise<{ eventId: string; data: Published } | null> {
    let found: { eventId: string; data: Published } | null = null;
    await readTopicToEnd(this.kafka, this.config, Topics.scoringEvents, async (_partition, messages) => {
      for (const message of messages) {
        try {
          const event = platformEvents.decode(message.value ?? Buffer.alloc(0));
          if (event.type !== CampaignScoresPublished.type) continue;
          const data = event.data as Published;
          if (data.campaignId === campaignId) found = { eventId: event.id, data };
        } catch (error) {
          if (!(error instanceof EventDecodeError)) throw error;
        }
      }
    });
    return found;
  }

  private async resolve(cut: ReplayCut, published: Published | null): Promise<ResolvedCut> {
    const directoryTo = await topicEnds(this.kafka, this.config, Topics.directoryEvents);
    if (cut.kind === 'publication') {
      if (!published) {
        throw new ReplayRefused(
          404,
          'campaignId',
          'the scoring topic holds no CampaignScoresPublished for this campaign',
          'chủ đề của hệ thống chấm điểm không có sự kiện công bố điểm của chiến dịch này',
        );
      }
      return { request: cut, at: null, directoryTo, responsesTo: toOffsets(published.computedFrom.offsets) };
    }
    if (cut.kind === 'offsets') return { request: cut, at: null, directoryTo, responsesTo: cut.offsets };
    const responsesTo = await topicEnds(this.kafka, this.config, Topics.intakeResponses);
    return { request: cut, at: cut.kind === 'time' ? new Date(cut.at).toISOString() : null, directoryTo, responsesTo };
  }

  /**
   * The campaign's figures from the rebuilt read model: for a closed campaign with scoring's own
   * publication code; before the close (a time or offset cut) with the same breakdowns it uses.
   */
  private async figures(
    campaignId: string,
    publicationId: string | null,
    responsesTo: Offsets,
  ): Promise<{ figures: ComparableScores | null; unavailable: string | null }> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const campaign = await readCampaign(manager, SCHEMA, campaignId);
      if (!campaign) return { figures: null, unavailable: 'the log up to the cut holds no such campaign' };
      try {
        if (campaign.status === 'closed') {
          const offsets = Object.keys(responsesTo)
            .map(Number)
            .sort((a, b) => a - b)
            .map((partition) => ({ partition, nextOffset: responsesTo[partition] }));
          const data = await publishedScores(manager, SCHEMA, {
            campaignId,
            publicationId: publicationId ?? randomUUID(),
            computedFrom: { topic: Topics.intakeResponses, consumerGroup: REPLAY_GROUP, offsets },
          });
          // What a publication says about the campaign; its id and offsets are the report's, not figures.
          const figures: ComparableScores = {
            campaignId: data.campaignId,
            questionnaire: data.questionnaire,
            close: data.close,
            method: data.method,
            responses: data.responses,
            campaign: data.campaign,
            byUnit: data.byUnit,
            byUnitType: data.byUnitType,
            byChannel: data.byChannel,
          };
          return { figures, unavailable: null };
        }
        return { figures: await this.openFigures(manager, campaignId), unavailable: null };
      } catch (error) {
        if (error instanceof BreakdownUnavailable) return { figures: null, unavailable: error.message };
        throw error;
      }
    });
  }

  /** The figures a publication would carry, for a campaign not closed at the cut: no close to name. */
  private async openFigures(manager: EntityManager, campaignId: string): Promise<ComparableScores> {
    const { figures } = await campaignFigures(manager, SCHEMA, campaignId);
    return { ...figures, close: null };
  }
}
