import { ALL_ROLES } from '@hailong/contracts';
import { generateSigningKeyPair, issueTestToken } from '@hailong/platform/auth';
import { eventually } from '@hailong/platform/testing';
import { Endpoint, endpointKey } from './openapi';
import { Fixtures, HostileTokens } from './samples';

interface Reply {
  status: number;
  etag: string | null;
  body: Record<string, unknown> | null;
}

async function call(
  baseUrl: string,
  method: string,
  path: string,
  token: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Reply> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, etag: response.headers.get('etag'), body: text ? (JSON.parse(text) as Record<string, unknown>) : null };
}

/** Tokens signed by the platform's own key (valid, expired, for another audience or issuer) and one by a stranger's key. */
export async function hostileTokens(signingKeyPem: string): Promise<HostileTokens> {
  const claims = { sub: 'hostile-corpus', roles: [...ALL_ROLES] };
  const stranger = await generateSigningKeyPair();
  return {
    allRoles: await issueTestToken(signingKeyPem, claims, { expiresInSeconds: 3 * 3600 }),
    expired: await issueTestToken(signingKeyPem, claims, { expiresInSeconds: -600 }),
    wrongAudience: await issueTestToken(signingKeyPem, claims, { audience: 'another-platform' }),
    wrongIssuer: await issueTestToken(signingKeyPem, claims, { issuer: 'https://issuer.evil.example' }),
    foreignKey: await issueTestToken(stranger.privateKeyPem, claims),
  };
}

export interface FixtureServices {
  /** The unit directory, where the units are registered. */
  readonly directoryUrl: string;
  /** Every service, to wait until their directory views know the units. */
  readonly all: readonly { readonly url: string; readonly endpoints: readonly Endpoint[] }[];
}

/**
 * The things the corpus aims at, made through the platform's own API: a provincial police, a
 * commune under it, one commune per endpoint that names a unit in its path, and a commune dissolved
 * in 2021 (an "expired" unit). Returns once every service's directory view knows them.
 *
 * Places for fixtures of issues still open: a campaign (open, and one closed — the "expired
 * campaign"), a questionnaire version, an enrolled device and a portal credential. When their
 * endpoints appear in the OpenAPI documents, create them here and name them in `known`/`expired`
 * (`campaignId`, ...); until then the corpus aims unknown ids at those fields.
 */
export async function prepareFixtures(services: FixtureServices, tokens: HostileTokens): Promise<Fixtures> {
  const token = tokens.allRoles;
  const url = services.directoryUrl;
  const problems: string[] = [];
  let code = 70000 + Math.floor(Math.random() * 20000);
  const register = async (unitType: string, nameVi: string, parentId?: string) => {
    const reply = await call(url, 'POST', '/units', token, {
      code: String(code++),
      unitType,
      nameVi,
      nameEn: nameVi.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D'),
      validFrom: '2020-01-01',
      ...(parentId ? { parentId } : {}),
    });
    if (reply.status !== 201)
      throw new Error(`could not register the fixture unit ${nameVi}: ${reply.status} ${JSON.stringify(reply.body)}`);
    return String(reply.body?.['unitId']);
  };

  const provinceId = await register('provincial-police', 'Công an tỉnh Thử Nghiệm');
  const communeId = await register('commune-police', 'Công an xã Thử Nghiệm', provinceId);
  const successorId = await register('commune-police', 'Công an xã Kế Thừa', provinceId);
  const expiredId = await register('commune-police', 'Công an xã Đã Giải Thể', provinceId);
  const current = await call(url, 'GET', `/units/${expiredId}`, token);
  const dissolved = await call(
    url,
    'POST',
    `/units/${expiredId}/dissolve`,
    token,
    { successorUnknown: true, effectiveDate: '2021-01-01' },
    { 'if-match': current.etag ?? '"1"' },
  );
  // Without it the corpus still runs, aiming "expired" cases at a unit that is merely old; the
  // failure is reported, since it means an ordinary edit of the directory does not work.
  if (dissolved.status !== 200) problems.push(`could not dissolve the fixture unit: ${dissolved.status} ${JSON.stringify(dissolved.body)}`);

  const unitPerEndpoint: Record<string, string> = {};
  for (const service of services.all) {
    for (const endpoint of service.endpoints.filter((e) => e.path.includes('{unitId}'))) {
      unitPerEndpoint[endpointKey(endpoint)] = await register(
        'commune-police',
        `Công an xã Riêng ${Object.keys(unitPerEndpoint).length + 1}`,
        provinceId,
      );
    }
  }
  const history = await call(url, 'GET', `/units/${communeId}/history`, token);
  const events = (history.body?.['events'] ?? history.body) as { eventId?: string; id?: string }[] | null;
  const firstEventId = Array.isArray(events) ? (events[0]?.eventId ?? events[0]?.id) : undefined;

  const units = [provinceId, communeId, successorId, expiredId, ...Object.values(unitPerEndpoint)];
  for (const service of services.all.filter((s) => s.endpoints.some((e) => e.path === '/directory/units/{unitId}'))) {
    await eventually(
      async () => {
        for (const unitId of units) {
          const reply = await call(service.url, 'GET', `/directory/units/${unitId}?on=2020-06-01`, token);
          if (reply.status !== 200) throw new Error(`${service.url} does not know ${unitId} yet: ${reply.status}`);
        }
      },
      { timeoutMs: 60000 },
    );
  }
  return {
    known: { unitId: communeId, parentId: provinceId, successorId, ...(firstEventId ? { correctedEventId: firstEventId } : {}) },
    expired: { unitId: expiredId },
    unitPerEndpoint,
    tokens,
    problems,
  };
}
