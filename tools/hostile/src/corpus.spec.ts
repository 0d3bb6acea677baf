import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATEGORIES, Category, generateCorpus } from './corpus';
import { Endpoint, endpointKey, endpointsOf, OpenApiDocument } from './openapi';
import { Fixtures } from './samples';

// The four services' OpenAPI documents as they were served when this corpus was written; the
// end-to-end spec reads the live ones.
const SERVICES = ['unit-directory', 'survey-intake', 'scoring', 'audit'];
const documents = SERVICES.map(
  (s) => [s, JSON.parse(readFileSync(join(__dirname, 'testing', `openapi.${s}.json`), 'utf8')) as OpenApiDocument] as const,
);
const endpoints = documents.flatMap(([service, document]) => endpointsOf(service, document));

const fixtures: Fixtures = {
  known: { unitId: '11111111-1111-4111-a111-111111111111', parentId: '22222222-2222-4222-a222-222222222222' },
  expired: { unitId: '33333333-3333-4333-a333-333333333333' },
  unitPerEndpoint: {},
  tokens: {
    allRoles: `eyJhbGciOiJFZERTQSJ9.${Buffer.from('{"sub":"hostile","roles":["admin"]}').toString('base64url')}.c2ln`,
    expired: 'expired.token.x',
    wrongAudience: 'audience.token.x',
    wrongIssuer: 'issuer.token.x',
    foreignKey: 'foreign.token.x',
  },
};

/** Categories every endpoint gets; the others apply where the endpoint has what they attack. */
const UNIVERSAL: Category[] = [
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
  'expired-token',
  'tampered-token',
];

describe('hostile corpus generation', () => {
  const short = generateCorpus(endpoints, fixtures, { full: false });
  const full = generateCorpus(endpoints, fixtures, { full: true });

  it('reads every operation of the documents', () => {
    expect(endpoints.map(endpointKey)).toEqual(
      expect.arrayContaining(['unit-directory POST /units', 'survey-intake POST /responses', 'audit POST /replay']),
    );
  });

  it('gives every endpoint cases of every category that applies to all endpoints, in both forms', () => {
    for (const cases of [short, full]) {
      const missing = endpoints.flatMap((e) =>
        UNIVERSAL.filter((category) => !cases.some((c) => c.endpoint === endpointKey(e) && c.category === category)).map(
          (category) => `${endpointKey(e)} ${category}`,
        ),
      );
      expect(missing).toEqual([]);
    }
  });

  it('tries at least 200 cases in the short form, more in the full form, with unique ids', () => {
    expect(short.length).toBeGreaterThanOrEqual(200);
    expect(full.length).toBeGreaterThan(short.length);
    expect(new Set(full.map((c) => c.id)).size).toBe(full.length);
    expect(short.every((c) => CATEGORIES.includes(c.category))).toBe(true);
  });

  it('is the same corpus on every run', () => {
    const again = generateCorpus(endpoints, fixtures, { full: false });
    expect(again.map((c) => `${c.id} ${c.path} ${c.body?.toString('base64')}`)).toEqual(
      short.map((c) => `${c.id} ${c.path} ${c.body?.toString('base64')}`),
    );
  });

  it('expects a refusal for malformed JSON and for a stale token on a secured endpoint', () => {
    for (const c of short.filter((c) => c.category === 'malformed-json')) expect(c.expect).toBe('refused');
    const register = short.filter((c) => c.endpoint === 'unit-directory POST /units' && c.category === 'expired-token');
    expect(register.map((c) => c.expect)).toEqual(['refused']);
    const health = short.filter((c) => c.endpoint === 'unit-directory GET /health/live' && c.category === 'expired-token');
    expect(health.map((c) => c.expect)).toEqual(['any']);
  });

  it('sends decomposed Vietnamese only into fields where people write text, expecting it normalised', () => {
    const nfd = full.filter((c) => c.category === 'nfd-vietnamese' && c.expect === 'normalised');
    expect(nfd.map((c) => `${c.endpoint} ${c.nfd?.field}`)).toEqual(
      expect.arrayContaining(['unit-directory POST /units nameVi', 'unit-directory POST /units/{unitId}/rename nameEn']),
    );
    for (const c of nfd) {
      expect(c.nfd?.sent).toBe(c.nfd?.nfc.normalize('NFD'));
      expect(c.nfd?.sent).not.toBe(c.nfd?.nfc);
      expect(c.nfd?.field).not.toMatch(/code|username|Id$/);
    }
  });

  it('sends invalid UTF-8 as raw bytes, not as replacement characters', () => {
    const bytes = short.find((c) => c.category === 'invalid-utf8' && c.variant.startsWith('lone-continuation'));
    expect(bytes?.body?.includes(Buffer.from([0xc3, 0x28]))).toBe(true);
  });

  it('attacks the directory imports with files: wrong layouts, binary garbage, huge files', () => {
    const files = full
      .filter((c) => c.category === 'file-import' && c.endpoint === 'unit-directory POST /imports/admin-units')
      .map((c) => c.variant);
    expect(files).toEqual(expect.arrayContaining(['csv-binary-garbage', 'csv-wrong-layout-semicolons', 'csv-over-limit']));
  });

  it('picks up a portal signature header and a multipart upload as soon as a document declares them', () => {
    const portal: Endpoint = {
      service: 'survey-intake',
      method: 'POST',
      path: '/channels/portal/ratings',
      operationId: null,
      parameters: [{ name: 'X-Portal-Signature', in: 'header', required: true, schema: { type: 'string' } }],
      body: {
        contentType: 'application/json',
        required: true,
        schema: { type: 'object', properties: { dossierId: { type: 'string' } }, required: ['dossierId'] },
      },
      secured: false,
    };
    const upload: Endpoint = {
      service: 'survey-intake',
      method: 'POST',
      path: '/imports/responses',
      operationId: null,
      parameters: [],
      body: {
        contentType: 'multipart/form-data',
        required: true,
        schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } },
      },
      secured: true,
    };
    const cases = generateCorpus([portal, upload], fixtures, { full: true });
    expect(cases.filter((c) => c.category === 'portal-signature').map((c) => c.variant)).toEqual(
      expect.arrayContaining(['signature-missing', 'signature-forged']),
    );
    const multipart = cases.filter((c) => c.category === 'file-import' && c.endpoint.endsWith('/imports/responses'));
    expect(multipart.length).toBeGreaterThan(5);
    expect(multipart.every((c) => c.headers['content-type']?.startsWith('multipart/form-data'))).toBe(true);
  });
});
