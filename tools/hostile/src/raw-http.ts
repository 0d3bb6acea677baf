import { request } from 'node:http';

export interface RawResponse {
  /** The HTTP status, or what happened instead: the connection dropped, or nothing came back in time. */
  readonly status: number | 'connection-error' | 'timeout' | 'not-sent';
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
  readonly error?: string;
  readonly ms: number;
}

/**
 * One request sent byte for byte as given (fetch would re-encode the body, refuse a body on GET and
 * fix a path that is not valid UTF-8, which are the cases worth sending).
 */
export function sendRaw(
  baseUrl: string,
  method: string,
  path: string,
  headers: Readonly<Record<string, string>>,
  body?: Buffer,
  timeoutMs = 20000,
): Promise<RawResponse> {
  const url = new URL(baseUrl);
  const started = Date.now();
  return new Promise((resolve) => {
    let settled = false;
    const finish = (response: Omit<RawResponse, 'ms'>) => {
      if (settled) return;
      settled = true;
      resolve({ ...response, ms: Date.now() - started });
    };
    const wireHeaders = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, onTheWire(v)]));
    let req: ReturnType<typeof request>;
    try {
      req = request(
        {
          host: url.hostname,
          port: url.port,
          method,
          path,
          headers: { ...wireHeaders, ...(body ? { 'content-length': String(body.length) } : {}), connection: 'close' },
          insecureHTTPParser: true,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => finish({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
          res.on('error', (error) => finish({ status: 'connection-error', headers: {}, body: Buffer.alloc(0), error: error.message }));
        },
      );
    } catch (error) {
      // Node's client refuses some requests outright (a path with a space, say): nothing reached the server.
      finish({ status: 'not-sent', headers: {}, body: Buffer.alloc(0), error: (error as Error).message });
      return;
    }
    req.setTimeout(timeoutMs, () => {
      finish({ status: 'timeout', headers: {}, body: Buffer.alloc(0), error: `no answer in ${timeoutMs} ms` });
      req.destroy();
    });
    req.on('error', (error: NodeJS.ErrnoException) =>
      finish({ status: 'connection-error', headers: {}, body: Buffer.alloc(0), error: `${error.code ?? ''} ${error.message}`.trim() }),
    );
    if (body) req.write(body);
    req.end();
  });
}

/**
 * A header value as a client would put it on the wire: text as its UTF-8 bytes (Node writes header
 * strings as Latin-1, one byte a character), control characters replaced, since no client can send
 * a raw line break inside a header.
 */
function onTheWire(value: string): string {
  return [...Buffer.from(value, 'utf8').toString('latin1')]
    .map((c) => (c.charCodeAt(0) === 0x09 || (c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f) ? c : '?'))
    .join('');
}

/** The body as JSON when the server said it is JSON and it parses; undefined otherwise. */
export function jsonBodyOf(response: RawResponse): unknown {
  const type = String(response.headers['content-type'] ?? '');
  if (!/application\/(problem\+)?json/.test(type)) return undefined;
  try {
    return JSON.parse(response.body.toString('utf8'));
  } catch {
    return undefined;
  }
}
