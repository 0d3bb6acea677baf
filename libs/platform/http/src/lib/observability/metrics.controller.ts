import { Public } from '@hailong/platform/auth';
import { MessagingMetrics } from '@hailong/platform/messaging';
import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Registry } from 'prom-client';
import { HttpMetrics } from './http-metrics';

/**
 * Prometheus scrape endpoint: HTTP latency and the process (HttpMetrics), events produced and
 * consumed, dead letters, consumer lag and the outbox backlog (MessagingMetrics).
 * Public like the probes; keep it off the Ingress (the NetworkPolicy admits only the monitoring namespace).
 */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  private readonly registry: Registry;

  constructor(http: HttpMetrics, messaging: MessagingMetrics) {
    this.registry = Registry.merge([http.registry, messaging.registry]);
  }

  @Public()
  @Get()
  @Header('Content-Type', Registry.PROMETHEUS_CONTENT_TYPE)
  scrape(): Promise<string> {
    return this.registry.metrics();
  }
}
