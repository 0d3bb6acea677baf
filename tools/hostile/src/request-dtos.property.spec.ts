import 'reflect-metadata';
import { createValidationPipe } from '@hailong/platform/http';
import { BadRequestException } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import fc from 'fast-check';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Property: whatever JSON a caller sends, the global validation pipe over a real request DTO either
 * accepts it or refuses it with the platform's 400 body (`errors: [{ field, reason, reasonVi }]`),
 * never with another error (which the services would answer with a 500).
 *
 * The DTOs are found on disk (`*.request.dto.ts`, `*.query.dto.ts` under apps/ and libs/), so a
 * new endpoint's DTO is fuzzed the day it is written. They are loaded with require() at run time:
 * this tool looks at every service from outside, as a caller does.
 */
const root = join(__dirname, '..', '..', '..');
const DTO_FILE = /\.(request|query)\.dto\.ts$/;

function dtoFiles(): string[] {
  return ['apps', 'libs'].flatMap((top) =>
    (readdirSync(join(root, top), { recursive: true }) as string[])
      .filter((file) => DTO_FILE.test(file) && !file.includes('node_modules'))
      .map((file) => join(root, top, file)),
  );
}

interface DtoUnderTest {
  readonly name: string;
  readonly type: 'body' | 'query';
  readonly dto: new () => object;
  readonly properties: string[];
}

function dtosUnderTest(): DtoUnderTest[] {
  const storage = getMetadataStorage();
  const found: DtoUnderTest[] = [];
  for (const file of dtoFiles()) {
    const exports = require(file) as Record<string, unknown>;
    for (const [exported, value] of Object.entries(exports)) {
      if (typeof value !== 'function') continue;
      const metadata = storage.getTargetValidationMetadatas(value as new () => object, '', true, false);
      if (metadata.length === 0) continue;
      found.push({
        name: `${relative(root, file)} ${exported}`,
        type: file.endsWith('.query.dto.ts') ? 'query' : 'body',
        dto: value as new () => object,
        properties: [...new Set(metadata.map((m) => m.propertyName))],
      });
    }
  }
  return found;
}

/**
 * A request body as the JSON text the server would parse, with a short name for failure reports
 * (a 30 000-deep array is not worth printing, nor is fast-check able to walk it).
 */
interface Body {
  readonly text: string;
  readonly label: string;
}
const body = (text: string, label = text.length > 200 ? `${text.slice(0, 200)}… (${text.length} chars)` : text): Body =>
  Object.assign({ text, label }, { [fc.toStringMethod]: () => label });

/** Any JSON, plus the shapes that break naive code: prototype keys, huge numbers, odd strings. Deep nesting has its own test below. */
const hostileBody = fc.oneof(
  { weight: 6, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => body(JSON.stringify(v) ?? 'null')) },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 1, max: 60 }).map((depth) => body('['.repeat(depth) + ']'.repeat(depth), `array nested ${depth} deep`)),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty')
      .map((key) => body(`{"${key}":{"polluted":true,"roles":["admin"]}}`)),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom('1e308', '-1e308', '9007199254740993', '-0', '"\\u0000"', '"\\ud800"', '"2022-02-30"').map((t) => body(t)),
  },
);

/** Objects with the DTO's own fields (and one it does not have), each holding hostile JSON. */
function objectWith(properties: string[]) {
  return fc
    .array(fc.tuple(fc.constantFrom(...properties, 'hostileExtra', '__proto__'), hostileBody), { maxLength: properties.length + 1 })
    .map((members) => body(`{${members.map(([k, v]) => `${JSON.stringify(k)}:${v.text}`).join(',')}}`));
}

/**
 * What a query string can carry: Express 5 parses it with node:querystring, so every value is text
 * or, for a repeated key, a list of texts — never an object or a number.
 */
const queryText = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom('-1', '0', '1e308', 'NaN', '2022-02-30', '__proto__', "' OR '1'='1", '\u0000'),
);
function queryWith(properties: string[]) {
  return fc
    .dictionary(
      fc.constantFrom(...properties, 'hostileExtra', '__proto__'),
      fc.oneof(queryText, fc.array(queryText, { minLength: 2, maxLength: 3 })),
    )
    .map((query) => body(JSON.stringify(query)));
}

async function validationOutcome(dto: DtoUnderTest, sent: Body): Promise<'accepted' | 'refused'> {
  const value: unknown = JSON.parse(sent.text);
  try {
    await createValidationPipe().transform(value, { type: dto.type, metatype: dto.dto, data: '' });
    return 'accepted';
  } catch (error) {
    if (!(error instanceof BadRequestException))
      throw new Error(`${dto.name} threw ${(error as Error)?.constructor?.name}: ${(error as Error)?.message}`);
    const body = error.getResponse() as { statusCode?: number; errors?: { field?: unknown; reason?: unknown; reasonVi?: unknown }[] };
    if (body.statusCode !== 400 || !Array.isArray(body.errors) || body.errors.length === 0)
      throw new Error(`${dto.name} refused without naming fields: ${JSON.stringify(body).slice(0, 300)}`);
    for (const e of body.errors)
      if (typeof e.field !== 'string' || typeof e.reason !== 'string' || typeof e.reasonVi !== 'string')
        throw new Error(`${dto.name} gave an error without field, reason and reasonVi: ${JSON.stringify(e)}`);
    return 'refused';
  }
}

describe('request DTOs under random JSON (fast-check)', () => {
  const dtos = dtosUnderTest();

  it('finds the DTOs of the services on disk', () => {
    expect(dtos.length).toBeGreaterThanOrEqual(10);
    expect(dtos.map((d) => d.name).join('\n')).toMatch(/RegisterUnitRequestDto/);
  });

  // One test for every DTO: a body nested 20 000 deep (200 KB, under the body limit) must be a 400.
  // Today Nest's ValidationPipe strips `__proto__` keys by recursing over the whole body
  // (stripProtoKeys) before any validation, and overflows the stack: a 500 on every endpoint.
  it('refuses JSON nested 20 000 deep with a 400, whatever the DTO', async () => {
    const deep = body('['.repeat(20000) + ']'.repeat(20000), 'array nested 20000 deep');
    const wrong: string[] = [];
    for (const dto of dtos.filter((d) => d.type === 'body'))
      await validationOutcome(dto, deep).catch((error: Error) => wrong.push(error.message.slice(0, 200)));
    expect(wrong).toEqual([]);
  });

  it.each(dtos.map((d) => [d.name, d] as const))('%s: any JSON is accepted or refused with a 400 naming its fields', async (_, dto) => {
    await fc.assert(
      fc.asyncProperty(dto.type === 'query' ? queryWith(dto.properties) : hostileBody, async (value) => {
        await validationOutcome(dto, value);
      }),
      { numRuns: 100, seed: 12 },
    );
  });

  it.each(dtos.map((d) => [d.name, d] as const))(
    '%s: objects with its own fields, random values, are accepted or refused with a 400',
    async (_, dto) => {
      await fc.assert(
        fc.asyncProperty(dto.type === 'query' ? queryWith(dto.properties) : objectWith(dto.properties), async (value) => {
          await validationOutcome(dto, value);
        }),
        { numRuns: 100, seed: 12 },
      );
    },
  );
});
