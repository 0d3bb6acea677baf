import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, apiGet, NetworkError, query, setUnauthorizedListener } from './http';

const answer = (status: number, body: unknown) =>
  vi.fn(
    async () => new Response(body === undefined ? '' : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }),
  );

describe('apiRequest', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('sends the bearer token to the same origin and returns the parsed body', async () => {
    const fetchMock = answer(200, { on: '2022-05-01', roots: [] });
    vi.stubGlobal('fetch', fetchMock);
    await expect(apiGet('/api/directory/units/tree?on=2022-05-01', { token: 'T' })).resolves.toEqual({ on: '2022-05-01', roots: [] });
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/directory/units/tree?on=2022-05-01');
    expect((init.headers as Record<string, string>)['authorization']).toBe('Bearer T');
  });

  it('turns a 4xx into an ApiError carrying the message in both languages', async () => {
    vi.stubGlobal(
      'fetch',
      answer(404, { statusCode: 404, message: 'unit x did not exist on 2019-01-01', messageVi: 'đơn vị x không có hiệu lực' }),
    );
    const error = await apiGet('/api/directory/units/x?on=2019-01-01', { token: 'T' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(404);
    expect((error as ApiError).messageIn('vi')).toBe('đơn vị x không có hiệu lực');
    expect((error as ApiError).messageIn('en')).toBe('unit x did not exist on 2019-01-01');
  });

  it('signs out when a call made with a token is answered 401, but not a sign-in attempt', async () => {
    const listener = vi.fn();
    const remove = setUnauthorizedListener(listener);
    vi.stubGlobal('fetch', answer(401, { message: 'The bearer token has expired' }));
    await expect(apiGet('/api/directory/units/tree', { token: 'old' })).rejects.toBeInstanceOf(ApiError);
    await expect(apiGet('/auth/token')).rejects.toBeInstanceOf(ApiError);
    expect(listener).toHaveBeenCalledTimes(1);
    remove();
  });

  it('reports a request that got no answer as a NetworkError', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    await expect(apiGet('/api/directory/units/tree')).rejects.toBeInstanceOf(NetworkError);
  });
});

describe('query', () => {
  it('keeps only the values given, encoded', () => {
    expect(query({ q: 'vĩnh yên', on: null, limit: 50, x: undefined, y: '' })).toBe('?q=v%C4%A9nh+y%C3%AAn&limit=50');
    expect(query({})).toBe('');
  });
});
