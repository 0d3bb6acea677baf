import { servicesDeliveredTableSql } from '@hailong/scoring/data-access';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** The services each unit delivered in a campaign's period, for sample-size planning. */
export class ServicesDelivered1796600000310 implements MigrationInterface {
  name = 'ServicesDelivered1796600000310';

  async up(runner: QueryRunner): Promise<void> {
    for (const sql of servicesDeliveredTableSql('scoring')) await runner.query(sql);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE scoring.services_delivered`);
  }
}
