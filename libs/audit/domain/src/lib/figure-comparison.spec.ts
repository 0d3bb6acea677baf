import { CampaignScoresPublished, platformEvents } from '@hailong/contracts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareScores, ComparableScores } from './figure-comparison';

const fixture = (): ComparableScores => {
  const text = readFileSync(join(__dirname, '../../../../contracts/src/fixtures/CampaignScoresPublished.v1.json'), 'utf8');
  const event = platformEvents.decode(Buffer.from(text));
  return CampaignScoresPublished.schema.parse(event.data);
};

describe('compareScores', () => {
  it('finds no difference between a publication and an exact copy of it', () => {
    expect(compareScores(fixture(), structuredClone(fixture()))).toEqual([]);
  });

  it('names one altered figure by its key and field, with the published and the replayed value', () => {
    const published = fixture();
    const replayed = structuredClone(published);
    const unit = replayed.byUnit[0];
    (unit.pooled as { satisfied: number }).satisfied += 1;
    expect(compareScores(published, replayed)).toEqual([
      { path: `byUnit[${unit.key}].pooled.satisfied`, published: published.byUnit[0].pooled.satisfied, replayed: unit.pooled.satisfied },
    ]);
  });

  it('names an item by its id and reports a figure only one side has as a whole', () => {
    const published = fixture();
    const replayed = structuredClone(published);
    const item = replayed.campaign.items[0];
    (item as { valid: number }).valid += 2;
    const dropped = replayed.byChannel.pop();
    const differences = compareScores(published, replayed);
    expect(differences).toContainEqual({
      path: `campaign.items[${item.itemId}].valid`,
      published: published.campaign.items[0].valid,
      replayed: item.valid,
    });
    expect(differences).toContainEqual({ path: `byChannel[${dropped?.key}]`, published: dropped, replayed: null });
    expect(differences).toHaveLength(2);
  });

  it('compares numbers exactly: the last digit of an index is a difference', () => {
    const published = fixture();
    const replayed = structuredClone(published);
    const index = replayed.campaign.overall.index;
    (replayed.campaign.overall as { index: number | null }).index = index === null ? 0.5 : index + 1e-12;
    expect(compareScores(published, replayed).map((d) => d.path)).toEqual(['campaign.overall.index']);
  });
});
