import type { Role } from '@hailong/contracts';

/** What the browser knows of the signed-in person: read from the token's claims, which the services verify anyway. */
export interface Session {
  readonly accessToken: string;
  readonly subject: string;
  readonly name: string | null;
  readonly roles: readonly Role[];
  readonly unitId: string | null;
  /** Milliseconds since the epoch. */
  readonly expiresAt: number;
}

// Record<Role, …> fails to compile when contracts add or drop a role, so this list cannot drift from them.
const KNOWN_ROLES: Record<Role, true> = {
  citizen: true,
  portal: true,
  device: true,
  surveyor: true,
  'campaign-manager': true,
  'directory-editor': true,
  viewer: true,
  auditor: true,
  're-inspector': true,
  admin: true,
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(KNOWN_ROLES, value);
}

function decodeSegment(segment: string): unknown {
  const base64 = segment
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(segment.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

/**
 * The session a token describes, or null when it is not a JWT, has no subject or has expired.
 * The signature is not checked here: the browser only uses the claims to choose screens.
 */
export function sessionFromToken(accessToken: string, now: number = Date.now()): Session | null {
  const parts = accessToken.split('.');
  if (parts.length !== 3) return null;
  let claims: Record<string, unknown>;
  try {
    const decoded = decodeSegment(parts[1]);
    if (!decoded || typeof decoded !== 'object') return null;
    claims = decoded as Record<string, unknown>;
  } catch {
    return null;
  }
  if (typeof claims['sub'] !== 'string' || typeof claims['exp'] !== 'number') return null;
  const expiresAt = claims['exp'] * 1000;
  if (expiresAt <= now) return null;
  const roles = Array.isArray(claims['roles']) ? claims['roles'].filter(isRole) : [];
  return {
    accessToken,
    subject: claims['sub'],
    name: typeof claims['name'] === 'string' ? claims['name'] : null,
    roles,
    unitId: typeof claims['unitId'] === 'string' ? claims['unitId'] : null,
    expiresAt,
  };
}

const STORAGE_KEY = 'hailong.accessToken';

/**
 * The token lives in sessionStorage: it survives a reload of the tab but not closing it, and no other
 * tab or later visitor of a shared computer inherits it.
 */
export const sessionStorageStore = {
  load(storage: Storage | undefined = globalThis.sessionStorage, now = Date.now()): Session | null {
    const token = storage?.getItem(STORAGE_KEY);
    const session = token ? sessionFromToken(token, now) : null;
    if (token && !session) storage?.removeItem(STORAGE_KEY);
    return session;
  },
  save(session: Session, storage: Storage | undefined = globalThis.sessionStorage): void {
    storage?.setItem(STORAGE_KEY, session.accessToken);
  },
  clear(storage: Storage | undefined = globalThis.sessionStorage): void {
    storage?.removeItem(STORAGE_KEY);
  },
};
