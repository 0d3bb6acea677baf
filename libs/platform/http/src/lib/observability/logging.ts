import { activeCorrelationId, activeTraceIds } from '@hailong/platform/messaging';
import { IncomingMessage } from 'node:http';
import { Params } from 'nestjs-pino';
import { stdTimeFunctions } from 'pino';

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/**
 * One JSON object per line on stdout: level, time, service, message, and the correlation id, trace
 * id and span id of whatever the line is about (the HTTP request, or the event being published or
 * applied), read from the active OpenTelemetry context. Request lines (pino-http) carry the
 * correlation id as req.id. Tokens and cookies are redacted.
 */
export function loggingOptions(service: string, env: NodeJS.ProcessEnv = process.env): Params {
  const level = env['LOG_LEVEL'] ?? 'info';
  if (!LEVELS.includes(level)) throw new Error(`LOG_LEVEL must be one of ${LEVELS.join(', ')}, got ${level}`);
  return {
    pinoHttp: {
      level,
      base: { service },
      messageKey: 'msg',
      timestamp: stdTimeFunctions.isoTime,
      formatters: { level: (label: string) => ({ level: label }) },
      mixin: () => {
        const correlationId = activeCorrelationId();
        return { ...(correlationId ? { correlationId } : {}), ...activeTraceIds() };
      },
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]'], censor: '[redacted]' },
      // The request context middleware has settled the id by now; it is also the response's X-Correlation-Id.
      genReqId: (request: IncomingMessage) => String(request.headers['x-correlation-id'] ?? ''),
      // Probes and scrapes every few seconds would drown the lines that matter.
      autoLogging: { ignore: (request: IncomingMessage) => /^\/(health|metrics)(\/|$|\?)/.test(request.url ?? '') },
    },
  };
}
