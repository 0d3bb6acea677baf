import { DataOf, CampaignScoresPublished } from '@hailong/contracts';
import { EntityManager } from 'typeorm';
import { BreakdownRequest, BreakdownResult, BreakdownUnavailable, computeBreakdown } from './campaign-breakdown';
import { DEFAULT_REPLICATES, publishedPart, SEED_RULE } from './figures';

export type CampaignScoresPublishedData = DataOf<typeof CampaignScoresPublished>;

/** Next offset per partition (as Kafka prints offsets: decimal strings). */
export type PartitionOffsets = Readonly<Record<number, string>>;

/** Where a consumer group of this schema stands on a topic, from the offsets stored with its read model. */
export async function readStoredOffsets(
  manager: EntityManager,
  schema: string,
  consumerGroup: string,
  topic: string,
): Promise<Record<number, string>> {
  const rows: { partition: number; next_offset: string }[] = await manager.query(
    `SELECT partition, next_offset FROM "${schema}".consumer_offsets WHERE consumer_group = $1 AND topic = $2`,
    [consumerGroup, topic],
  );
  return Object.fromEntries(rows.map((r) => [r.partition, String(r.next_offset)]));
}

/** Whether `stored` has reached `target` on every partition of `target` (a partition never stored is at 0). */
export function offsetsReached(stored: PartitionOffsets, target: PartitionOffsets): boolean {
  return Object.entries(target).every(([partition, end]) => BigInt(stored[Number(partition)] ?? '0') >= BigInt(end));
}

/** A publication's figures and method, without what only a publication has (its id, the close, the offsets). */
export type CampaignFigures = Omit<CampaignScoresPublishedData, 'publicationId' | 'close' | 'computedFrom'>;

/**
 * Every figure a publication carries, for a campaign in any status: on-time responses only, units as
 * they were, by unit, unit type and channel. The one definition of "the published figures" — the
 * audit's replay computes exactly these to compare them.
 */
export async function campaignFigures(
  manager: EntityManager,
  schema: string,
  campaignId: string,
): Promise<{ status: string; figures: CampaignFigures }> {
  const base: Omit<BreakdownRequest, 'by'> = {
    campaignId,
    structure: 'as-it-was',
    on: '2000-01-01',
    under: null,
    period: 'campaign',
    respondentField: null,
    timeliness: 'on-time',
    from: null,
    to: null,
    channel: null,
    procedureId: null,
  };
  const byUnit: BreakdownResult = await computeBreakdown(manager, schema, { ...base, by: 'unit' });
  const byUnitType = await computeBreakdown(manager, schema, { ...base, by: 'unitType' });
  const byChannel = await computeBreakdown(manager, schema, { ...base, by: 'channel' });
  const campaign = byUnit.campaign;
  return {
    status: campaign.status,
    figures: {
      campaignId,
      questionnaire: campaign.questionnaire,
      method: {
        confidence: 0.95,
        minimumSample: campaign.minimumSample,
        bootstrapReplicates: DEFAULT_REPLICATES,
        seedRule: SEED_RULE,
        structure: 'as-it-was',
      },
      responses: byUnit.responses,
      campaign: publishedPart(byUnit.total),
      byUnit: byUnit.groups.map(publishedPart),
      byUnitType: byUnitType.groups.map(publishedPart),
      byChannel: byChannel.groups.map(publishedPart),
    },
  };
}

/**
 * Every figure a publication carries, computed in the caller's transaction (which must see one
 * snapshot: the counters and the offsets it records).
 */
export async function publishedScores(
  manager: EntityManager,
  schema: string,
  input: {
    readonly campaignId: string;
    readonly publicationId: string;
    readonly computedFrom: CampaignScoresPublishedData['computedFrom'];
  },
): Promise<CampaignScoresPublishedData> {
  const { status, figures } = await campaignFigures(manager, schema, input.campaignId);
  if (status !== 'closed') {
    throw new BreakdownUnavailable(409, 'campaignId', 'only a closed campaign can be published', 'chỉ công bố được chiến dịch đã kết thúc');
  }
  const [{ close_event_id, closed_ledger_sequence }]: { close_event_id: string; closed_ledger_sequence: string | null }[] =
    await manager.query(
      `SELECT closed_event_id AS close_event_id, closed_ledger_sequence FROM "${schema}".campaigns WHERE campaign_id = $1`,
      [input.campaignId],
    );
  const { campaignId, questionnaire, ...rest } = figures;
  return {
    campaignId,
    publicationId: input.publicationId,
    questionnaire,
    close: { eventId: close_event_id, ledgerSequence: closed_ledger_sequence === null ? null : Number(closed_ledger_sequence) },
    computedFrom: input.computedFrom,
    ...rest,
  };
}
