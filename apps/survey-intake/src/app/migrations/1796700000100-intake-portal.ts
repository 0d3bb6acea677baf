import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The portal channel: its signing keys (the secret wrapped under the key-encryption key, since the
 * verifier needs it back) and the nonces it has used, kept until their timestamp is too old to pass.
 */
export class IntakePortal1796700000100 implements MigrationInterface {
  name = 'IntakePortal1796700000100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE intake.portal_signing_keys (
        key_id text PRIMARY KEY,
        wrapped_secret bytea NOT NULL,
        kek_id text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by text NOT NULL,
        retired_at timestamptz,
        retired_by text
      )`);
    await runner.query(`
      CREATE TABLE intake.portal_nonces (
        key_id text NOT NULL,
        nonce text NOT NULL,
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (key_id, nonce)
      )`);
    await runner.query(`CREATE INDEX portal_nonces_expiry ON intake.portal_nonces (expires_at)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE intake.portal_nonces`);
    await runner.query(`DROP TABLE intake.portal_signing_keys`);
  }
}
