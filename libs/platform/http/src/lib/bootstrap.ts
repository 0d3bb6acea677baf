import { initTelemetry, KafkaProjectionServer } from '@hailong/platform/messaging';
import { INestApplication, Logger, Module, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { json } from 'express';
import type { Server } from 'node:http';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import { rejectUnsafeJson } from './json-screen';
import { GracefulShutdown, shutdownSettingsFromEnv } from './observability/graceful-shutdown';
import { HttpMetrics } from './observability/http-metrics';
import { metricsPortFromEnv, ServiceMetrics } from './observability/metrics.controller';
import { ObservabilityModule } from './observability/observability.module';
import { requestContextMiddleware } from './observability/request-context.middleware';
import { ServiceLifecycle } from './observability/service-lifecycle';
import { createValidationPipe } from './validation';

export interface ServiceBootstrap {
  readonly name: string;
  readonly defaultPort: number;
  readonly description: string;
}

/**
 * Starts a service the one way every service starts: JSON logs, trace context and correlation id
 * on every request, /metrics and the health checks (ObservabilityModule beside the service's own
 * module), strict validation, a body size and nesting limit, OpenAPI at /docs, the Kafka projection transport,
 * and an ordered shutdown on SIGTERM (see GracefulShutdown).
 */
export async function bootstrapService(module: Type<unknown>, options: ServiceBootstrap): Promise<INestApplication> {
  initTelemetry();
  const port = Number(process.env['PORT'] ?? options.defaultPort);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a TCP port, got ${process.env['PORT']}`);
  const shutdownSettings = shutdownSettingsFromEnv();
  const metricsPort = metricsPortFromEnv();

  @Module({ imports: [ObservabilityModule.forService(options.name), module] })
  class ServiceRootModule {}

  const app = await NestFactory.create(ServiceRootModule, { bodyParser: false, bufferLogs: true });
  app.useLogger(app.get(PinoNestLogger));
  const lifecycle = app.get(ServiceLifecycle);
  app.use(requestContextMiddleware(app.get(HttpMetrics), lifecycle));
  app.use(json({ limit: process.env['HTTP_BODY_LIMIT'] ?? '256kb' }));
  app.use(rejectUnsafeJson());
  app.useGlobalPipes(createValidationPipe());
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle(`Hài Lòng — ${options.name}`).setDescription(options.description).addBearerAuth().build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  const projections = app.get(KafkaProjectionServer);
  app.connectMicroservice({ strategy: projections }, { inheritAppConfig: false });
  await app.startAllMicroservices();
  // Node ends a request still being received after requestTimeout (5 minutes by default). A streamed
  // file import is received as fast as its rows are decided, so a large file takes longer than that:
  // 15 minutes by default. Headers still have to arrive within headersTimeout (60 s), and JSON bodies
  // are size-limited above.
  const requestTimeoutMs = Number(process.env['HTTP_REQUEST_TIMEOUT_MS'] ?? 15 * 60 * 1000);
  if (!Number.isInteger(requestTimeoutMs) || requestTimeoutMs < 0) {
    throw new Error(`HTTP_REQUEST_TIMEOUT_MS must be a whole number of milliseconds, got ${process.env['HTTP_REQUEST_TIMEOUT_MS']}`);
  }
  (app.getHttpServer() as Server).requestTimeout = requestTimeoutMs;
  const host = process.env['HOST'] ?? '127.0.0.1';
  await app.listen(port, host);
  const metricsServer = metricsPort === null ? null : await app.get(ServiceMetrics).listenSeparately(metricsPort, host);
  // Not Nest's enableShutdownHooks: its order stops the relay before the HTTP server stops taking requests.
  new GracefulShutdown(app, projections, lifecycle, shutdownSettings, new Logger('Shutdown'), metricsServer).listen();
  const metricsAt = metricsPort === null ? '/metrics' : `:${metricsPort}/metrics`;
  Logger.log(`${options.name} listening on ${await app.getUrl()} (OpenAPI at /docs, metrics at ${metricsAt})`, 'Bootstrap');
  return app;
}
