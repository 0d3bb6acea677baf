import { randomUUID } from 'node:crypto';
import { request } from 'node:http';

/** What one HTTP attempt came to: an answer, a refused connection, or a connection cut before the answer. */
export type Attempt = { kind: 'reply'; status: number; body: string } | { kind: 'refused' } | { kind: 'reset'; code: string };

/** A JSON POST on a fresh connection (no keep-alive), so a killed service shows as refused or reset. */
export function post(port: number, path: string, body: unknown, token: string, timeoutMs = 30000): Promise<Attempt> {
  const payload = Buffer.from(JSON.stringify(body));
  return new Promise((resolve) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path,
        agent: false,
        timeout: timeoutMs,
        headers: { 'content-type': 'application/json', 'content-length': payload.length, authorization: `Bearer ${token}` },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ kind: 'reply', status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', (error: NodeJS.ErrnoException) => resolve({ kind: 'reset', code: error.code ?? error.message }));
      },
    );
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
    req.on('error', (error: NodeJS.ErrnoException) =>
      resolve(error.code === 'ECONNREFUSED' ? { kind: 'refused' } : { kind: 'reset', code: error.code ?? error.message }),
    );
    req.end(payload);
  });
}

/** A paper form as staff enter it: the idempotency key is the client's, so a resend is the same form. */
export interface Form {
  readonly idempotencyKey: string;
  readonly body: Record<string, unknown>;
}

export interface FormTarget {
  readonly campaignId: string;
  /** Units with the procedure each handles. */
  readonly units: readonly { unitId: string; procedureId: string }[];
  /** The campaign's month, `YYYY-MM`: service dates fall in its first 28 days. */
  readonly month: string;
}

const ITEMS = ['A1', 'A2', 'A3', 'B1', 'B2', 'B3', 'B4', 'C1', 'C2', 'C3', 'D1', 'D2', 'D3', 'E1', 'E2', 'E3'];

export function newForm(target: FormTarget, n: number): Form {
  const unit = target.units[n % target.units.length];
  const idempotencyKey = `faults-${randomUUID()}`;
  return {
    idempotencyKey,
    body: {
      idempotencyKey,
      campaignId: target.campaignId,
      unitId: unit.unitId,
      channel: n % 3 === 0 ? 'tablet' : 'paper',
      procedureId: unit.procedureId,
      serviceDate: `${target.month}-${String(1 + (n % 28)).padStart(2, '0')}`,
      answers: ITEMS.map((itemId, i) => ({ itemId, level: (n + i) % 11 === 0 ? null : 1 + ((n * 7 + i * 3) % 5) })),
      expectations: [],
      profile: { respondentType: n % 5 === 0 ? 'organisation' : 'individual' },
    },
  };
}

/** The client's own books: every form it sent, and the response id of every one acknowledged. */
export class LoadClient {
  /** idempotency key → response id, for every acknowledged form. */
  readonly acknowledged = new Map<string, string>();
  /** Forms sent and not (yet) acknowledged, by idempotency key. */
  readonly unacknowledged = new Map<string, Form>();
  /** Distinct forms (idempotency keys) the client made. */
  forms = 0;
  /** HTTP attempts, resends included: each is acknowledged (once per form) or refused. */
  attempts = 0;
  /** Attempts that got no acknowledgement: connection refused or cut, 5xx, 503. */
  refusedAttempts = 0;
  /** Forms acknowledged only on a resend with the same key. */
  acknowledgedOnRetry = 0;
  /** Attempts answered with a 4xx: a form the client got wrong, which a resend will not fix. */
  readonly clientErrors: string[] = [];
  private running = false;
  private workers: Promise<void>[] = [];
  private counter = 0;

  constructor(
    private readonly port: () => number,
    private readonly token: string,
    private readonly target: FormTarget,
  ) {}

  /** Sends one form (or resends it); true when acknowledged. */
  async submit(form: Form, retry = false): Promise<boolean> {
    this.attempts += 1;
    const attempt = await post(this.port(), '/responses', form.body, this.token);
    if (attempt.kind === 'reply' && attempt.status >= 200 && attempt.status < 300) {
      const { responseId } = JSON.parse(attempt.body) as { responseId: string };
      this.acknowledged.set(form.idempotencyKey, responseId);
      if (this.unacknowledged.delete(form.idempotencyKey) && retry) this.acknowledgedOnRetry += 1;
      return true;
    }
    if (attempt.kind === 'reply' && attempt.status >= 400 && attempt.status < 500) {
      this.clientErrors.push(`${attempt.status} ${attempt.body.slice(0, 300)}`);
    }
    this.refusedAttempts += 1;
    this.unacknowledged.set(form.idempotencyKey, form);
    return false;
  }

  next(): Form {
    this.forms += 1;
    return newForm(this.target, (this.counter += 1));
  }

  /** Keeps `concurrency` writers sending new forms until stop(); a writer that was not answered pauses. */
  start(concurrency: number): void {
    this.running = true;
    this.workers = Array.from({ length: concurrency }, async () => {
      while (this.running) {
        if (!(await this.submit(this.next()))) await new Promise((resolve) => setTimeout(resolve, 200));
      }
    });
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.workers);
    this.workers = [];
  }

  /** Sends `count` new forms as fast as `concurrency` connections allow. */
  async burst(count: number, concurrency: number): Promise<void> {
    const forms = Array.from({ length: count }, () => this.next());
    let index = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (index < forms.length) await this.submit(forms[index++]);
      }),
    );
  }

  /** Resends every form not acknowledged, with the same idempotency key, until each is or time runs out. */
  async resendUnacknowledged(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.unacknowledged.size > 0 && Date.now() < deadline) {
      for (const form of [...this.unacknowledged.values()]) await this.submit(form, true);
      if (this.unacknowledged.size > 0) await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}
