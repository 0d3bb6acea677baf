import express, { Express, NextFunction, Request, Response } from 'express';
import type { ClientRequest, IncomingMessage, ServerResponse } from 'node:http';
import { existsSync } from 'node:fs';
import type { Socket } from 'node:net';
import { join } from 'node:path';
import { createProxyMiddleware } from 'http-proxy-middleware';
import { GatewayConfig, Upstream } from './config';

// The app is served from this origin and talks only to it, so nothing else is allowed to load or be framed.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "worker-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

function securityHeaders(_req: Request, res: Response, next: NextFunction) {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'same-origin');
  next();
}

function errorBody(status: number, error: string, message: string, messageVi: string) {
  return { statusCode: status, error, message, messageVi };
}

/** An upstream that does not answer is the gateway's 502, in the services' error shape. */
function proxyFailed(upstream: Upstream) {
  return (err: Error, _req: IncomingMessage, res: ServerResponse | Socket) => {
    if (!('writeHead' in res)) {
      res.destroy();
      return;
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    const body = errorBody(
      502,
      'Bad Gateway',
      `The ${upstream.name} service did not answer (${(err as NodeJS.ErrnoException).code ?? err.message})`,
      `Dịch vụ ${upstream.nameVi} không phản hồi`,
    );
    res.writeHead(502, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };
}

/** A file import to intake: `POST /api/intake/campaigns/{id}/imports`, answered when its last row is decided. */
export const IMPORT_PATH = /^\/campaigns\/[^/]+\/imports\/?$/;

function proxyTo(upstream: Upstream, config: GatewayConfig, prefix?: string, timeoutMs = config.proxyTimeoutMs) {
  return createProxyMiddleware<Request, Response>({
    target: upstream.url,
    pathFilter: prefix ? (path: string) => path === prefix || path.startsWith(`${prefix}/`) : undefined,
    // The services see the browser's Host and X-Forwarded-*; nothing is rewritten but the /api/<name> prefix.
    changeOrigin: false,
    xfwd: true,
    proxyTimeout: timeoutMs,
    timeout: timeoutMs,
    on: {
      error: proxyFailed(upstream),
      proxyReq: (proxyReq: ClientRequest) => {
        // The services never need the browser's cookies (auth is a bearer token).
        proxyReq.removeHeader('cookie');
      },
    },
  });
}

/**
 * One origin for the browser: the built web app, and every service under /api/<service>/… (prefix
 * removed), with the directory's sign-in at /auth/… and its JWKS at /.well-known/…, paths kept.
 * No CORS is needed because nothing is cross-origin.
 */
export function createGateway(config: GatewayConfig): Express {
  const app = express();
  app.disable('x-powered-by');
  const directory = config.upstreams.find((u) => u.name === 'directory');
  if (!directory) throw new Error('the gateway needs the directory upstream');

  app.get('/health/live', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/health/ready', (_req, res) => {
    const built = existsSync(join(config.webRoot, 'index.html'));
    res.status(built ? 200 : 503).json(built ? { status: 'ok' } : { status: 'error', reason: `no web app at ${config.webRoot}` });
  });

  for (const upstream of config.upstreams) {
    if (upstream.name === 'intake') {
      const imports = proxyTo(upstream, config, undefined, config.importTimeoutMs);
      app.use(`/api/${upstream.name}`, (req, res, next) => (IMPORT_PATH.test(req.path) ? imports(req, res, next) : next()));
    }
    app.use(`/api/${upstream.name}`, proxyTo(upstream, config));
  }
  app.use(proxyTo(directory, config, '/auth'));
  app.use(proxyTo(directory, config, '/.well-known'));
  app.use('/api', (_req, res) => {
    res.status(404).json(errorBody(404, 'Not Found', 'No service answers at this path', 'Không có dịch vụ nào ở đường dẫn này'));
  });

  app.use(securityHeaders);
  app.use(
    express.static(config.webRoot, {
      index: false,
      setHeaders: (res, path) => {
        // Vite names built assets by content hash: they can be cached for good. Everything else (index.html,
        // sw.js, the manifest) is revalidated so a new release reaches the browser on its next visit.
        if (/[\\/]assets[\\/]/.test(path)) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
        else res.setHeader('Cache-Control', 'no-cache');
      },
    }),
  );
  // The app's own routes (/units/…) are client-side: a page load of any of them gets index.html.
  app.use((req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !req.accepts('html')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(join(config.webRoot, 'index.html'), (error) => {
      if (error) next();
    });
  });
  app.use((_req, res) => {
    res.status(404).json(errorBody(404, 'Not Found', 'Nothing here', 'Không có nội dung ở đây'));
  });
  return app;
}
