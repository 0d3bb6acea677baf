import { CampaignScoresPublished, DataOf, PublishedFigure } from '@hailong/contracts';

type Published = DataOf<typeof CampaignScoresPublished>;

/** One published value the replay did not reproduce: where it is, and both values (null where one side has none). */
export interface FigureDifference {
  /** A path into the published event's data, figures named by key: `byUnit[unit:<id>].overall.index`. */
  readonly path: string;
  readonly published: unknown;
  readonly replayed: unknown;
}

/**
 * What a replay compares: the published event's data, less what only names the publication or the
 * reader. `close` is null for figures of a campaign that was not closed at the replay's cut.
 */
export type ComparableScores = Pick<
  Published,
  'campaignId' | 'questionnaire' | 'method' | 'responses' | 'campaign' | 'byUnit' | 'byUnitType' | 'byChannel'
> & { readonly close: Published['close'] | null };

const FIGURE_LISTS = ['byUnit', 'byUnitType', 'byChannel'] as const;
const SCALARS = ['campaignId', 'questionnaire', 'close', 'method', 'responses'] as const;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every leaf where two JSON values differ. Numbers compare exactly: the replay must reproduce, not approximate. */
function diffValues(path: string, published: unknown, replayed: unknown, out: FigureDifference[]): void {
  if (isObject(published) && isObject(replayed)) {
    for (const key of new Set([...Object.keys(published), ...Object.keys(replayed)])) {
      diffValues(`${path}.${key}`, published[key] ?? null, replayed[key] ?? null, out);
    }
    return;
  }
  if (Array.isArray(published) && Array.isArray(replayed)) {
    // Items and factors carry their ids: name them, so a difference reads as "item X4", not "index 7".
    const keyOf = (entry: unknown, i: number) =>
      isObject(entry) && typeof entry['itemId'] === 'string'
        ? String(entry['itemId'])
        : isObject(entry) && typeof entry['factorId'] === 'string'
          ? String(entry['factorId'])
          : String(i);
    const left = new Map(published.map((entry, i) => [keyOf(entry, i), entry]));
    const right = new Map(replayed.map((entry, i) => [keyOf(entry, i), entry]));
    for (const key of new Set([...left.keys(), ...right.keys()])) {
      diffValues(`${path}[${key}]`, left.get(key) ?? null, right.get(key) ?? null, out);
    }
    return;
  }
  if (published !== replayed) out.push({ path, published, replayed });
}

/**
 * Every published figure the replayed figures differ from, with both values. Figures are matched by
 * their key (a unit, unit type or channel), so a figure only one side has is reported whole.
 */
export function compareScores(published: ComparableScores, replayed: ComparableScores): FigureDifference[] {
  const out: FigureDifference[] = [];
  for (const field of SCALARS) diffValues(field, published[field], replayed[field], out);
  diffValues('campaign', published.campaign, replayed.campaign, out);
  for (const list of FIGURE_LISTS) {
    const left = new Map<string, PublishedFigure>(published[list].map((f) => [f.key, f]));
    const right = new Map<string, PublishedFigure>(replayed[list].map((f) => [f.key, f]));
    for (const key of new Set([...left.keys(), ...right.keys()])) {
      const a = left.get(key);
      const b = right.get(key);
      if (!a || !b) out.push({ path: `${list}[${key}]`, published: a ?? null, replayed: b ?? null });
      else diffValues(`${list}[${key}]`, a, b, out);
    }
  }
  return out;
}
