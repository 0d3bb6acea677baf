import { DynamicModule, Global, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import { HttpMetrics } from './http-metrics';
import { loggingOptions } from './logging';
import { MetricsController, ServiceMetrics } from './metrics.controller';
import { ReadinessIndicators } from './readiness';
import { ServiceLifecycle } from './service-lifecycle';

/**
 * Health, metrics and logs for one service; bootstrapService puts it beside the service's AppModule.
 * Global, so the HealthController a service lists finds the readiness checks.
 */
@Global()
@Module({})
export class ObservabilityModule {
  static forService(service: string): DynamicModule {
    return {
      module: ObservabilityModule,
      imports: [TerminusModule.forRoot({ logger: false }), LoggerModule.forRoot(loggingOptions(service))],
      controllers: [MetricsController],
      providers: [
        { provide: HttpMetrics, useFactory: () => new HttpMetrics(service) },
        ServiceMetrics,
        ServiceLifecycle,
        ReadinessIndicators,
      ],
      exports: [TerminusModule, HttpMetrics, ServiceMetrics, ServiceLifecycle, ReadinessIndicators],
    };
  }
}
