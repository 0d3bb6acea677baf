import { Actor as EventActor, CampaignScoresPublished, canonicalJson, createEvent, Topics } from '@hailong/contracts';
import { KafkaProbe, MESSAGING_CONFIG, MessagingConfig, OutboxWriter, prefixed } from '@hailong/platform/messaging';
import {
  CampaignScoresPublishedData,
  offsetsReached,
  PartitionOffsets,
  publishedScores,
  readCampaign,
  readStoredOffsets,
} from '@hailong/scoring/data-access';
import { BeforeApplicationShutdown, ConflictException, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { campaignUnknownToScoring } from '../../http/not-found';
import { SCORING_SCHEMA } from '../../migrations';
import { SCORES_PROJECTION } from '../../projections/scores.projection';

/** Kafka's default largest message (1 MiB) less room for the envelope: a bigger publication would never be delivered. */
const MAX_EVENT_BYTES = 900_000;

export interface PublicationView {
  readonly campaignId: string;
  readonly publicationId: string;
  readonly status: 'waiting' | 'published';
  readonly requestedAt: string;
  readonly requestedBy: EventActor;
  /** The response topic's end offsets when publication was asked for: what scoring waits to have applied. */
  readonly waitingFor: PartitionOffsets;
  readonly publishedAt: string | null;
  readonly eventId: string | null;
  readonly lastError: string | null;
  /** The published event's data: every published figure and the offsets they were computed from. */
  readonly published: CampaignScoresPublishedData | null;
}

interface PublicationRow {
  campaign_id: string;
  publication_id: string;
  status: 'waiting' | 'published';
  requested_at: Date;
  requested_by: EventActor;
  correlation_id: string;
  target_offsets: PartitionOffsets;
  published_at: Date | null;
  event_id: string | null;
  last_error: string | null;
  data: CampaignScoresPublishedData | null;
}

const view = (r: PublicationRow): PublicationView => ({
  campaignId: r.campaign_id,
  publicationId: r.publication_id,
  status: r.status,
  requestedAt: r.requested_at.toISOString(),
  requestedBy: r.requested_by,
  waitingFor: r.target_offsets,
  publishedAt: r.published_at?.toISOString() ?? null,
  eventId: r.event_id,
  lastError: r.last_error,
  published: r.data,
});

const problem = (field: string, reason: string, reasonVi: string) => ({
  message: reason,
  messageVi: reasonVi,
  errors: [{ field, reason, reasonVi }],
});

/**
 * Publication of a closed campaign's scores (DESIGN: scoring owns "published").
 *
 * When is every response accepted before the close applied? The argument, link by link:
 * 1. Intake accepts a response while holding its campaign row FOR SHARE, and closes the campaign with the
 *    row FOR UPDATE, so the close commits after every response accepted before it, and its outbox row is
 *    inserted after theirs (outbox.position is taken at insert, after those commits).
 * 2. Intake's relay places outbox rows in ledger order (ORDER BY ledger_sequence NULLS LAST, position)
 *    and sends batch after batch, each `sendBatch` acknowledged by Kafka (acks = -1) before the next batch
 *    is placed. So every response placed before the close is written to the response topic no later than
 *    the close itself (in an earlier batch, or in the close's own batch).
 * 3. Scoring only accepts a publication request once its projection has applied CampaignClosed (status
 *    closed). At that moment the close is in Kafka, and so — by 2 — is every on-time response; the
 *    topic's end offsets, fetched now, lie at or beyond each of them.
 * 4. Scoring publishes once the offsets stored with its read model (committed in the same transaction as
 *    the counters) have reached those end offsets on every partition: every on-time response is then in
 *    the counters. Later events (late responses, placed after the close) may be applied too; they count
 *    as late (see applyScoringEvents) and are in no published figure.
 * The residual gap is inside step 2: within the close's own batch, a multi-broker cluster may make the
 * close readable a moment before a response of the same batch on another broker. Fetching the end
 * offsets when the request arrives (not when the close was applied) leaves at least the request's
 * round trip for that, and the event records the offsets used, so the audit can check that no event
 * placed before the close lies beyond them.
 *
 * The figures and the offsets they record are read in one REPEATABLE READ transaction, so they describe
 * the same state of the read model; the event goes out through the outbox in that transaction.
 */
@Injectable()
export class PublicationService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly log = new Logger('Publication');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private readonly pollMs = Number(process.env['PUBLICATION_POLL_MS'] ?? 500);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly probe: KafkaProbe,
    @Inject(MESSAGING_CONFIG) private readonly config: MessagingConfig,
  ) {}

  get consumerGroup(): string {
    return prefixed(this.config, `scoring.${SCORES_PROJECTION}`);
  }

  get responseTopic(): string {
    return prefixed(this.config, Topics.intakeResponses);
  }

  async find(campaignId: string): Promise<PublicationView | null> {
    const [row]: PublicationRow[] = await this.dataSource.query(`SELECT * FROM "${SCORING_SCHEMA}".publications WHERE campaign_id = $1`, [
      campaignId,
    ]);
    return row ? view(row) : null;
  }

  /** Asks for publication; answers the existing request (or publication) when there is one. */
  async request(campaignId: string, actor: EventActor, correlationId: string): Promise<{ created: boolean; publication: PublicationView }> {
    const existing = await this.find(campaignId);
    if (existing) return { created: false, publication: existing };
    const campaign = await readCampaign(this.dataSource.manager, SCORING_SCHEMA, campaignId);
    if (!campaign) throw campaignUnknownToScoring();
    if (campaign.status !== 'closed') {
      throw new ConflictException({
        statusCode: 409,
        error: 'Conflict',
        ...problem(
          'campaignId',
          `only a closed campaign can be published; scoring has it ${campaign.status}`,
          'chỉ công bố được chiến dịch đã kết thúc',
        ),
      });
    }
    const ends = await this.probe.highWatermarks(this.responseTopic);
    const target = Object.fromEntries([...ends].map(([partition, end]) => [partition, end.toString()]));
    await this.dataSource.query(
      `INSERT INTO "${SCORING_SCHEMA}".publications
         (campaign_id, publication_id, status, requested_at, requested_by, correlation_id, target_offsets)
       VALUES ($1, $2, 'waiting', now(), $3, $4, $5) ON CONFLICT (campaign_id) DO NOTHING`,
      [campaignId, randomUUID(), JSON.stringify(actor), correlationId, JSON.stringify(target)],
    );
    this.kick();
    return { created: true, publication: (await this.find(campaignId)) as PublicationView };
  }

  onApplicationBootstrap(): void {
    this.schedule(this.pollMs);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private kick(): void {
    this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.running) return this.schedule(this.pollMs);
      this.running = this.publishWaiting()
        .catch((error: Error) => this.log.error(`publication round failed: ${error.message}`))
        .finally(() => {
          this.running = null;
          this.schedule(this.pollMs);
        });
    }, ms);
    this.timer.unref();
  }

  /** One round: publishes every waiting campaign whose responses are all applied. */
  async publishWaiting(): Promise<void> {
    const waiting: { campaign_id: string }[] = await this.dataSource.query(
      `SELECT campaign_id FROM "${SCORING_SCHEMA}".publications WHERE status = 'waiting' ORDER BY requested_at`,
    );
    for (const { campaign_id } of waiting) {
      try {
        if (await this.tryPublish(campaign_id)) this.log.log(`published the scores of campaign ${campaign_id}`);
      } catch (error) {
        const message = (error as Error).message.slice(0, 2000);
        this.log.error(`publishing campaign ${campaign_id} failed: ${message}`);
        await this.dataSource.query(`UPDATE "${SCORING_SCHEMA}".publications SET last_error = $2 WHERE campaign_id = $1`, [
          campaign_id,
          message,
        ]);
      }
    }
  }

  private async tryPublish(campaignId: string): Promise<boolean> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const [row]: PublicationRow[] = await manager.query(
        `SELECT * FROM "${SCORING_SCHEMA}".publications WHERE campaign_id = $1 AND status = 'waiting' FOR UPDATE`,
        [campaignId],
      );
      if (!row) return false;
      const stored = await readStoredOffsets(manager, SCORING_SCHEMA, this.consumerGroup, this.responseTopic);
      if (!offsetsReached(stored, row.target_offsets)) return false;
      const offsets = Object.keys(row.target_offsets)
        .map(Number)
        .sort((a, b) => a - b)
        .map((partition) => ({ partition, nextOffset: stored[partition] ?? '0' }));
      const data = await publishedScores(manager, SCORING_SCHEMA, {
        campaignId,
        publicationId: row.publication_id,
        computedFrom: { topic: Topics.intakeResponses, consumerGroup: `scoring.${SCORES_PROJECTION}`, offsets },
      });
      const event = createEvent(CampaignScoresPublished, campaignId, data, {
        source: 'scoring',
        actor: row.requested_by,
        correlationId: row.correlation_id,
      });
      const size = Buffer.byteLength(canonicalJson(event));
      if (size > MAX_EVENT_BYTES)
        throw new Error(`the publication would be ${size} bytes, more than a Kafka message may hold (${MAX_EVENT_BYTES})`);
      await this.outbox.append(manager, [event]);
      await manager.query(
        `UPDATE "${SCORING_SCHEMA}".publications SET status = 'published', published_at = now(), event_id = $2, data = $3, last_error = NULL
          WHERE campaign_id = $1`,
        [campaignId, event.id, JSON.stringify(event.data)],
      );
      return true;
    });
  }
}
