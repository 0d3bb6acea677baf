import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gatewayConfigFromEnv } from './config';
import { createGateway } from './gateway';

// Each upstream answers with what it received, so the test sees the path, method, body and headers that
// reached it. (The real services behind the gateway are exercised by the browser suite, apps/web-e2e.)
interface Echo {
  service: string;
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

function echoServer(service: string): Server {
  return createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const echo: Echo = {
        service,
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      // `?slowMs=` delays the answer, as a service deciding a large file's rows does.
      const slowMs = Number(new URL(req.url ?? '/', 'http://upstream').searchParams.get('slowMs') ?? 0);
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(echo));
      }, slowMs);
    });
  });
}

describe('gateway: one origin for the web app and the four services', () => {
  const upstreams = new Map<string, Server>();
  let gateway: Server;
  let base: string;
  let webRoot: string;

  beforeAll(async () => {
    webRoot = mkdtempSync(join(tmpdir(), 'gateway-web-'));
    mkdirSync(join(webRoot, 'assets'));
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>app</title>');
    writeFileSync(join(webRoot, 'assets', 'index-abc123.js'), 'console.log(1)');
    writeFileSync(join(webRoot, 'sw.js'), 'self.addEventListener("fetch", () => {})');
    // A short proxy timeout, so the longer one of file imports shows within the test.
    const env: NodeJS.ProcessEnv = { WEB_ROOT: webRoot, PORT: '1', GATEWAY_PROXY_TIMEOUT_MS: '400', GATEWAY_IMPORT_TIMEOUT_MS: '5000' };
    for (const [service, variable] of [
      ['directory', 'DIRECTORY_URL'],
      ['intake', 'INTAKE_URL'],
      ['scoring', 'SCORING_URL'],
    ] as const) {
      const server = echoServer(service);
      upstreams.set(service, server);
      env[variable] = `http://127.0.0.1:${await listen(server)}`;
    }
    // Nothing listens on the audit's address: the gateway must say so rather than hang or crash.
    const unused = createServer();
    const deadPort = await listen(unused);
    await close(unused);
    env['AUDIT_URL'] = `http://127.0.0.1:${deadPort}`;

    gateway = createGateway(gatewayConfigFromEnv(env)).listen(0, '127.0.0.1');
    await new Promise((resolve) => gateway.once('listening', resolve));
    base = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await close(gateway);
    await Promise.all([...upstreams.values()].map(close));
    rmSync(webRoot, { recursive: true, force: true });
  });

  it('routes /api/<service>/… to that service without the prefix, query string included', async () => {
    for (const service of ['directory', 'intake', 'scoring']) {
      const response = await fetch(`${base}/api/${service}/units/tree?on=2022-05-01`);
      expect(response.status).toBe(200);
      const echo = (await response.json()) as Echo;
      expect(echo).toMatchObject({ service, method: 'GET', url: '/units/tree?on=2022-05-01' });
    }
  });

  it('forwards a POST body, the bearer token and X-Forwarded-* but not cookies', async () => {
    const response = await fetch(`${base}/api/intake/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer abc', cookie: 'tracking=1' },
      body: JSON.stringify({ idempotencyKey: 'k-1', answers: [{ itemId: 'A1', level: 5 }] }),
    });
    const echo = (await response.json()) as Echo;
    expect(echo.url).toBe('/responses');
    expect(JSON.parse(echo.body)).toEqual({ idempotencyKey: 'k-1', answers: [{ itemId: 'A1', level: 5 }] });
    expect(echo.headers['authorization']).toBe('Bearer abc');
    expect(echo.headers['x-forwarded-for']).toContain('127.0.0.1');
    expect(echo.headers['cookie']).toBeUndefined();
  });

  it('sends /auth/… and /.well-known/… to the directory with their paths kept', async () => {
    const token = (await (await fetch(`${base}/auth/token`, { method: 'POST', body: '{}' })).json()) as Echo;
    expect(token).toMatchObject({ service: 'directory', method: 'POST', url: '/auth/token' });
    const jwks = (await (await fetch(`${base}/.well-known/jwks.json`)).json()) as Echo;
    expect(jwks).toMatchObject({ service: 'directory', url: '/.well-known/jwks.json' });
  });

  it('waits for a file import longer than for any other call: its answer comes when the last row is decided', async () => {
    const imported = await fetch(`${base}/api/intake/campaigns/c-1/imports?slowMs=1200`, { method: 'POST', body: 'formNumber,unit' });
    expect(imported.status).toBe(200);
    expect(((await imported.json()) as Echo).url).toBe('/campaigns/c-1/imports?slowMs=1200');
    // Any other call is cut at the proxy timeout (the connection closed, or a 5xx).
    const other = await fetch(`${base}/api/intake/campaigns/c-1/progress?slowMs=1200`).then(
      (r) => r.status,
      () => 'closed',
    );
    expect(['closed', 502, 504]).toContain(other);
  });

  it('answers 502 in the services’ error shape, in both languages, when a service does not answer', async () => {
    const response = await fetch(`${base}/api/audit/replay`, { method: 'POST' });
    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({
      statusCode: 502,
      message: expect.stringContaining('audit service did not answer'),
      messageVi: 'Dịch vụ hậu kiểm không phản hồi',
    });
  });

  it('answers 404 JSON for an /api path no service owns, instead of the app’s page', async () => {
    const response = await fetch(`${base}/api/payments/x`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/json');
  });

  it('serves the app: hashed assets cached for good, index.html and sw.js revalidated, with a strict CSP', async () => {
    const asset = await fetch(`${base}/assets/index-abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    const worker = await fetch(`${base}/sw.js`);
    expect(worker.headers.get('cache-control')).toBe('no-cache');
    const page = await fetch(`${base}/`, { headers: { accept: 'text/html' } });
    expect(await page.text()).toContain('<title>app</title>');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('answers a page load of a client-side route (/units/…) with index.html, but not a missing asset', async () => {
    const deepLink = await fetch(`${base}/units/5eb34906-c34a-41b5-ab3b-a63aae392353?on=2022-05-01`, { headers: { accept: 'text/html' } });
    expect(deepLink.status).toBe(200);
    expect(await deepLink.text()).toContain('<title>app</title>');
    const missing = await fetch(`${base}/assets/gone.js`, { headers: { accept: 'application/javascript' } });
    expect(missing.status).toBe(404);
  });

  it('is ready only when the web app is built', async () => {
    expect((await fetch(`${base}/health/ready`)).status).toBe(200);
    const unbuilt = createGateway(gatewayConfigFromEnv({ WEB_ROOT: join(webRoot, 'nothing-here') })).listen(0, '127.0.0.1');
    await new Promise((resolve) => unbuilt.once('listening', resolve));
    try {
      const response = await fetch(`http://127.0.0.1:${(unbuilt.address() as AddressInfo).port}/health/ready`);
      expect(response.status).toBe(503);
    } finally {
      await close(unbuilt);
    }
  });
});
