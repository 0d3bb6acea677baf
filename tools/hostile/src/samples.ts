import { createHash } from 'node:crypto';
import { Endpoint, isFreeText, kindOf, Schema } from './openapi';

/**
 * What the platform under attack already holds, so a case can aim past the first check: a known
 * unit makes an out-of-range level reach the level check instead of stopping at "unknown unit".
 */
export interface Fixtures {
  /** Ids that exist, by the name of the parameter or field that carries them (`unitId`, `parentId`, `campaignId`). */
  readonly known: Readonly<Record<string, string>>;
  /** Ids of things that existed but are over (a dissolved unit, a closed campaign), by the same names. */
  readonly expired: Readonly<Record<string, string>>;
  /** A unit of its own for each endpoint with a `{unitId}` in its path, so an accepted case there cannot spoil another endpoint's cases. */
  readonly unitPerEndpoint: Readonly<Record<string, string>>;
  readonly tokens: HostileTokens;
  /** What could not be prepared through the API (the corpus runs without it; the spec reports it). */
  readonly problems?: readonly string[];
}

export interface HostileTokens {
  /** Signed by the platform's key, every role: passes any role check, so the request reaches validation. */
  readonly allRoles: string;
  /** Signed by the platform's key, every role, expired ten minutes ago. */
  readonly expired: string;
  /** Signed by the platform's key for another audience. */
  readonly wrongAudience: string;
  /** Signed by the platform's key for another issuer. */
  readonly wrongIssuer: string;
  /** Signed by a key the platform does not know. */
  readonly foreignKey: string;
}

/** Deterministic "fresh" values: each case gets codes and keys nobody else used, the same on every run. */
export class FreshValues {
  private n = 0;
  constructor(private readonly seed: string) {}

  next(): number {
    return ++this.n;
  }
  uuid(): string {
    const h = createHash('sha256').update(`${this.seed}:${this.next()}`).digest('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
  /** Digits only, so it fits both a unit code and an area code pattern. */
  code(): string {
    return `9${String(this.next()).padStart(5, '0')}`;
  }
  key(): string {
    return `hostile-${this.seed}-${this.next()}`;
  }
}

/** A random-looking but well-formed id nothing in the platform has. */
export const UNKNOWN_UUID = '7f3c2a9e-5b1d-4c8e-9a6f-0d2b4e6a8c10';

const DATE_NAME = /(date|^on$|valid(from|to)|from$|to$|until$|since$|At$)/i;
const ID_NAME = /(Id|^id)$/;
const IDS_NAME = /Ids$/;
const KEY_NAME = /(key|token|nonce)$/i;
const CODE_NAME = /code$/i;
const PHONE_NAME = /(phone|tel|mobile|contact|sdt)/i;

/**
 * A value the schema accepts, as far as the document tells: examples, enums, bounds, the fixture id
 * for a field named like one. The result is a base a case mutates in one place only.
 */
export function sampleValue(schema: Schema, name: string, fixtures: Fixtures, fresh: FreshValues, depth = 0): unknown {
  if (schema.enum) return schema.enum[0];
  const kind = kindOf(schema);
  if (kind === 'string' || (kind === 'unknown' && (ID_NAME.test(name) || schema.format === 'uuid')))
    return sampleString(schema, name, fixtures, fresh);
  switch (kind) {
    case 'number':
    case 'integer': {
      const value =
        typeof schema.example === 'number' ? schema.example : typeof schema.default === 'number' ? schema.default : (schema.minimum ?? 1);
      return schema.maximum !== undefined ? Math.min(value, schema.maximum) : value;
    }
    case 'boolean':
      return typeof schema.default === 'boolean' ? schema.default : false;
    case 'array': {
      if (IDS_NAME.test(name)) {
        const single = name.replace(/Ids$/, 'Id');
        return [fixtures.known[single] ?? fixtures.known['unitId'] ?? fresh.uuid()];
      }
      const count = Math.max(1, schema.minItems ?? 1);
      return Array.from({ length: count }, () => sampleValue(schema.items ?? {}, singular(name), fixtures, fresh, depth + 1));
    }
    case 'object':
      if (!schema.properties) return {};
      return sampleObject(schema, fixtures, fresh, depth + 1);
    default:
      return schema.example ?? (schema.nullable ? null : 'Hài Lòng');
  }
}

/** The required properties of an object schema, each with a sample value. */
export function sampleObject(schema: Schema, fixtures: Fixtures, fresh: FreshValues, depth = 0): Record<string, unknown> {
  if (depth > 6) return {};
  const out: Record<string, unknown> = {};
  for (const property of schema.required ?? []) {
    const propertySchema = schema.properties?.[property];
    if (propertySchema) out[property] = sampleValue(propertySchema, property, fixtures, fresh, depth);
  }
  return out;
}

function sampleString(schema: Schema, name: string, fixtures: Fixtures, fresh: FreshValues): string {
  if (schema.format === 'uuid' || ID_NAME.test(name)) return fixtures.known[name] ?? fixtures.known['unitId'] ?? fresh.uuid();
  if (schema.format === 'password') return 'hostile-password-1234567890';
  if (schema.format === 'date-time') return '2024-06-01T08:00:00+07:00';
  const example = typeof schema.example === 'string' ? schema.example : undefined;
  if (schema.format === 'date' || DATE_NAME.test(name) || (example && /^\d{4}-\d{2}-\d{2}$/.test(example))) return example ?? '2024-06-01';
  if (/^username$/i.test(name)) return `hostile.user${fresh.next()}`;
  // A respondent's contact: a real-looking number, so the scan of topics and logs has something to miss.
  if (PHONE_NAME.test(name)) return '0912 345 678';
  if (KEY_NAME.test(name)) return fresh.key();
  if (CODE_NAME.test(name)) return fresh.code();
  const base = example ?? (isFreeText(schema) ? 'Hài Lòng' : 'x');
  return schema.minLength && base.length < schema.minLength ? base.padEnd(schema.minLength, 'x') : base;
}

function singular(name: string): string {
  return name.endsWith('s') ? name.slice(0, -1) : name;
}

/** Required query parameters with sample values (optional ones are left out of the base request). */
export function baseQuery(endpoint: Endpoint, fixtures: Fixtures, fresh: FreshValues): Record<string, string> {
  const query: Record<string, string> = {};
  for (const parameter of endpoint.parameters.filter((p) => p.in === 'query' && p.required)) {
    query[parameter.name] = String(sampleValue(parameter.schema ?? {}, parameter.name, fixtures, fresh));
  }
  return query;
}
