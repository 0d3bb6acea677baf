import { TraceContext } from '@hailong/contracts';
import { Context, context, createContextKey, Link, propagation, ROOT_CONTEXT, Span, SpanKind, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';

/**
 * W3C trace context and the correlation id, carried the same way from an HTTP request into the
 * events it causes, through Kafka headers, into the consumer that applies them (and its logs).
 *
 * The OpenTelemetry API is the carrier: the active context holds the current span (trace id, span
 * id) and the correlation id; logs read both from it. Spans are created and propagated but not
 * exported (no collector is part of the platform); an exporter is one span processor away.
 */
const CORRELATION_ID = createContextKey('hailong.correlation-id');
let registered = false;

/** Registers the context manager, the W3C propagators and a tracer provider once per process. */
export function initTelemetry(): void {
  if (registered) return;
  registered = true;
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()] }));
  trace.setGlobalTracerProvider(new BasicTracerProvider());
}

export function tracer() {
  return trace.getTracer('hailong');
}

export function withCorrelationId(ctx: Context, correlationId: string | undefined): Context {
  return correlationId ? ctx.setValue(CORRELATION_ID, correlationId) : ctx;
}

export function activeCorrelationId(ctx: Context = context.active()): string | undefined {
  return ctx.getValue(CORRELATION_ID) as string | undefined;
}

/** The trace id and span id of the active span, for log lines. */
export function activeTraceIds(ctx: Context = context.active()): { traceId?: string; spanId?: string } {
  const span = trace.getSpanContext(ctx);
  return span && trace.isSpanContextValid(span) ? { traceId: span.traceId, spanId: span.spanId } : {};
}

/** The active context as the envelope's `trace` field (W3C traceparent / tracestate). */
export function traceContextOf(ctx: Context = context.active()): TraceContext {
  const carrier: Record<string, string> = {};
  propagation.inject(ctx, carrier);
  return {
    ...(carrier['traceparent'] ? { traceparent: carrier['traceparent'] } : {}),
    ...(carrier['tracestate'] ? { tracestate: carrier['tracestate'] } : {}),
  };
}

/** The context an envelope's trace field or a message's headers describe (ROOT when there is none). */
export function contextFromCarrier(carrier: Record<string, unknown> | undefined, base: Context = ROOT_CONTEXT): Context {
  const text: Record<string, string> = {};
  for (const [key, value] of Object.entries(carrier ?? {})) {
    if (typeof value === 'string') text[key] = value;
    else if (Buffer.isBuffer(value)) text[key] = value.toString('utf8');
  }
  return propagation.extract(base, text);
}

/** Kafka headers that carry the event's trace context (the one recorded in its envelope). */
export function traceHeaders(traceContext: TraceContext): Record<string, string> {
  return {
    ...(traceContext.traceparent ? { traceparent: traceContext.traceparent } : {}),
    ...(traceContext.tracestate ? { tracestate: traceContext.tracestate } : {}),
  };
}

/** Runs `work` inside a span; the span ends (with its error, if any) when the work does. */
export async function inSpan<T>(
  name: string,
  options: { parent: Context; kind: SpanKind; links?: Link[]; attributes?: Record<string, string | number> },
  work: (span: Span) => Promise<T>,
): Promise<T> {
  const span = tracer().startSpan(name, { kind: options.kind, links: options.links, attributes: options.attributes }, options.parent);
  try {
    return await context.with(trace.setSpan(options.parent, span), () => work(span));
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: 2, message: (error as Error).message });
    throw error;
  } finally {
    span.end();
  }
}
