import { Finding, scanForPersonalData } from '@hailong/platform/testing';
import { existsSync } from 'node:fs';
import { Category, CATEGORIES, Expectation, HostileCase } from './corpus';
import { describeChanges, PlatformState, StateSnapshot } from './platform-state';
import { jsonBodyOf, RawResponse, sendRaw } from './raw-http';

/** A running service the corpus talks to, with a way to bring it back if a case brings it down. */
export interface HostileService {
  readonly name: string;
  readonly url: string;
  isAlive(): Promise<boolean>;
  restart(): Promise<void>;
  recentOutput(): string;
}

/**
 * What went wrong with a case, if anything:
 * - `server-error`: a 5xx; `crash`: the connection dropped or the process died; `timeout`: no answer;
 * - `not-json`: a 4xx whose body is not a JSON error;
 * - `written`: refused, yet a row count or a topic offset changed;
 * - `accepted`: a 2xx/3xx where DESIGN calls for a refusal;
 * - `nfd-stored`: decomposed Vietnamese accepted and stored as sent; `nfd-refused`: refused because of that field;
 * - `slow`: answered, but after more than 2.5 s (an injected `pg_sleep` would show here).
 */
export type Problem = 'server-error' | 'crash' | 'timeout' | 'not-json' | 'written' | 'accepted' | 'nfd-stored' | 'nfd-refused' | 'slow';
export const PROBLEMS: readonly Problem[] = [
  'server-error',
  'crash',
  'timeout',
  'not-json',
  'written',
  'accepted',
  'nfd-stored',
  'nfd-refused',
  'slow',
];

export interface CaseRecord {
  readonly id: string;
  readonly category: Category;
  readonly endpoint: string;
  readonly variant: string;
  readonly expect: Expectation;
  readonly status: number | 'connection-error' | 'timeout' | 'not-sent';
  readonly ms: number;
  readonly problems: readonly Problem[];
  /** Enough to send the request again by hand. */
  readonly request: {
    readonly method: string;
    readonly url: string;
    readonly headers: Record<string, string>;
    readonly bodyPreview: string | null;
    readonly bodyBytes: number;
  };
  readonly answer?: string;
  readonly changes?: readonly string[];
}

export interface HostileReport {
  readonly mode: 'short' | 'full';
  readonly cases: number;
  readonly endpoints: number;
  readonly byStatus: Record<string, number>;
  readonly byCategory: Record<string, { cases: number; byStatus: Record<string, number> }>;
  /** Every case answered with a 5xx, with the request that caused it. */
  readonly fiveHundreds: readonly CaseRecord[];
  /** Refused cases that changed a row count or a topic offset. */
  readonly written: number;
  readonly writtenCases: readonly CaseRecord[];
  readonly problems: Record<Problem, readonly CaseRecord[]>;
  /** Decomposed-Vietnamese cases accepted and stored composed (NFC): the normalisation really ran somewhere. */
  readonly nfdAcceptedAndNormalised: number;
  /** Categories no endpoint offers yet (portal signatures, file uploads), so the reader sees what is not covered. */
  readonly categoriesWithoutCases: readonly Category[];
  /** The SQL-injection cases try `COPY ... TO PROGRAM 'touch <this file>'`: it must not exist afterwards. */
  readonly sqlInjectionCanary: { readonly path: string; readonly exists: boolean };
  /** Phone numbers and key material found in clear; error bodies here, logs and topics added by the caller. */
  readonly personalData: {
    errorBodies: readonly LeakRecord[];
    logs: readonly LeakRecord[];
    topics: readonly LeakRecord[];
    /** How much was looked at, so an empty list means "nothing found", not "nothing read". */
    scanned: { errorBodies: number; logCharacters: number; topicMessages: number };
  };
  readonly durationMs: number;
}

/** Where something was found in clear: a case id, a service's log, a topic position. */
export interface LeakRecord {
  readonly where: string;
  readonly findings: readonly Pick<Finding, 'kind' | 'masked' | 'normalized'>[];
}

/** Scans `text` and returns a record when it holds a phone number or key material. */
export function leaksIn(where: string, text: string | Uint8Array): LeakRecord | null {
  const findings = scanForPersonalData(text).map(({ kind, masked, normalized }) => ({ kind, masked, normalized }));
  return findings.length > 0 ? { where, findings } : null;
}

/**
 * Tables a refused request may change by design, each with its reason. Anything else changed by a
 * refusal counts as written.
 */
export const BOOKKEEPING_TABLES: readonly { readonly table: RegExp; readonly reason: string }[] = [
  {
    table: /\.rate_limit_windows$/,
    reason: 'rate limiting counts every attempt on the public endpoints, the refused ones first of all',
  },
];

function isBookkeeping(change: string): boolean {
  const [kind, table] = change.split(' ');
  return kind === 'rows' && BOOKKEEPING_TABLES.some((b) => b.table.test(table));
}

export const SQL_CANARY = '/tmp/hailong-hostile-pwned';
const SLOW_MS = 2500;

export interface RunOptions {
  readonly mode: 'short' | 'full';
  readonly services: readonly HostileService[];
  readonly state: PlatformState;
  /** Used only to read ETags for If-Match, never for the cases themselves. */
  readonly readToken: string;
  readonly log?: (line: string) => void;
}

export async function runCorpus(cases: readonly HostileCase[], options: RunOptions): Promise<HostileReport> {
  const started = Date.now();
  const serviceOf = new Map(options.services.map((s) => [s.name, s]));
  const records: CaseRecord[] = [];
  const errorBodyLeaks: LeakRecord[] = [];
  let errorBodies = 0;
  let nfdAccepted = 0;
  let before: StateSnapshot = await options.state.settle();
  for (const [index, hostile] of cases.entries()) {
    const service = serviceOf.get(hostile.service);
    if (!service) throw new Error(`no running service ${hostile.service} for ${hostile.id}`);
    const headers = { ...hostile.headers };
    if (hostile.ifMatchFrom) {
      const etag = (await sendRaw(service.url, 'GET', hostile.ifMatchFrom, { authorization: `Bearer ${options.readToken}` })).headers[
        'etag'
      ];
      if (typeof etag === 'string') headers['if-match'] = etag;
    }
    const response = await sendRaw(service.url, hostile.method, hostile.path, headers, hostile.body);
    const problems: Problem[] = [];
    let changes: string[] = [];

    if (response.status === 'not-sent') {
      // The generator made a request no HTTP client can send; it tests nothing and is only counted.
    } else if (response.status === 'connection-error' || !(await service.isAlive())) {
      problems.push('crash');
      if (!(await service.isAlive())) {
        options.log?.(`!! ${hostile.service} died on ${hostile.id}; restarting\n${service.recentOutput()}`);
        await service.restart();
      }
    } else if (response.status === 'timeout') problems.push('timeout');
    else {
      const status = response.status;
      if (status >= 500) problems.push('server-error');
      if (response.ms > SLOW_MS) problems.push('slow');
      const refused = status >= 400 && status < 500;
      if (refused) {
        if (!isJsonError(response)) problems.push('not-json');
        if (hostile.nfd && namesField(response, hostile.nfd.field)) problems.push('nfd-refused');
      } else if (status < 400 && hostile.expect === 'refused') problems.push('accepted');
      const after = await options.state.snapshot();
      changes = describeChanges(before, after);
      if ((refused || status >= 500) && changes.some((change) => !isBookkeeping(change))) problems.push('written');
      before = after;
    }

    // A write shows at once (its row and outbox row commit before the answer); what follows it
    // (publication, consumers) is waited for so the next case compares against a platform at rest.
    const acceptedNfd = hostile.nfd !== undefined && typeof response.status === 'number' && response.status < 300;
    if (changes.length > 0 || problems.includes('crash') || acceptedNfd) {
      before = await options.state.settle();
      if (hostile.nfd && acceptedNfd) {
        const stillDecomposed = await options.state.tablesContaining(hostile.nfd.sent);
        const composed = await options.state.tablesContaining(hostile.nfd.nfc);
        if (Object.keys(stillDecomposed).length > 0 || Object.keys(composed).length === 0) {
          problems.push('nfd-stored');
          changes.push(`decomposed text found in ${JSON.stringify(stillDecomposed)}; composed in ${JSON.stringify(composed)}`);
        } else nfdAccepted++;
      }
    }

    if (typeof response.status === 'number' && response.status >= 400) {
      errorBodies++;
      const leak = leaksIn(hostile.id, response.body);
      if (leak) errorBodyLeaks.push(leak);
    }
    records.push(recordOf(hostile, service.url, headers, response, problems, changes));
    if ((index + 1) % 100 === 0) options.log?.(`${index + 1}/${cases.length} cases, ${Math.round((Date.now() - started) / 1000)} s`);
  }
  return summarise(records, cases, options.mode, nfdAccepted, { leaks: errorBodyLeaks, scanned: errorBodies }, Date.now() - started);
}

function summarise(
  records: CaseRecord[],
  cases: readonly HostileCase[],
  mode: 'short' | 'full',
  nfdAccepted: number,
  errorBodyScan: { leaks: LeakRecord[]; scanned: number },
  durationMs: number,
): HostileReport {
  const byStatus: Record<string, number> = {};
  const byCategory: Record<string, { cases: number; byStatus: Record<string, number> }> = {};
  for (const r of records) {
    const status = String(r.status);
    byStatus[status] = (byStatus[status] ?? 0) + 1;
    const category = (byCategory[r.category] ??= { cases: 0, byStatus: {} });
    category.cases++;
    category.byStatus[status] = (category.byStatus[status] ?? 0) + 1;
  }
  const problems = Object.fromEntries(PROBLEMS.map((p) => [p, records.filter((r) => r.problems.includes(p))])) as Record<
    Problem,
    CaseRecord[]
  >;
  return {
    mode,
    cases: records.length,
    endpoints: new Set(cases.map((c) => c.endpoint)).size,
    byStatus: Object.fromEntries(Object.entries(byStatus).sort()),
    byCategory,
    fiveHundreds: problems['server-error'],
    written: problems.written.length,
    writtenCases: problems.written,
    problems,
    nfdAcceptedAndNormalised: nfdAccepted,
    categoriesWithoutCases: CATEGORIES.filter((c) => !byCategory[c]),
    sqlInjectionCanary: { path: SQL_CANARY, exists: existsSync(SQL_CANARY) },
    personalData: {
      errorBodies: errorBodyScan.leaks,
      logs: [],
      topics: [],
      scanned: { errorBodies: errorBodyScan.scanned, logCharacters: 0, topicMessages: 0 },
    },
    durationMs,
  };
}

function isJsonError(response: RawResponse): boolean {
  const body = jsonBodyOf(response);
  return typeof body === 'object' && body !== null && ('message' in body || 'error' in body || 'errors' in body);
}

/** Does the error body blame this field (`nameVi`, `successor.nameVi`)? */
function namesField(response: RawResponse, field: string): boolean {
  const body = jsonBodyOf(response) as { errors?: { field?: string }[]; fields?: { field?: string }[] } | undefined;
  const fields = [...(body?.errors ?? []), ...(body?.fields ?? [])].map((e) => e.field);
  return fields.includes(field);
}

function recordOf(
  hostile: HostileCase,
  url: string,
  headers: Record<string, string>,
  response: RawResponse,
  problems: Problem[],
  changes: string[],
): CaseRecord {
  const interesting = problems.length > 0;
  return {
    id: hostile.id,
    category: hostile.category,
    endpoint: hostile.endpoint,
    variant: hostile.variant,
    expect: hostile.expect,
    status: response.status,
    ms: response.ms,
    problems,
    request: {
      method: hostile.method,
      url: `${url}${hostile.path.length > 600 ? hostile.path.slice(0, 600) + '…' : hostile.path}`,
      headers: interesting ? redactAuthorization(headers) : {},
      bodyPreview: hostile.body ? preview(hostile.body) : null,
      bodyBytes: hostile.body?.length ?? 0,
    },
    ...(interesting ? { answer: response.error ?? preview(response.body) } : {}),
    ...(changes.length > 0 ? { changes } : {}),
  };
}

/** The first 300 characters, bytes that are not UTF-8 shown as \xNN, so a case can be rebuilt from the report. */
function preview(body: Buffer): string {
  const head = body.subarray(0, 300);
  const text = head.toString('utf8');
  const exact = Buffer.from(text, 'utf8').equals(head)
    ? text
    : [...head].map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`)).join('');
  return body.length > 300 ? `${exact}… (${body.length} bytes)` : exact;
}

/** Reports are kept; a token in them would be a secret in a file. Only its kind and claims stay. */
function redactAuthorization(headers: Record<string, string>): Record<string, string> {
  const out = { ...headers };
  if (out['authorization']) {
    const [scheme, token = ''] = out['authorization'].split(' ');
    const [, payload] = token.split('.');
    let claims = '';
    try {
      claims = payload ? Buffer.from(payload, 'base64url').toString('utf8') : '';
    } catch {
      claims = '';
    }
    out['authorization'] = `${scheme} <redacted token; claims ${claims.slice(0, 200)}>`;
  }
  return out;
}
