import { createHmac, timingSafeEqual } from 'node:crypto';

/** The media type the portal posts: the body is read raw, byte for byte, so the signature covers exactly what was sent. */
export const PORTAL_MEDIA_TYPE = 'application/vnd.hailong.portal-rating+json';

export const PortalHeaders = {
  keyId: 'x-hailong-key-id',
  timestamp: 'x-hailong-timestamp',
  nonce: 'x-hailong-nonce',
  signature: 'x-hailong-signature',
} as const;

export const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;
export const NONCE = /^[A-Za-z0-9_-]{16,128}$/;
const TIMESTAMP = /^\d{1,12}$/;
const SIGNATURE = /^v1=[0-9a-f]{64}$/;

export interface SignedRequest {
  readonly keyId: string;
  /** Unix time in seconds, as the portal's clock had it when signing. */
  readonly timestamp: number;
  readonly nonce: string;
  readonly signature: string;
}

/**
 * What is signed: a version tag, the key id, the timestamp, the nonce and the raw body, joined by
 * line feeds. Binding the key id and the nonce means neither can be swapped on a captured request.
 */
export function signingInput(keyId: string, timestamp: number, nonce: string, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`v1\n${keyId}\n${timestamp}\n${nonce}\n`, 'utf8'), body]);
}

/** `v1=` and the HMAC-SHA256 of the signing input in lowercase hex. */
export function sign(secret: Buffer, keyId: string, timestamp: number, nonce: string, body: Buffer): string {
  return `v1=${createHmac('sha256', secret)
    .update(signingInput(keyId, timestamp, nonce, body))
    .digest('hex')}`;
}

export function signatureMatches(secret: Buffer, request: SignedRequest, body: Buffer): boolean {
  const expected = Buffer.from(sign(secret, request.keyId, request.timestamp, request.nonce, body));
  const given = Buffer.from(request.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export type HeaderProblem = { readonly header: string; readonly reason: string; readonly reasonVi: string };

/** The four headers, or what is wrong with the first one that is missing or malformed. */
export function readSignedRequest(headers: Record<string, string | string[] | undefined>): SignedRequest | HeaderProblem {
  const one = (name: string) => {
    const value = headers[name];
    return Array.isArray(value) ? undefined : value;
  };
  const checks: [string, RegExp, string, string][] = [
    [PortalHeaders.keyId, KEY_ID, 'must name a signing key', 'phải là mã khóa ký'],
    [PortalHeaders.timestamp, TIMESTAMP, 'must be Unix time in seconds', 'phải là thời điểm Unix tính bằng giây'],
    [
      PortalHeaders.nonce,
      NONCE,
      'must be 16–128 letters, digits, - or _, never reused',
      'phải gồm 16–128 chữ, số, - hoặc _, không dùng lại',
    ],
    [PortalHeaders.signature, SIGNATURE, 'must be v1= and 64 lowercase hex digits', 'phải là v1= và 64 chữ số hex thường'],
  ];
  for (const [header, pattern, reason, reasonVi] of checks) {
    const value = one(header);
    if (!value || !pattern.test(value)) return { header, reason, reasonVi };
  }
  return {
    keyId: one(PortalHeaders.keyId) as string,
    timestamp: Number(one(PortalHeaders.timestamp)),
    nonce: one(PortalHeaders.nonce) as string,
    signature: one(PortalHeaders.signature) as string,
  };
}

/** Whether a timestamp is within `maxSkewSeconds` of now, either way (clocks drift both ways). */
export function timestampFresh(timestamp: number, now: Date, maxSkewSeconds: number): boolean {
  return Math.abs(now.getTime() / 1000 - timestamp) <= maxSkewSeconds;
}
