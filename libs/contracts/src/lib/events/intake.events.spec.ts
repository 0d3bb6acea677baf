import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalJson, sha256Hex } from '../canonical';
import { EventEnvelope } from '../envelope';
import { platformEvents } from './index';
import { ResponseCorrected, ResponseSubmitted } from './intake.events';

const fixture = (name: string): EventEnvelope => JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', name), 'utf8'));

describe('intake events', () => {
  it('lifts a v1 ResponseSubmitted to v2 with its unit and answers unchanged and no campaign', () => {
    const v1 = fixture('ResponseSubmitted.v1.json');
    const decoded = platformEvents.decode(v1);
    expect(decoded.schemaVersion).toBe(1);
    expect(decoded.data).toEqual({
      ...(v1.data as object),
      campaignId: null,
      questionnaire: null,
      procedureId: null,
      serviceDate: null,
      collectedBy: null,
      form: { startedAt: null, finishedAt: null },
      expectations: [],
      profileGroups: {},
      personal: null,
      late: false,
    });
    expect(ResponseSubmitted.version).toBe(3);
  });

  it('reads a v2 response as on time, and a v3 tablet response synced after the close as late', () => {
    expect(platformEvents.decode(fixture('ResponseSubmitted.v2.json')).data).toMatchObject({ late: false });
    const v3 = platformEvents.decode(fixture('ResponseSubmitted.v3.json'));
    expect(v3.schemaVersion).toBe(3);
    expect(v3.data).toMatchObject({ channel: 'tablet', collectedBy: { kind: 'device' }, late: true });
  });

  it('decodes a v2 response with its personal data as ciphertext and the respondent key id', () => {
    const decoded = platformEvents.decode(fixture('ResponseSubmitted.v2.json')).data as { personal: Record<string, string> };
    expect(Object.keys(decoded.personal).sort()).toEqual(['algorithm', 'ciphertext', 'iv', 'respondentKeyId', 'tag']);
  });

  it('keys a response, its void and its correction by the same unit, so they keep their order', () => {
    const unitOf = (name: string) => platformEvents.partitionKeyOf(platformEvents.decode(fixture(name)));
    expect(new Set(['ResponseSubmitted.v2.json', 'ResponseVoided.v1.json', 'ResponseCorrected.v1.json'].map(unitOf))).toEqual(
      new Set(['6c1f0c3e-8a43-4c1e-9d3b-1c7a9e0f5b21']),
    );
  });

  it('refuses a correction whose replacement reuses the original id', () => {
    const raw = fixture('ResponseCorrected.v1.json');
    const data = raw.data as { responseId: string; replacement: object };
    expect(() =>
      platformEvents.decode({ ...raw, data: { ...data, replacement: { ...data.replacement, responseId: data.responseId } } }),
    ).toThrow(/replacement\.responseId/);
    expect(ResponseCorrected.type).toBe('ResponseCorrected');
  });

  it('refuses a key destruction whose reason is free text rather than a code', () => {
    const raw = fixture('RespondentKeyDestroyed.v1.json');
    expect(() => platformEvents.decode({ ...raw, data: { ...(raw.data as object), reason: 'asked by phone 0912345678' } })).toThrow(
      /reason/,
    );
  });

  it('carries a questionnaire version with the hash of its content', () => {
    const { data } = platformEvents.decode(fixture('QuestionnaireVersionPublished.v1.json')) as EventEnvelope<
      string,
      { contentHash: string; content: unknown }
    >;
    expect(sha256Hex(canonicalJson(data.content))).toBe(data.contentHash);
  });
});
