import { Public } from '@hailong/platform/auth';
import { MessagingMetrics } from '@hailong/platform/messaging';
import { Controller, Get, Header, Injectable, NotFoundException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { createServer, Server } from 'node:http';
import { Registry } from 'prom-client';
import { HttpMetrics } from './http-metrics';

/** Every metric of the service: HTTP latency and the process (HttpMetrics), the event backbone (MessagingMetrics). */
@Injectable()
export class ServiceMetrics {
  readonly registry: Registry;

  constructor(http: HttpMetrics, messaging: MessagingMetrics) {
    this.registry = Registry.merge([http.registry, messaging.registry]);
    // A merged registry serialises with its own default labels, not those of its parts.
    this.registry.setDefaultLabels({ service: http.service });
  }

  /**
   * With METRICS_PORT, /metrics is served on a port of its own (Kubernetes: reachable by the
   * monitoring namespace only, never through the Ingress) and the API port answers 404 for it.
   */
  listenSeparately(port: number, host: string): Promise<Server> {
    const server = createServer((request, response) => {
      if (request.method !== 'GET' || !/^\/metrics(\?|$)/.test(request.url ?? '')) {
        response.writeHead(404).end();
        return;
      }
      this.registry.metrics().then(
        (text) => response.writeHead(200, { 'Content-Type': this.registry.contentType }).end(text),
        (error: Error) => response.writeHead(500).end(error.message),
      );
    });
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve(server));
    });
  }
}

export function metricsPortFromEnv(env: NodeJS.ProcessEnv = process.env): number | null {
  const raw = env['METRICS_PORT'];
  if (raw === undefined || raw === '') return null;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`METRICS_PORT must be a TCP port, got ${raw}`);
  return port;
}

/** Prometheus scrape endpoint on the API port (unless METRICS_PORT moves it). Public like the probes. */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  private readonly separatePort = metricsPortFromEnv() !== null;

  constructor(private readonly metrics: ServiceMetrics) {}

  @Public()
  @Get()
  @Header('Content-Type', Registry.PROMETHEUS_CONTENT_TYPE)
  scrape(): Promise<string> {
    if (this.separatePort) throw new NotFoundException();
    return this.metrics.registry.metrics();
  }
}
