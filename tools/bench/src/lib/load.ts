import autocannon from 'autocannon';

export interface LoadResult {
  /** Requests answered 2xx per second over the run. */
  requestsPerSecond: number;
  p50: number;
  p99: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  seconds: number;
  /** A few of the unexpected answers, to show what went wrong. */
  samples: string[];
}

/**
 * autocannon against one endpoint. `body(n)` gives the n-th request's body; `onAnswer` sees each answer
 * with its body. Stops after `seconds` or `amount` requests.
 */
export async function runLoad(options: {
  url: string;
  method: 'GET' | 'POST';
  path: string | ((n: number) => string);
  headers: Record<string, string>;
  connections: number;
  seconds?: number;
  amount?: number;
  overallRate?: number;
  body?: (n: number) => unknown;
  onAnswer?: (status: number, body: string, n: number) => void;
}): Promise<LoadResult> {
  let sent = 0;
  const samples: string[] = [];
  const started = Date.now();
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    ...(options.seconds ? { duration: options.seconds } : {}),
    ...(options.amount ? { amount: options.amount } : {}),
    ...(options.overallRate ? { overallRate: options.overallRate } : {}),
    // A tablet batch of 500 forms, each in its own transaction, may take long on a loaded machine.
    timeout: 120,
    requests: [
      {
        method: options.method,
        headers: { 'content-type': 'application/json', ...options.headers },
        setupRequest: (request, context) => {
          const n = sent++;
          (context as { n?: number }).n = n;
          return {
            ...request,
            path: typeof options.path === 'function' ? options.path(n) : options.path,
            ...(options.body ? { body: JSON.stringify(options.body(n)) } : {}),
          };
        },
        onResponse: (status, body, context) => {
          if ((status < 200 || status >= 300) && samples.length < 5) samples.push(`${status} ${String(body).slice(0, 300)}`);
          options.onAnswer?.(status, String(body), (context as { n?: number }).n ?? -1);
        },
      },
    ],
  });
  const seconds = (Date.now() - started) / 1000;
  const ok = result['2xx'];
  return {
    requestsPerSecond: ok / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    seconds,
    samples,
  };
}
