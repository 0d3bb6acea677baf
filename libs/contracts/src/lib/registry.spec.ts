import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { eventHash, canonicalJson } from './canonical';
import { EventEnvelope } from './envelope';
import { defineEvent } from './event-definition';
import { platformEvents } from './events';
import { EventDecodeError, EventRegistry } from './registry';

const fixturesDir = join(__dirname, '..', 'fixtures');
const fixture = (name: string): EventEnvelope =>
  JSON.parse(readFileSync(join(fixturesDir, name), 'utf8'));

describe('platform event registry', () => {
  it.each(readdirSync(fixturesDir).filter((f) => f.endsWith('.json')))(
    'still decodes the published fixture %s',
    (name) => {
      const raw = fixture(name);
      const decoded = platformEvents.decode(Buffer.from(JSON.stringify(raw)));
      expect(decoded.type).toBe(raw.type);
      expect(decoded.id).toBe(raw.id);
    },
  );

  it('encodes canonically, so key order and spacing do not change the bytes or the hash', () => {
    const raw = fixture('ResponseSubmitted.v1.json');
    const reversed = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(reversed)
        : v && typeof v === 'object'
          ? Object.fromEntries(
              Object.entries(v)
                .reverse()
                .map(([k, x]) => [k, reversed(x)]),
            )
          : v;
    const shuffled = reversed(raw) as EventEnvelope;
    expect(JSON.stringify(shuffled)).not.toBe(JSON.stringify(raw));
    expect(platformEvents.encode(shuffled).toString()).toBe(
      platformEvents.encode(raw).toString(),
    );
    expect(eventHash(shuffled)).toBe(eventHash(raw));
  });

  it('pins the hash of a published fixture, so the canonical encoding cannot drift unnoticed', () => {
    // Computed independently: Python's json.dumps(sort_keys=True, separators=(',', ':'),
    // ensure_ascii=False), which equals RFC 8785 for a document without floating-point numbers.
    expect(eventHash(fixture('UnitRegistered.v1.json'))).toBe(
      'e7893d019564555cf2f05bf8851fc36e53b7a579b9d6b31763cd7dace260384a',
    );
  });

  it('refuses bytes that are not JSON, naming the reason', () => {
    expect(() => platformEvents.decode(Buffer.from('not json'))).toThrow(
      /not JSON/,
    );
  });

  it('refuses an envelope with a missing field', () => {
    const { id: _id, ...withoutId } = fixture('UnitRegistered.v1.json');
    expect(() => platformEvents.decode(withoutId)).toThrow(/bad envelope: id/);
  });

  it('refuses an unknown event type', () => {
    expect(() =>
      platformEvents.decode({
        ...fixture('UnitRegistered.v1.json'),
        type: 'UnitTeleported',
      }),
    ).toThrow(EventDecodeError);
  });

  it('refuses data that breaks its schema, naming the field', () => {
    const raw = fixture('ResponseSubmitted.v1.json');
    const bad = {
      ...raw,
      data: { ...(raw.data as object), answers: [{ itemId: 'A1', level: 6 }] },
    };
    expect(() => platformEvents.decode(bad)).toThrow(/answers\.0\.level/);
  });

  it('refuses text that is not Unicode NFC', () => {
    const raw = fixture('UnitRegistered.v1.json');
    const bad = {
      ...raw,
      data: { ...(raw.data as object), nameVi: 'Vĩnh Yên'.normalize('NFD') },
    };
    expect(() => platformEvents.decode(bad)).toThrow(/NFC/);
  });
});

describe('upcasting', () => {
  // A made-up event with three versions: v1 had a single name, v2 split it by language, v3 added a code.
  const Renamed = defineEvent({
    type: 'ThingRenamed',
    version: 3,
    topic: 'things',
    schema: z
      .object({ nameVi: z.string(), nameEn: z.string(), code: z.string() })
      .strict(),
    previous: [
      {
        version: 1,
        schema: z.object({ name: z.string() }).strict(),
        upcast: (d) => ({
          nameVi: (d as { name: string }).name,
          nameEn: (d as { name: string }).name,
        }),
      },
      {
        version: 2,
        schema: z.object({ nameVi: z.string(), nameEn: z.string() }).strict(),
        upcast: (d) => ({ ...(d as object), code: 'unknown' }),
      },
    ],
    partitionKey: (d) => d.code,
  });
  const registry = new EventRegistry([Renamed]);
  const envelope = (schemaVersion: number, data: unknown) => ({
    ...fixture('UnitRegistered.v1.json'),
    type: 'ThingRenamed',
    schemaVersion,
    data,
  });

  it('lifts a v1 event through every step to the current version', () => {
    expect(registry.decode(envelope(1, { name: 'Vĩnh Yên' })).data).toEqual({
      nameVi: 'Vĩnh Yên',
      nameEn: 'Vĩnh Yên',
      code: 'unknown',
    });
  });

  it('lifts a v2 event one step', () => {
    expect(
      registry.decode(envelope(2, { nameVi: 'a', nameEn: 'b' })).data,
    ).toEqual({ nameVi: 'a', nameEn: 'b', code: 'unknown' });
  });

  it('leaves the event bytes alone: the hash is over what was published, not the upcast form', () => {
    const old = envelope(1, { name: 'x' }) as EventEnvelope;
    expect(canonicalJson(old)).toContain('"name":"x"');
  });

  it('refuses a version it does not know', () => {
    expect(() => registry.decode(envelope(7, {}))).toThrow(
      /unknown schema version 7/,
    );
  });

  it('refuses a definition whose versions have a gap', () => {
    expect(() =>
      defineEvent({
        type: 'Gappy',
        version: 3,
        topic: 't',
        schema: z.object({}),
        previous: [{ version: 1, schema: z.object({}), upcast: (d) => d }],
        partitionKey: () => 'k',
      }),
    ).toThrow(/consecutive/);
  });
});
