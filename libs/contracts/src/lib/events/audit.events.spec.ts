import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BackCheckSampleDrawn, BackCheckVerdictRecorded } from './audit.events';

const fixture = (name: string) => JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', name), 'utf8')).data;

describe('re-inspection events', () => {
  it('carries re-collected answers with answers-differ and refuses them with any other verdict', () => {
    const differ = fixture('BackCheckVerdictRecorded.v1.json');
    expect(BackCheckVerdictRecorded.schema.safeParse(differ).success).toBe(true);
    expect(BackCheckVerdictRecorded.schema.safeParse({ ...differ, recollectedAnswers: null }).success).toBe(false);
    expect(BackCheckVerdictRecorded.schema.safeParse({ ...differ, verdict: 'confirmed' }).success).toBe(false);
    expect(BackCheckVerdictRecorded.schema.safeParse({ ...differ, verdict: 'confirmed', recollectedAnswers: null }).success).toBe(true);
  });

  it('refuses a sample whose seed is not an unsigned 32-bit integer', () => {
    const drawn = fixture('BackCheckSampleDrawn.v1.json');
    expect(BackCheckSampleDrawn.schema.safeParse(drawn).success).toBe(true);
    expect(BackCheckSampleDrawn.schema.safeParse({ ...drawn, seed: 2 ** 32 }).success).toBe(false);
    expect(BackCheckSampleDrawn.schema.safeParse({ ...drawn, seed: -1 }).success).toBe(false);
  });
});
