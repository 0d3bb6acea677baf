import { isAbsolute, resolve } from 'node:path';

/** A service the browser reaches through the gateway, under /api/<name>/. */
export interface Upstream {
  readonly name: 'directory' | 'intake' | 'scoring' | 'audit';
  readonly url: string;
  readonly nameVi: string;
}

export interface GatewayConfig {
  readonly host: string;
  readonly port: number;
  /** The built web app (index.html, assets/, sw.js). */
  readonly webRoot: string;
  readonly upstreams: readonly Upstream[];
  readonly proxyTimeoutMs: number;
  /** For a file import, whose answer comes when its last row is decided: minutes for a large file. */
  readonly importTimeoutMs: number;
}

const UPSTREAMS: readonly { name: Upstream['name']; variable: string; port: number; nameVi: string }[] = [
  { name: 'directory', variable: 'DIRECTORY_URL', port: 3101, nameVi: 'danh mục đơn vị' },
  { name: 'intake', variable: 'INTAKE_URL', port: 3102, nameVi: 'tiếp nhận phiếu' },
  { name: 'scoring', variable: 'SCORING_URL', port: 3103, nameVi: 'tính điểm' },
  { name: 'audit', variable: 'AUDIT_URL', port: 3104, nameVi: 'hậu kiểm' },
];

function milliseconds(value: string, variable: string, errors: string[]): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1) errors.push(`${variable} must be a whole number of milliseconds, got "${value}"`);
  return n;
}

function port(value: string, variable: string, errors: string[]): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > 65535) errors.push(`${variable} must be a port number (1–65535), got "${value}"`);
  return n;
}

function httpUrl(value: string, variable: string, errors: string[]): string {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http');
    if (url.search || url.hash) throw new Error('query');
    return url.origin + url.pathname.replace(/\/+$/, '');
  } catch {
    errors.push(`${variable} must be an http(s) URL without query, got "${value}"`);
    return value;
  }
}

/**
 * The gateway's settings from the environment, with the local platform's ports as defaults
 * (tools/dev/platform.sh). Every problem is reported at once, before anything listens.
 */
export function gatewayConfigFromEnv(env: NodeJS.ProcessEnv, cwd: string = process.cwd()): GatewayConfig {
  const errors: string[] = [];
  const webRoot = env['WEB_ROOT'] ?? 'dist/apps/web';
  const config: GatewayConfig = {
    host: env['HOST'] ?? '127.0.0.1',
    port: port(env['PORT'] ?? '3100', 'PORT', errors),
    webRoot: isAbsolute(webRoot) ? webRoot : resolve(cwd, webRoot),
    upstreams: UPSTREAMS.map(({ name, variable, port: defaultPort, nameVi }) => ({
      name,
      nameVi,
      url: httpUrl(env[variable] ?? `http://127.0.0.1:${defaultPort}`, variable, errors),
    })),
    proxyTimeoutMs: milliseconds(env['GATEWAY_PROXY_TIMEOUT_MS'] ?? '30000', 'GATEWAY_PROXY_TIMEOUT_MS', errors),
    importTimeoutMs: milliseconds(env['GATEWAY_IMPORT_TIMEOUT_MS'] ?? '900000', 'GATEWAY_IMPORT_TIMEOUT_MS', errors),
  };
  if (errors.length) throw new Error(`Invalid gateway configuration:\n- ${errors.join('\n- ')}`);
  return config;
}
