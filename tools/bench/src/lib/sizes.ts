/** How big each scenario is: the full run (the issue's figures, < 15 min) or the smoke run CI keeps alive (< 3 min). */
export interface BenchSizes {
  readonly name: 'smoke' | 'full';
  /** Commune units in the campaign (the dashboard's "150+ units"), under one province and its districts. */
  readonly communes: number;
  readonly districts: number;
  /** POST /responses with 64 clients, for this long. */
  readonly httpSeconds: number;
  readonly httpConnections: number;
  /** Tablet batches: this many responses in batches of `tabletBatch`, `tabletConnections` tablets at once. */
  readonly tabletResponses: number;
  readonly tabletBatch: number;
  readonly tabletConnections: number;
  /** Rows of the CSV file imported in one request. */
  readonly importRows: number;
  /** Events placed in the outbox while intake is stopped, sent by its relay once it starts. */
  readonly relayBacklog: number;
  /** Freshness: responses per second for this long, each timed from its answer to the unit's figure. */
  readonly freshnessRate: number;
  readonly freshnessSeconds: number;
  /** ResponseSubmitted events written straight to the response topic for the replay and the dashboard. */
  readonly logEvents: number;
  /** Requests of each dashboard query type. */
  readonly dashboardRequests: number;
  readonly dashboardConnections: number;
}

export const SMOKE: BenchSizes = {
  name: 'smoke',
  communes: 12,
  districts: 2,
  httpSeconds: 3,
  httpConnections: 64,
  tabletResponses: 500,
  tabletBatch: 250,
  tabletConnections: 2,
  importRows: 500,
  relayBacklog: 1000,
  freshnessRate: 200,
  freshnessSeconds: 3,
  logEvents: 20000,
  dashboardRequests: 8,
  dashboardConnections: 4,
};

export const FULL: BenchSizes = {
  name: 'full',
  communes: 160,
  districts: 9,
  httpSeconds: 30,
  httpConnections: 64,
  tabletResponses: 8000,
  // Under the services' 256 KiB body limit (HTTP_BODY_LIMIT): 300 bench forms are 202 kB; 400 are
  // 269 kB and every batch was refused with 413.
  tabletBatch: 300,
  tabletConnections: 4,
  importRows: 10000,
  relayBacklog: 50000,
  freshnessRate: 1000,
  freshnessSeconds: 20,
  logEvents: 1000000,
  dashboardRequests: 100,
  dashboardConnections: 4,
};

/**
 * BENCH_SIZE=smoke|full, and any size overridden by its own variable — BENCH_LOG_EVENTS=100000,
 * BENCH_TABLET_RESPONSES=2000 — to try a scenario at another size without editing the table.
 */
export function sizesFromEnv(env: NodeJS.ProcessEnv = process.env): BenchSizes {
  const size = env['BENCH_SIZE'] ?? 'full';
  if (size !== 'smoke' && size !== 'full') throw new Error(`BENCH_SIZE must be smoke or full, got ${size}`);
  const sizes: Record<string, unknown> = { ...(size === 'smoke' ? SMOKE : FULL) };
  for (const key of Object.keys(sizes).filter((k) => k !== 'name')) {
    const raw = env[`BENCH_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`];
    if (raw === undefined) continue;
    if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new Error(`BENCH_${key} must be a positive whole number, got ${raw}`);
    sizes[key] = Number(raw);
  }
  return sizes as unknown as BenchSizes;
}
