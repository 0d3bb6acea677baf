import { context, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import {
  activeCorrelationId,
  activeTraceIds,
  contextFromCarrier,
  initTelemetry,
  inSpan,
  traceContextOf,
  traceHeaders,
  withCorrelationId,
} from './telemetry';

const TRACEPARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

describe('trace context and correlation id', () => {
  beforeAll(() => initTelemetry());

  it('reads a W3C traceparent from Kafka headers (Buffers) and writes the same one back into an envelope', () => {
    const ctx = contextFromCarrier({ traceparent: Buffer.from(TRACEPARENT), 'event-id': Buffer.from('x') });
    expect(traceContextOf(ctx)).toEqual({ traceparent: TRACEPARENT });
    expect(traceHeaders({ traceparent: TRACEPARENT, tracestate: 'a=1' })).toEqual({ traceparent: TRACEPARENT, tracestate: 'a=1' });
  });

  it('gives nothing when there is no trace, rather than inventing one', () => {
    expect(traceContextOf(contextFromCarrier({}))).toEqual({});
    expect(activeTraceIds(ROOT_CONTEXT)).toEqual({});
  });

  it('continues the caller’s trace in a child span: same trace id, a new span id, and the correlation id alongside', async () => {
    const parent = withCorrelationId(contextFromCarrier({ traceparent: TRACEPARENT }), 'corr-1');
    const seen = await inSpan('work', { parent, kind: 0 }, async () => ({
      ids: activeTraceIds(),
      correlationId: activeCorrelationId(),
      recorded: traceContextOf(),
    }));
    expect(seen.ids.traceId).toBe('0af7651916cd43dd8448eb211c80319c');
    expect(seen.ids.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(seen.ids.spanId).not.toBe('b7ad6b7169203331');
    expect(seen.correlationId).toBe('corr-1');
    expect(seen.recorded.traceparent).toBe(`00-0af7651916cd43dd8448eb211c80319c-${seen.ids.spanId}-01`);
    expect(trace.getSpan(context.active())).toBeUndefined();
  });

  it('ends the span with the error when the work fails, and rethrows it', async () => {
    await expect(inSpan('fails', { parent: ROOT_CONTEXT, kind: 0 }, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
  });
});
