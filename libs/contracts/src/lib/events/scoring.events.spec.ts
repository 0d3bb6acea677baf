import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EventEnvelope } from '../envelope';
import { platformEvents } from './index';
import { CampaignScoresPublished } from './scoring.events';

const fixture = (name: string): EventEnvelope => JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', name), 'utf8'));

describe('scoring events', () => {
  it('publishes a campaign’s scores on the scoring topic, keyed by the campaign', () => {
    const event = platformEvents.decode(fixture('CampaignScoresPublished.v1.json'));
    expect(event.type).toBe(CampaignScoresPublished.type);
    expect(platformEvents.partitionKeyOf(event)).toBe('7e6d5c4b-3a29-4817-9605-f4e3d2c1b0a9');
    expect(platformEvents.topicOf(event.type, 'scoring')).toBe('hailong.scoring.events');
  });

  it('refuses an index outside [0, 1], naming the field', () => {
    const raw = fixture('CampaignScoresPublished.v1.json');
    const data = raw.data as { campaign: { overall: object } };
    const bad = { ...raw, data: { ...data, campaign: { ...data.campaign, overall: { index: 1.2, interval: null } } } };
    expect(() => platformEvents.decode(bad)).toThrow(/campaign\.overall\.index/);
  });

  it('refuses a publication without the log positions it was computed from', () => {
    const raw = fixture('CampaignScoresPublished.v1.json');
    const data = raw.data as { computedFrom: object };
    const bad = { ...raw, data: { ...data, computedFrom: { ...data.computedFrom, offsets: [] } } };
    expect(() => platformEvents.decode(bad)).toThrow(/computedFrom\.offsets/);
  });
});
