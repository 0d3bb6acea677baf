import { INestApplication, Logger, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { KafkaProjectionServer } from '@hailong/platform/messaging';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { json } from 'express';
import { createValidationPipe } from './validation';

export interface ServiceBootstrap {
  readonly name: string;
  readonly defaultPort: number;
  readonly description: string;
}

/**
 * Starts a service the one way every service starts: strict validation, a body size limit, OpenAPI
 * at /docs, the Kafka projection transport, shutdown hooks so SIGTERM drains the relay and consumers.
 */
export async function bootstrapService(module: Type<unknown>, options: ServiceBootstrap): Promise<INestApplication> {
  const port = Number(process.env['PORT'] ?? options.defaultPort);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a TCP port, got ${process.env['PORT']}`);
  const app = await NestFactory.create(module, { bodyParser: false, bufferLogs: false });
  app.use(json({ limit: process.env['HTTP_BODY_LIMIT'] ?? '256kb' }));
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle(`Hài Lòng — ${options.name}`).setDescription(options.description).addBearerAuth().build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  app.connectMicroservice({ strategy: app.get(KafkaProjectionServer) }, { inheritAppConfig: false });
  await app.startAllMicroservices();
  await app.listen(port, process.env['HOST'] ?? '127.0.0.1');
  Logger.log(`${options.name} listening on ${await app.getUrl()} (OpenAPI at /docs)`, 'Bootstrap');
  return app;
}
