/**
 * Finds what must never appear in clear in a topic, a log line or an error body: a respondent's
 * phone number (DESIGN: contact details enter the log only encrypted) and key material (private
 * keys, bearer tokens, cloud credentials). Suites call it on whatever their run produced.
 */

export type FindingKind = 'vietnamese-phone' | 'private-key' | 'bearer-token' | 'cloud-credential' | 'password-assignment';

export interface Finding {
  readonly kind: FindingKind;
  /** Where in the text it starts (UTF-16 index), so a caller can show the surrounding bytes. */
  readonly index: number;
  /** The match with its middle masked, so a report of findings does not become a leak itself. */
  readonly masked: string;
  /** For a phone number: the number in E.164 form (+84…), whatever separators it was written with. */
  readonly normalized?: string;
}

export interface ScanOptions {
  /** Which kinds to look for (all by default). */
  readonly kinds?: readonly FindingKind[];
}

// Mobile numbers have 9 digits after the leading 0 or the country code 84 (prefixes 3, 5, 7, 8, 9);
// landlines since 2017 have 10 (area codes 2xx). Separators between groups: space, dot, dash.
// The look-arounds keep out digit runs inside longer numbers, UUIDs and hexadecimal ids.
const NATIONAL = `(?:\\(?(?:\\+|00)84\\)?[ .\\-]?|0)`;
const MOBILE = `[35789](?:[ .\\-]?\\d){8}`;
const LANDLINE = `2(?:[ .\\-]?\\d){9}`;
const PHONE = new RegExp(`(?<![\\w+\\-.])(?:${NATIONAL}(?:${MOBILE}|${LANDLINE})|84[35789]\\d{8})(?![\\w\\-]|\\.\\d)`, 'g');

const KEY_PATTERNS: { kind: FindingKind; pattern: RegExp }[] = [
  // A PEM header alone (a format check, a test of a broken key) is not a key: a body must follow.
  {
    kind: 'private-key',
    pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----(?:\s|\\[nr])*[A-Za-z0-9+/=](?:[A-Za-z0-9+/=]|\s|\\[nr]){40,}/g,
  },
  // A JWK with its private part ("d") is a private key too.
  {
    kind: 'private-key',
    pattern: /"kty"\s*:\s*"(?:OKP|EC|RSA)"[^}]{0,400}"d"\s*:\s*"[\w-]{20,}"|"d"\s*:\s*"[\w-]{20,}"[^}]{0,400}"kty"\s*:\s*"(?:OKP|EC|RSA)"/g,
  },
  { kind: 'bearer-token', pattern: /\beyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]{16,}/g },
  {
    kind: 'cloud-credential',
    pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b|\bgh[pousr]_[A-Za-z0-9]{36,}\b|\bxox[abprs]-[A-Za-z0-9-]{10,}\b|\bAIza[0-9A-Za-z_-]{35}\b/g,
  },
  {
    kind: 'password-assignment',
    pattern: /\b(?:password|passwd|pwd|secret|api[_-]?key|access[_-]?token|client[_-]?secret)["']?\s*[:=]\s*["'][^"'\s]{8,}["']/gi,
  },
];

export function scanForPersonalData(input: string | Uint8Array, options: ScanOptions = {}): Finding[] {
  const text = typeof input === 'string' ? input : Buffer.from(input).toString('utf8');
  const wanted = new Set<FindingKind>(
    options.kinds ?? ['vietnamese-phone', 'private-key', 'bearer-token', 'cloud-credential', 'password-assignment'],
  );
  const findings: Finding[] = [];
  if (wanted.has('vietnamese-phone')) {
    for (const match of text.matchAll(PHONE)) {
      const normalized = normalizePhone(match[0]);
      if (normalized) findings.push({ kind: 'vietnamese-phone', index: match.index ?? 0, masked: mask(match[0]), normalized });
    }
  }
  for (const { kind, pattern } of KEY_PATTERNS) {
    if (!wanted.has(kind)) continue;
    for (const match of text.matchAll(pattern)) {
      // `password: 'AUTH_ADMIN_PASSWORD'` names an environment variable; it holds no secret.
      if (kind === 'password-assignment' && /[:=]\s*["'][A-Z][A-Z0-9_]+["']$/.test(match[0])) continue;
      findings.push({ kind, index: match.index ?? 0, masked: mask(match[0]) });
    }
  }
  return findings.sort((a, b) => a.index - b.index);
}

/** `091.234.5678`, `+84 912 345 678`, `(0084) 912-345-678` → `+84912345678`; null if it is not a Vietnamese number. */
export function normalizePhone(written: string): string | null {
  let digits = written.replace(/\D/g, '');
  if (digits.startsWith('0084')) digits = digits.slice(4);
  else if (digits.startsWith('84') && digits.length >= 11) digits = digits.slice(2);
  else if (digits.startsWith('0')) digits = digits.slice(1);
  else return null;
  if (/^[35789]\d{8}$/.test(digits) || /^2\d{9}$/.test(digits)) return `+84${digits}`;
  return null;
}

function mask(value: string): string {
  if (value.length <= 8) return '*'.repeat(value.length);
  const keep = Math.min(6, Math.floor(value.length / 4));
  return `${value.slice(0, keep)}…${value.slice(-2)} (${value.length} chars)`;
}
