import { KafkaProbe } from '@hailong/platform/messaging';
import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ServiceLifecycle } from './service-lifecycle';

/**
 * What readiness means: the database answers, Kafka answers, every migration this build knows is
 * applied (a Job may run them), and the service is not shutting down. Each check is bounded in time.
 */
@Injectable()
export class ReadinessIndicators {
  private migrationsDone = false;

  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly typeOrm: TypeOrmHealthIndicator,
    private readonly kafka: KafkaProbe,
    private readonly lifecycle: ServiceLifecycle,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  all(): (() => Promise<HealthIndicatorResult>)[] {
    return [() => this.running(), () => this.database(), () => this.broker(), () => this.migrations()];
  }

  private async running(): Promise<HealthIndicatorResult> {
    const check = this.indicators.check('lifecycle');
    return this.lifecycle.shuttingDown ? check.down({ message: 'shutting down' }) : check.up();
  }

  private database(): Promise<HealthIndicatorResult> {
    return this.typeOrm.pingCheck('database', { connection: this.dataSource, timeout: 2000 });
  }

  private async broker(): Promise<HealthIndicatorResult> {
    const check = this.indicators.check('kafka');
    try {
      return check.up({ brokers: (await this.kafka.ping()).length });
    } catch (error) {
      return check.down({ message: (error as Error).message });
    }
  }

  /** Once every migration is applied it stays so for this process: later checks cost nothing. */
  private async migrations(): Promise<HealthIndicatorResult> {
    const check = this.indicators.check('migrations');
    if (this.migrationsDone) return check.up();
    try {
      const pending = await this.dataSource.showMigrations();
      this.migrationsDone = !pending;
      return pending ? check.down({ message: 'migrations pending (the migration Job has not finished)' }) : check.up();
    } catch (error) {
      return check.down({ message: (error as Error).message });
    }
  }
}
