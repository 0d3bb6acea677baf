import { Endpoint, endpointKey, HttpMethod, isFreeText, kindOf, Schema } from './openapi';
import { baseQuery, Fixtures, FreshValues, sampleObject, sampleValue, UNKNOWN_UUID } from './samples';

/**
 * The hostile-input corpus: for every endpoint of the OpenAPI documents, requests of each category
 * of issue 12. Generation is pure (same documents and fixtures, same cases), so a failure names a
 * request that can be sent again by hand.
 */
export const CATEGORIES = [
  'malformed-json',
  'truncated-json',
  'wrong-types',
  'out-of-range',
  'unknown-ids',
  'missing-fields',
  'extra-fields',
  'huge-body',
  'deep-nesting',
  'invalid-utf8',
  'prototype-keys',
  'sql-injection',
  'script-injection',
  'nfd-vietnamese',
  'expired-token',
  'tampered-token',
  'portal-signature',
  'file-import',
] as const;
export type Category = (typeof CATEGORIES)[number];

/**
 * What DESIGN calls for:
 * - `refused`: a 4xx with a JSON error body, nothing written;
 * - `any`: the input is harmless there (an ignored query parameter, a token on a public endpoint,
 *   injection text in a free-text field is just text): any answer but a 5xx; a 4xx must still be
 *   JSON and write nothing;
 * - `normalised`: decomposed Vietnamese where text is accepted: if accepted, only the NFC form is
 *   stored; if refused, not because of that field.
 */
export type Expectation = 'refused' | 'any' | 'normalised';

export interface HostileCase {
  readonly id: string;
  readonly category: Category;
  readonly endpoint: string;
  readonly service: string;
  readonly variant: string;
  readonly method: HttpMethod;
  /** Path and query string, encoded, ready to send. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: Buffer;
  /** Fill `If-Match` at send time with the ETag this path (same service) answers now. */
  readonly ifMatchFrom?: string;
  readonly expect: Expectation;
  readonly nfd?: { readonly field: string; readonly sent: string; readonly nfc: string };
}

export interface CorpusOptions {
  /** The short form (CI) takes the first variants of each category; the full form takes them all. */
  readonly full: boolean;
}

/** Where a value sits in a request, so one mutation can be aimed at it. */
interface Target {
  readonly location: 'body' | 'query' | 'path' | 'header';
  readonly name: string;
  /** For body targets: the keys (and array indexes) from the body's root. */
  readonly at: readonly (string | number)[];
  readonly schema: Schema;
  readonly required: boolean;
}

interface Base {
  readonly endpoint: Endpoint;
  readonly pathParams: Record<string, string>;
  readonly query: Record<string, string>;
  readonly headers: Record<string, string>;
  readonly body: unknown;
  readonly ifMatchFrom?: string;
}

interface Draft {
  variant: string;
  expect: Expectation;
  pathParams?: Record<string, string>;
  /** Replaces the base query entirely. */
  query?: Record<string, string | string[]>;
  /** Raw query string appended as is (for encodings URLSearchParams would fix). */
  rawQuery?: string;
  /** Replaces the path entirely (already encoded). */
  rawPath?: string;
  headers?: Record<string, string | undefined>;
  /** A value to send as JSON, or the exact bytes. `undefined` keeps the base body; `null` sends none. */
  body?: unknown;
  raw?: Buffer | string | null;
  nfd?: HostileCase['nfd'];
}

interface Context {
  readonly base: Base;
  readonly fixtures: Fixtures;
  readonly fresh: FreshValues;
  readonly full: boolean;
  readonly targets: readonly Target[];
  /** True when the endpoint reads a JSON body: body mutations reach its validation. */
  readonly readsBody: boolean;
}

type Generator = (context: Context) => Draft[];

export function generateCorpus(endpoints: readonly Endpoint[], fixtures: Fixtures, options: CorpusOptions): HostileCase[] {
  const cases: HostileCase[] = [];
  for (const endpoint of endpoints) {
    const fresh = new FreshValues(endpointKey(endpoint));
    for (const category of CATEGORIES) {
      const context = contextFor(endpoint, fixtures, fresh, options.full);
      const drafts = GENERATORS[category](context);
      for (const draft of drafts) cases.push(toCase(category, context, draft));
    }
  }
  const seen = new Set<string>();
  for (const c of cases) {
    if (seen.has(c.id)) throw new Error(`two hostile cases share the id ${c.id}`);
    seen.add(c.id);
  }
  return cases;
}

function contextFor(endpoint: Endpoint, fixtures: Fixtures, fresh: FreshValues, full: boolean): Context {
  const pathParams: Record<string, string> = {};
  for (const [, name] of endpoint.path.matchAll(/\{([^}]+)\}/g)) {
    const schema = endpoint.parameters.find((p) => p.in === 'path' && p.name === name)?.schema ?? {};
    pathParams[name] =
      (name === 'unitId' ? fixtures.unitPerEndpoint[endpointKey(endpoint)] : undefined) ??
      fixtures.known[name] ??
      String(sampleValue(schema, name, fixtures, fresh));
  }
  const readsBody = endpoint.body !== null && /json/.test(endpoint.body.contentType);
  const body = readsBody && endpoint.body ? bodySample(endpoint.body.schema, fixtures, fresh) : undefined;
  const headers: Record<string, string> = { authorization: `Bearer ${fixtures.tokens.allRoles}` };
  let ifMatchFrom: string | undefined;
  for (const header of endpoint.parameters.filter((p) => p.in === 'header')) {
    if (/^if-match$/i.test(header.name)) {
      // The ETag of the resource the change is about: the path itself, or one segment up for an action.
      const resource = endpoint.method === 'POST' ? endpoint.path.replace(/\/[^/{}]+$/, '') : endpoint.path;
      ifMatchFrom = fillPath(resource, pathParams);
    } else if (header.required) headers[header.name.toLowerCase()] = String(sampleValue(header.schema ?? {}, header.name, fixtures, fresh));
  }
  const base: Base = { endpoint, pathParams, query: baseQuery(endpoint, fixtures, fresh), headers, body, ifMatchFrom };
  return { base, fixtures, fresh, full, readsBody, targets: targetsOf(endpoint, body) };
}

function bodySample(schema: Schema, fixtures: Fixtures, fresh: FreshValues): unknown {
  return kindOf(schema) === 'object' || schema.properties
    ? sampleObject(schema, fixtures, fresh)
    : sampleValue(schema, 'body', fixtures, fresh);
}

/** Every place a value sits: body properties (two levels down, through arrays), query, path and header parameters. */
function targetsOf(endpoint: Endpoint, body: unknown): Target[] {
  const targets: Target[] = [];
  const walk = (schema: Schema, at: (string | number)[], depth: number) => {
    for (const [name, propertySchema] of Object.entries(schema.properties ?? {})) {
      const path = [...at, name];
      targets.push({ location: 'body', name, at: path, schema: propertySchema, required: (schema.required ?? []).includes(name) });
      if (depth >= 2) continue;
      if (propertySchema.properties && valueAt(body, path) !== undefined) walk(propertySchema, path, depth + 1);
      if (propertySchema.items?.properties && Array.isArray(valueAt(body, path))) walk(propertySchema.items, [...path, 0], depth + 1);
    }
  };
  if (endpoint.body) walk(endpoint.body.schema, [], 1);
  for (const p of endpoint.parameters) {
    if (p.in === 'query' || p.in === 'path' || p.in === 'header')
      targets.push({
        location: p.in,
        name: p.name,
        at: [p.name],
        schema: p.schema ?? {},
        required: p.in === 'path' || Boolean(p.required),
      });
  }
  return targets;
}

// ---------------------------------------------------------------------------------------------
// The categories. Each returns the variants for one endpoint; the short form keeps the first few.
// ---------------------------------------------------------------------------------------------

const GENERATORS: Record<Category, Generator> = {
  'malformed-json': (c) =>
    pick(c, 2, ['{', '{"a":1,}', "{'a':1}", '[1,2', 'nul', '{"a":"\\x"}', '{"a":01}', 'NaN', '{"a" 1}', '}{', '{"a":1}}']).map(
      (text, i) => ({
        variant: `malformed-${i + 1}`,
        expect: 'refused',
        raw: text,
      }),
    ),

  'truncated-json': (c) => {
    const text = JSON.stringify(c.base.body ?? { probe: 'một giá trị' });
    const cuts = pick(c, 2, [Math.floor(text.length / 2), text.length - 1, 1, Math.floor(text.length / 3)]);
    return [...new Set(cuts)]
      .filter((n) => n > 0 && n < text.length)
      .map((n) => ({ variant: `cut-at-${n}`, expect: 'refused', raw: text.slice(0, n) }));
  },

  'wrong-types': (c) => {
    const drafts: Draft[] = [];
    for (const t of limitTargets(c, 4)) {
      const wrong = pick(c, 1, t.location === 'body' ? wrongValuesFor(t.schema) : wrongTextValuesFor(t.schema));
      wrong.forEach((value, i) => drafts.push(mutate(c, t, value, `${targetName(t)}-wrong-${i + 1}`, expectFor(c, t, 'refused'))));
    }
    const wholeBodies = pick(c, 1, [[], 'a string', 42, true, null]);
    wholeBodies.forEach((value, i) =>
      drafts.push({ variant: `whole-body-${i + 1}`, expect: c.readsBody ? 'refused' : 'any', raw: JSON.stringify(value) }),
    );
    return drafts;
  },

  'out-of-range': (c) => {
    const drafts: Draft[] = [];
    for (const t of limitTargets(c, 6)) {
      for (const [label, value, bounded] of pick(c, 2, outOfRangeValuesFor(t))) {
        drafts.push(mutate(c, t, value, `${targetName(t)}-${label}`, bounded ? expectFor(c, t, 'refused') : 'any'));
      }
    }
    if (drafts.length === 0)
      drafts.push({ variant: 'query-limits', expect: 'any', rawQuery: 'limit=-1&page=99999999999999999999&offset=-5' });
    return drafts;
  },

  'unknown-ids': (c) => {
    const drafts: Draft[] = [];
    const isWrite = c.base.endpoint.method !== 'GET';
    for (const t of c.targets.filter((t) => isIdTarget(t))) {
      if (t.location === 'body' && !t.required && /chosen by the caller|generated when absent/i.test(t.schema.description ?? '')) continue;
      // The id a caller gives the thing it creates (`keyId` on POST /portal/signing-keys): an
      // unknown one is simply new.
      if (t.location === 'body' && t.at.length === 1 && isOwnIdOf(c.base.endpoint, t.name)) continue;
      const many = kindOf(t.schema) === 'array';
      drafts.push(
        mutate(
          c,
          t,
          many ? [UNKNOWN_UUID] : UNKNOWN_UUID,
          `${targetName(t)}-unknown`,
          t.location === 'path' || isWrite ? 'refused' : 'any',
        ),
      );
      const expired =
        c.fixtures.expired[t.name.replace(/s$/, '')] ?? (/unit|parent|successor/i.test(t.name) ? c.fixtures.expired['unitId'] : undefined);
      if (expired && (c.full || drafts.length < 4))
        drafts.push(
          mutate(c, t, many ? [expired] : expired, `${targetName(t)}-expired`, isWrite && t.location !== 'path' ? 'refused' : 'any'),
        );
    }
    if (drafts.length === 0)
      drafts.push({
        variant: 'unknown-sub-resource',
        expect: 'refused',
        rawPath: `${fillPath(c.base.endpoint.path, c.base.pathParams)}/${UNKNOWN_UUID}`,
      });
    return drafts;
  },

  'missing-fields': (c) => {
    const drafts: Draft[] = [];
    for (const t of c.targets.filter((t) => t.required && t.location !== 'path')) {
      drafts.push(mutate(c, t, REMOVE, `${targetName(t)}-missing`, 'refused'));
    }
    const needsSomething = c.targets.some((t) => t.required && t.location === 'body');
    drafts.push({ variant: 'empty-object', expect: needsSomething ? 'refused' : 'any', body: {} });
    drafts.push({ variant: 'no-body', expect: needsSomething ? 'refused' : 'any', raw: null, headers: { 'content-type': undefined } });
    if (c.full) {
      drafts.push({ variant: 'empty-json-body', expect: needsSomething ? 'refused' : 'any', raw: '' });
      drafts.push({
        variant: 'json-without-content-type',
        expect: needsSomething ? 'refused' : 'any',
        headers: { 'content-type': undefined },
      });
      drafts.push({ variant: 'body-as-text-plain', expect: needsSomething ? 'refused' : 'any', headers: { 'content-type': 'text/plain' } });
    }
    return drafts;
  },

  'extra-fields': (c) => {
    const extras: [string, Record<string, unknown>][] = pick(c, 1, [
      ['unknown-field', { hostileExtra: 'x' }],
      ['actor-override', { actor: { id: 'intruder', roles: ['admin'] } }],
      ['admin-flag', { isAdmin: true, roles: ['admin'] }],
      ['id-override', { id: UNKNOWN_UUID, recordedAt: '2000-01-01T00:00:00Z', ledger: { sequence: 1 } }],
    ]);
    const drafts: Draft[] = extras.map(([variant, extra]) => ({
      variant,
      expect: c.readsBody && isObject(c.base.body) ? 'refused' : 'any',
      body: { ...(isObject(c.base.body) ? c.base.body : {}), ...extra },
    }));
    const nested = c.targets.find((t) => t.location === 'body' && t.at.length > 1);
    if (nested && (c.full || drafts.length < 3)) {
      const parent = nested.at.slice(0, -1);
      drafts.push({
        variant: `nested-extra-in-${parent.join('.')}`,
        expect: 'refused',
        body: setAt(c.base.body, [...parent, 'hostileExtra'], 'x'),
      });
    }
    drafts.push({ variant: 'extra-query-parameter', expect: 'any', rawQuery: 'hostileExtra=1&admin=true' });
    return drafts;
  },

  'huge-body': (c) => {
    const drafts: Draft[] = [
      {
        variant: 'over-limit-300kb',
        expect: 'refused',
        body: { ...(isObject(c.base.body) ? c.base.body : {}), padding: 'x'.repeat(300 * 1024) },
      },
    ];
    const text = c.targets.find((t) => t.location === 'body' && isFreeText(t.schema, t.name));
    if (text)
      drafts.push(mutate(c, text, 'Hài Lòng '.repeat(22000), `${targetName(text)}-200kb-text`, text.schema.maxLength ? 'refused' : 'any'));
    if (c.full) {
      drafts.push({ variant: 'over-limit-2mb', expect: 'refused', raw: `{"padding":"${'y'.repeat(2 * 1024 * 1024)}"}` });
      drafts.push({
        variant: 'forty-thousand-keys',
        expect: c.readsBody ? 'refused' : 'any',
        body: Object.fromEntries(Array.from({ length: 40000 }, (_, i) => [`k${i}`, 1])),
      });
      const list = c.targets.find((t) => t.location === 'body' && kindOf(t.schema) === 'array');
      if (list) {
        const item = (valueAt(c.base.body, list.at) as unknown[] | undefined)?.[0] ?? 'x';
        drafts.push(
          mutate(
            c,
            list,
            Array.from({ length: 20000 }, () => item),
            `${targetName(list)}-20000-items`,
            list.schema.maxItems ? 'refused' : 'any',
          ),
        );
      }
      const query = c.targets.find((t) => t.location === 'query' && kindOf(t.schema) === 'string');
      if (query) drafts.push(mutate(c, query, 'a'.repeat(6000), `${targetName(query)}-6000-chars`, 'any'));
    }
    return drafts;
  },

  'deep-nesting': (c) => {
    const depth = c.full ? 100000 : 20000;
    const drafts: Draft[] = [
      { variant: `array-${depth}-deep`, expect: c.readsBody ? 'refused' : 'any', raw: '['.repeat(depth) + ']'.repeat(depth) },
      {
        variant: `object-${depth / 4}-deep-extra-field`,
        expect: c.readsBody && isObject(c.base.body) ? 'refused' : 'any',
        raw: spliceIntoObject(c.base.body, `"hostileDeep":${'{"a":'.repeat(depth / 4)}1${'}'.repeat(depth / 4)}`),
      },
    ];
    const declared = c.targets.filter((t) => t.location === 'body' && ['object', 'array', 'unknown'].includes(kindOf(t.schema)));
    for (const t of c.full ? declared : declared.slice(0, 1)) {
      drafts.push({
        variant: `${targetName(t)}-deep`,
        expect: 'refused',
        raw: JSON.stringify(setAt(c.base.body, t.at, DEEP_MARK)).replace(`"${DEEP_MARK}"`, '['.repeat(depth / 2) + ']'.repeat(depth / 2)),
      });
    }
    return drafts;
  },

  'invalid-utf8': (c) => {
    // NUL and lone surrogates are valid JSON escapes that PostgreSQL cannot store: first, so the short form has them.
    const sequences: [string, Buffer][] = pick(c, 3, [
      ['nul-escape', Buffer.from('\\u0000', 'latin1')],
      ['lone-continuation', Buffer.from([0xc3, 0x28])],
      ['lone-surrogate-escape', Buffer.from('\\ud800', 'latin1')],
      ['ff-fe', Buffer.from([0xff, 0xfe, 0xfd])],
      ['overlong-slash', Buffer.from([0xc0, 0xaf])],
      ['utf8-surrogate', Buffer.from([0xed, 0xa0, 0x80])],
      ['beyond-unicode', Buffer.from([0xf4, 0x90, 0x80, 0x80])],
      ['raw-control-byte', Buffer.from([0x01])],
    ]);
    const text = c.targets.find((t) => t.location === 'body' && isFreeText(t.schema, t.name) && kindOf(t.schema) === 'string');
    const drafts: Draft[] = sequences.map(([label, bytes]) => {
      const field = text ?? { location: 'body' as const, name: 'note', at: ['note'], schema: {}, required: false };
      const json = JSON.stringify(setAt(isObject(c.base.body) ? c.base.body : {}, field.at, `Hài${BYTES_MARK}Lòng`));
      const [before, after] = json.split(BYTES_MARK);
      // Raw bytes are sent as is; a NUL or lone surrogate as the JSON escape, which is valid JSON but not storable text.
      const expect: Expectation = !c.readsBody ? 'any' : text ? 'any' : 'refused';
      return {
        variant: `${label}-in-${field.name}`,
        expect,
        raw: Buffer.concat([Buffer.from(before, 'utf8'), bytes, Buffer.from(after, 'utf8')]),
      };
    });
    const path = c.targets.find((t) => t.location === 'path');
    if (path)
      drafts.push({
        variant: `${path.name}-invalid-percent-utf8`,
        expect: 'refused',
        pathParams: { [path.name]: RAW_PERCENT + '%C3%28%FF' },
      });
    const query = c.targets.find((t) => t.location === 'query');
    if (query && c.full)
      drafts.push({ variant: `${query.name}-invalid-percent-utf8`, expect: 'any', rawQuery: `${query.name}=%FF%FE%C3%28` });
    drafts.push({
      variant: 'latin1-charset',
      expect: c.readsBody ? 'refused' : 'any',
      headers: { 'content-type': 'application/json; charset=iso-8859-1' },
    });
    return drafts;
  },

  'prototype-keys': (c) => {
    const object = isObject(c.base.body) ? c.base.body : {};
    const expect: Expectation = c.readsBody && isObject(c.base.body) ? 'refused' : 'any';
    const drafts: Draft[] = [
      {
        variant: '__proto__-top-level',
        expect,
        raw: spliceIntoObject(object, '"__proto__":{"isAdmin":true,"roles":["admin"],"polluted":"yes"}'),
      },
      { variant: 'constructor-prototype', expect, raw: spliceIntoObject(object, '"constructor":{"prototype":{"polluted":"yes"}}') },
    ];
    const nested = c.targets.find((t) => t.location === 'body' && (kindOf(t.schema) === 'object' || t.at.length > 1));
    if (nested && (c.full || drafts.length < 3)) {
      const at = kindOf(nested.schema) === 'object' ? nested.at : nested.at.slice(0, -1);
      const json = JSON.stringify(setAt(object, [...at, 'hostileMark'], 1)).replace('"hostileMark":1', '"__proto__":{"polluted":"yes"}');
      drafts.push({ variant: `__proto__-in-${at.join('.')}`, expect: 'refused', raw: json });
    }
    drafts.push({ variant: 'query-__proto__', expect: 'any', rawQuery: '__proto__[polluted]=yes&constructor[prototype][polluted]=yes' });
    return drafts;
  },

  'sql-injection': (c) =>
    injections(c, 'sql', [
      "' OR '1'='1",
      "'; DROP TABLE directory.unit_events; --",
      "1' UNION SELECT username, password_hash FROM directory.staff_accounts --",
      "'); SELECT pg_sleep(3); --",
      "x'; COPY (SELECT '') TO PROGRAM 'touch /tmp/hailong-hostile-pwned'; --",
    ]),

  'script-injection': (c) =>
    injections(c, 'script', [
      '<script>alert(1)</script>',
      '"><img src=x onerror=alert(1)>',
      '=HYPERLINK("http://evil.example","bấm vào đây")',
      "-2+3+cmd|' /C calc'!A0",
      '@SUM(1+1)*cmd|" /C calc"!A0',
      '{{7*7}}${7*7}<%= 7*7 %>',
      'javascript:alert(document.cookie)',
    ]),

  'nfd-vietnamese': (c) => {
    const drafts: Draft[] = [];
    for (const t of c.targets.filter((t) => isPersonText(t))) {
      const nfc = `Công an phường Vĩnh Yên — Hài Lòng thử nghiệm ${c.fresh.uuid().slice(0, 8)}`;
      const sent = nfc.normalize('NFD');
      if (t.location === 'body')
        drafts.push({ ...mutate(c, t, sent, `${targetName(t)}-nfd`, 'normalised'), nfd: { field: t.at.join('.'), sent, nfc } });
      else drafts.push(mutate(c, t, sent, `${targetName(t)}-nfd`, 'any'));
    }
    return drafts;
  },

  'expired-token': (c) => [
    { variant: 'expired', expect: tokenExpectation(c), headers: { authorization: `Bearer ${c.fixtures.tokens.expired}` } },
  ],

  'tampered-token': (c) => {
    const token = c.fixtures.tokens.allRoles;
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const forgedPayload = Buffer.from(JSON.stringify({ ...claims, sub: 'intruder', exp: 4102444800 })).toString('base64url');
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const variants: [string, string][] = pick(c, 2, [
      ['payload-changed', `Bearer ${header}.${forgedPayload}.${signature}`],
      ['foreign-key', `Bearer ${c.fixtures.tokens.foreignKey}`],
      ['alg-none', `Bearer ${none}.${forgedPayload}.`],
      ['wrong-audience', `Bearer ${c.fixtures.tokens.wrongAudience}`],
      ['wrong-issuer', `Bearer ${c.fixtures.tokens.wrongIssuer}`],
      ['signature-cut', `Bearer ${header}.${payload}.${signature.slice(0, 10)}`],
      ['garbage', 'Bearer abc.def.ghi'],
      ['basic-scheme', `Basic ${Buffer.from('admin:admin').toString('base64')}`],
      ['empty-bearer', 'Bearer '],
      ['two-tokens', `Bearer ${token} ${token}`],
    ]);
    return variants.map(([variant, authorization]) => ({ variant, expect: tokenExpectation(c), headers: { authorization } }));
  },

  'portal-signature': (c) => portalSignatureCases(c),

  'file-import': (c) => fileImportCases(c),
};

/**
 * Forged and replayed portal signatures (issue 5). Picked up from the OpenAPI document: any endpoint
 * with a header parameter named like a signature. Until the portal channel exists no endpoint has
 * one and this yields nothing. A replayed-signature case needs a validly signed request: give the
 * corpus the portal's signing secret (PORTAL_SIGNING_SECRET_FOR_TESTS) when that issue lands.
 */
function portalSignatureCases(c: Context): Draft[] {
  const signature = c.base.endpoint.parameters.find((p) => p.in === 'header' && /signature|x-portal|x-hub/i.test(p.name));
  if (!signature) return [];
  const name = signature.name.toLowerCase();
  return [
    { variant: 'signature-missing', expect: 'refused', headers: { [name]: undefined } },
    { variant: 'signature-forged', expect: 'refused', headers: { [name]: 'sha256=' + 'ab'.repeat(32) } },
    { variant: 'signature-garbage', expect: 'refused', headers: { [name]: '"><script>' } },
    { variant: 'signature-huge', expect: 'refused', headers: { [name]: 'a'.repeat(8000) } },
  ];
}

/**
 * Huge files, wrong layouts and binary garbage for every endpoint that takes a file: a JSON body
 * with a file-like text field (the directory's reference imports send `csv`), or a multipart
 * upload (the survey's bulk CSV/XLSX import, issue 4) — picked up from the OpenAPI document.
 */
function fileImportCases(c: Context): Draft[] {
  const garbage = Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 193 + 7) % 256));
  const files: [string, string | Buffer][] = pick(c, 4, [
    ['binary-garbage', garbage],
    ['header-only', 'code,name,parent_code\n'],
    ['wrong-layout-semicolons', 'ma;ten;cap\n01;Hà Nội;Tỉnh\n'],
    ['xlsx-bytes-as-csv', Buffer.concat([Buffer.from('PK\u0003\u0004', 'latin1'), garbage.subarray(0, 512)])],
    ['unbalanced-quotes', 'code,name\n"01,"Hà Nội\n'],
    ['formula-cells', 'code,name\n=1+2,=HYPERLINK("http://evil.example")\n'],
    ['bom-only', '\ufeff'],
    ['huge-rows-under-limit', 'code,name\n' + '99999,Xã thử nghiệm rất dài\n'.repeat(7000)],
    ['over-limit', 'code,name\n' + 'x'.repeat(400 * 1024)],
  ]);
  const drafts: Draft[] = [];
  const fileField = c.targets.find(
    (t) => t.location === 'body' && kindOf(t.schema) === 'string' && /csv|file|content|xlsx|data/i.test(t.name),
  );
  if (fileField && c.readsBody) {
    for (const [label, content] of files) {
      const text = Buffer.isBuffer(content) ? content.toString('latin1') : content;
      drafts.push(mutate(c, fileField, text, `${targetName(fileField)}-${label}`, 'refused'));
    }
  }
  const multipart = c.base.endpoint.body && /multipart\/form-data/.test(c.base.endpoint.body.contentType) ? c.base.endpoint.body : null;
  if (multipart) {
    const fileProperty =
      Object.entries(multipart.schema.properties ?? {}).find(([, s]) => s.format === 'binary' || s.type === 'file')?.[0] ?? 'file';
    for (const [label, content] of files) {
      const boundary = `hostile${c.fresh.next()}`;
      const name = label.includes('xlsx') ? 'hostile.xlsx' : 'hostile.csv';
      const raw = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${fileProperty}"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
        ),
        Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      drafts.push({
        variant: `multipart-${label}`,
        expect: 'refused',
        raw,
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      });
    }
    drafts.push({
      variant: 'multipart-no-boundary',
      expect: 'refused',
      raw: 'garbage',
      headers: { 'content-type': 'multipart/form-data' },
    });
  }
  return drafts;
}

function injections(c: Context, kind: string, strings: string[]): Draft[] {
  const chosen = pick(c, 1, strings);
  const drafts: Draft[] = [];
  for (const t of limitTargets(c, 4).filter(
    (t) => kindOf(t.schema) === 'string' || kindOf(t.schema) === 'unknown' || t.location !== 'body',
  )) {
    chosen.forEach((text, i) => {
      // Text a person types may hold any characters and is stored as text; anywhere else (an id, a
      // date, a choice, a code) the value is refused.
      const expect: Expectation =
        t.location === 'body' && isFreeText(t.schema, t.name) ? 'any' : t.location === 'query' ? 'any' : 'refused';
      drafts.push(mutate(c, t, text, `${targetName(t)}-${kind}-${i + 1}`, expectFor(c, t, expect)));
    });
  }
  if (drafts.length === 0)
    chosen.forEach((text, i) =>
      drafts.push({
        variant: `path-suffix-${kind}-${i + 1}`,
        expect: 'refused',
        rawPath: `${fillPath(c.base.endpoint.path, c.base.pathParams)}/${encodeURIComponent(text)}`,
      }),
    );
  return drafts;
}

// ---------------------------------------------------------------------------------------------

const REMOVE = Symbol('remove');
const DEEP_MARK = 'HOSTILEDEEPMARK';
const BYTES_MARK = 'HOSTILEBYTESMARK';
/** Marks a path parameter that is already percent-encoded (to send bytes that are not UTF-8). */
const RAW_PERCENT = '\u0002raw:';

function pick<T>(c: Context, shortCount: number, list: T[]): T[] {
  return c.full ? list : list.slice(0, shortCount);
}

/** In the short form, a few targets per endpoint (the required ones first); all of them in the full form. */
function limitTargets(c: Context, shortCount: number): readonly Target[] {
  if (c.full) return c.targets;
  return [...c.targets].sort((a, b) => Number(b.required) - Number(a.required)).slice(0, shortCount);
}

function targetName(t: Target): string {
  return t.location === 'body' ? t.at.join('.') : `${t.location}.${t.name}`;
}

/** A body mutation reaches validation only where the endpoint reads a body. */
function expectFor(c: Context, t: Target, expect: Expectation): Expectation {
  return t.location === 'body' && !c.readsBody ? 'any' : expect;
}

function tokenExpectation(c: Context): Expectation {
  return c.base.endpoint.secured ? 'refused' : 'any';
}

/** Is `name` the id of what a POST to this collection creates (`unitId` for /units, `keyId` for /signing-keys)? */
function isOwnIdOf(endpoint: Endpoint, name: string): boolean {
  if (endpoint.method !== 'POST' || /\}$/.test(endpoint.path)) return false;
  const last = endpoint.path.split('/').filter(Boolean).pop() ?? '';
  const noun = (last.split('-').pop() ?? '').replace(/ies$/, 'y').replace(/s$/, '');
  return name.toLowerCase() === `${noun}id`;
}

function isIdTarget(t: Target): boolean {
  return t.schema.format === 'uuid' || /(Id|Ids)$/.test(t.name);
}

/** Fields where a person writes Vietnamese: names, reasons, comments. Codes and usernames have their own alphabets. */
function isPersonText(t: Target): boolean {
  if (kindOf(t.schema) !== 'string' || t.schema.enum || t.schema.format || t.schema.pattern) return false;
  const example = typeof t.schema.example === 'string' ? t.schema.example : '';
  if (/^username$/i.test(t.name)) return false;
  return /[^\u0020-\u007e]/.test(example) || /(name|reason|text|comment|label|title|description|note|message|^q$)/i.test(t.name);
}

/** In a query string, a path or a header everything is text: a wrong type is a list (a repeated key) or text where a number belongs. */
function wrongTextValuesFor(schema: Schema): unknown[] {
  const kind = kindOf(schema);
  return kind === 'number' || kind === 'integer' || kind === 'boolean' ? ['abc', ['1', '2']] : [['a', 'b']];
}

function wrongValuesFor(schema: Schema): unknown[] {
  switch (kindOf(schema)) {
    case 'string':
      return [12345, { $ne: null }, ['x'], true];
    case 'number':
    case 'integer':
      return ['5', { $gt: 0 }, [1], true];
    case 'boolean':
      return ['true', 1, {}];
    case 'array':
      return ['not a list', { 0: 'a' }, 7];
    case 'object':
      return ['not an object', [1, 2], 7];
    default:
      return [{ nested: { value: 1 } }, [[1]], 'x'.repeat(3)];
  }
}

/** [label, value, whether the document bounds it (so refusal is due)]. */
function outOfRangeValuesFor(t: Target): [string, unknown, boolean][] {
  const s = t.schema;
  const kind = kindOf(s);
  const values: [string, unknown, boolean][] = [];
  if (kind === 'number' || kind === 'integer') {
    if (s.maximum !== undefined) values.push(['above-maximum', s.maximum + 1, true]);
    if (s.minimum !== undefined) values.push(['below-minimum', s.minimum - 1, true]);
    values.push(['huge', 1e308, s.maximum !== undefined]);
    values.push(['fraction', 2.5, kind === 'integer']);
    values.push(['negative', -1, s.minimum !== undefined && s.minimum > -1]);
    values.push(['unsafe-integer', 2 ** 53 + 2, s.maximum !== undefined]);
    return t.location === 'body' ? values : values.map(([label, value, bounded]) => [label, String(value), bounded]);
  }
  if (kind === 'string') {
    if (s.maxLength !== undefined) values.push(['too-long', 'x'.repeat(s.maxLength + 1), true]);
    const example = typeof s.example === 'string' ? s.example : '';
    if (s.format === 'date' || /^\d{4}-\d{2}-\d{2}$/.test(example) || /date|^on$|validFrom/i.test(t.name))
      values.push(
        ['february-30', '2022-02-30', true],
        ['month-13', '2022-13-01', true],
        ['year-zero', '0000-00-00', true],
        ['year-99999', '99999-01-01', true],
      );
    if (s.format === 'uuid' || /Id$/.test(t.name)) values.push(['uuid-4000-chars', 'a'.repeat(4000), true]);
    if (t.location === 'header') values.push(['etag-huge', `"${'9'.repeat(400)}"`, true]);
  }
  if (kind === 'array') {
    values.push(['empty-list', [], (s.minItems ?? 0) > 0]);
    if (s.maxItems !== undefined) values.push(['too-many', Array.from({ length: s.maxItems + 1 }, () => UNKNOWN_UUID), true]);
  }
  return values;
}

function mutate(c: Context, t: Target, value: unknown, variant: string, expect: Expectation): Draft {
  switch (t.location) {
    case 'path':
      return { variant, expect, pathParams: { [t.name]: value === REMOVE ? '' : String(value) } };
    case 'header':
      return { variant, expect, headers: { [t.name.toLowerCase()]: value === REMOVE ? undefined : String(value) } };
    case 'query': {
      const query: Record<string, string | string[]> = { ...c.base.query };
      if (value === REMOVE) delete query[t.name];
      else query[t.name] = Array.isArray(value) ? value.map(String) : typeof value === 'object' ? JSON.stringify(value) : String(value);
      return { variant, expect, query };
    }
    case 'body':
      return { variant, expect, body: setAt(c.base.body, t.at, value) };
  }
}

function toCase(category: Category, c: Context, d: Draft): HostileCase {
  const endpoint = c.base.endpoint;
  const params = { ...c.base.pathParams, ...d.pathParams };
  let path = d.rawPath ?? fillPath(endpoint.path, params);
  const query = d.query ?? c.base.query;
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) for (const one of Array.isArray(v) ? v : [v]) search.append(k, one);
  const qs = [search.toString(), d.rawQuery ?? ''].filter(Boolean).join('&');
  if (qs) path += `?${qs}`;
  const headers: Record<string, string> = { ...c.base.headers };
  let body: Buffer | undefined;
  if (d.raw !== undefined) body = d.raw === null ? undefined : Buffer.isBuffer(d.raw) ? d.raw : Buffer.from(d.raw, 'utf8');
  else {
    const value = d.body !== undefined ? d.body : c.base.body;
    body = value === undefined ? undefined : Buffer.from(JSON.stringify(value), 'utf8');
  }
  if (body !== undefined) headers['content-type'] = 'application/json';
  for (const [k, v] of Object.entries(d.headers ?? {})) {
    if (v === undefined) delete headers[k];
    else headers[k] = v;
  }
  const removesIfMatch = d.headers && 'if-match' in d.headers;
  return {
    id: `${category} | ${endpointKey(endpoint)} | ${d.variant}`,
    category,
    endpoint: endpointKey(endpoint),
    service: endpoint.service,
    variant: d.variant,
    method: endpoint.method,
    path,
    headers,
    body,
    ifMatchFrom: removesIfMatch ? undefined : c.base.ifMatchFrom,
    expect: d.expect,
    nfd: d.nfd,
  };
}

function fillPath(template: string, params: Record<string, string>): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = params[name] ?? '';
    return value.startsWith(RAW_PERCENT) ? value.slice(RAW_PERCENT.length) : encodeURIComponent(value);
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function valueAt(root: unknown, at: readonly (string | number)[]): unknown {
  return at.reduce<unknown>(
    (node, key) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined),
    root,
  );
}

/** A copy of `root` with the value at `at` replaced (or removed for REMOVE), creating objects on the way. */
function setAt(root: unknown, at: readonly (string | number)[], value: unknown): unknown {
  if (at.length === 0) return value === REMOVE ? undefined : value;
  const [key, ...rest] = at;
  const node: Record<string | number, unknown> | unknown[] = Array.isArray(root)
    ? [...root]
    : isObject(root)
      ? { ...root }
      : typeof key === 'number'
        ? []
        : {};
  const child = setAt((node as Record<string | number, unknown>)[key], rest, value);
  if (child === undefined && rest.length === 0 && value === REMOVE) {
    if (Array.isArray(node)) node.splice(key as number, 1);
    else delete (node as Record<string | number, unknown>)[key];
  } else (node as Record<string | number, unknown>)[key] = child;
  return node;
}

/** The JSON of `object` with `member` (`"key":value` text) as its first member. */
function spliceIntoObject(object: unknown, member: string): string {
  const json = JSON.stringify(isObject(object) ? object : {});
  return json === '{}' ? `{${member}}` : `{${member},${json.slice(1)}`;
}
