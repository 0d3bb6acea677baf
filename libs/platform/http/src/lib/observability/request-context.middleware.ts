import { contextFromCarrier, tracer, withCorrelationId } from '@hailong/platform/messaging';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { NextFunction, Request, Response } from 'express';
import { correlationIdOf } from '../correlation-id.decorator';
import { HttpMetrics } from './http-metrics';
import { ServiceLifecycle } from './service-lifecycle';

/**
 * The first thing every request meets:
 * - settles its correlation id (the caller's X-Correlation-Id if well-formed, else a new one),
 *   writes it back into the request so every reader (the @CorrelationId decorator, the request log)
 *   sees the same one, and returns it in the response;
 * - continues the caller's W3C trace (traceparent) in a server span, active for the whole request,
 *   so events written by the request record it and log lines carry its trace id;
 * - times the request for http_request_duration_seconds;
 * - during shutdown, asks the client to close its connection after the answer.
 */
export function requestContextMiddleware(metrics: HttpMetrics, lifecycle: ServiceLifecycle) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const correlationId = correlationIdOf(request.headers);
    request.headers['x-correlation-id'] = correlationId;
    response.setHeader('X-Correlation-Id', correlationId);
    if (lifecycle.shuttingDown) response.setHeader('Connection', 'close');

    const parent = withCorrelationId(contextFromCarrier(request.headers), correlationId);
    const span = tracer().startSpan(
      `${request.method}`,
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': request.method } },
      parent,
    );
    const started = process.hrtime.bigint();
    response.once('finish', () => {
      const route = routeOf(request);
      metrics.requestDuration.observe(
        { method: request.method, route, status_code: String(response.statusCode) },
        Number(process.hrtime.bigint() - started) / 1e9,
      );
      span.updateName(`${request.method} ${route}`);
      span.setAttribute('http.route', route);
      span.setAttribute('http.response.status_code', response.statusCode);
      if (response.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    context.with(trace.setSpan(parent, span), next);
  };
}

/** The route pattern Express matched (`/units/:id`), or `unmatched`: raw paths would make a label per id. */
function routeOf(request: Request): string {
  const path = (request.route as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' ? `${request.baseUrl}${path}` : 'unmatched';
}
