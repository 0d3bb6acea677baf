import { describe, expect, it } from 'vitest';
import { sessionFromToken, sessionStorageStore } from './session';

const encode = (value: unknown) =>
  btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(value))))
    .replace(/=+$/, '')
    .replace(/\+/g, '-')
    .replace(/\//g, '_');
const jwt = (claims: Record<string, unknown>) => `${encode({ alg: 'EdDSA', typ: 'JWT' })}.${encode(claims)}.c2lnbmF0dXJl`;
const now = Date.UTC(2026, 0, 1);
const inAnHour = now / 1000 + 3600;

describe('sessionFromToken', () => {
  it('reads subject, Vietnamese name, roles, unit and expiry from the claims', () => {
    const session = sessionFromToken(
      jwt({ sub: 'acc-1', name: 'Nguyễn Văn Đức', roles: ['viewer', 'auditor'], unitId: 'u-1', exp: inAnHour }),
      now,
    );
    expect(session).toMatchObject({
      subject: 'acc-1',
      name: 'Nguyễn Văn Đức',
      roles: ['viewer', 'auditor'],
      unitId: 'u-1',
      expiresAt: inAnHour * 1000,
    });
  });

  it('drops role strings the platform does not define', () => {
    expect(sessionFromToken(jwt({ sub: 'a', roles: ['viewer', 'superuser'], exp: inAnHour }), now)?.roles).toEqual(['viewer']);
  });

  it('refuses an expired token, one without subject or expiry, and text that is not a JWT', () => {
    expect(sessionFromToken(jwt({ sub: 'a', roles: [], exp: now / 1000 - 1 }), now)).toBeNull();
    expect(sessionFromToken(jwt({ roles: ['admin'], exp: inAnHour }), now)).toBeNull();
    expect(sessionFromToken(jwt({ sub: 'a', roles: ['admin'] }), now)).toBeNull();
    expect(sessionFromToken('not-a-token', now)).toBeNull();
    expect(sessionFromToken('a.%%%.c', now)).toBeNull();
  });
});

describe('sessionStorageStore', () => {
  it('keeps the token for the tab and forgets an expired one on load', () => {
    const session = sessionFromToken(jwt({ sub: 'a', roles: ['admin'], exp: inAnHour }), now);
    if (!session) throw new Error('fixture token rejected');
    sessionStorageStore.save(session);
    expect(sessionStorageStore.load(sessionStorage, now)?.subject).toBe('a');
    expect(sessionStorageStore.load(sessionStorage, (inAnHour + 1) * 1000)).toBeNull();
    expect(sessionStorage.length).toBe(0);
  });
});
