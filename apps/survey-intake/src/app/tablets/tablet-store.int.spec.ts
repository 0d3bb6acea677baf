import { runMigrations } from '@hailong/platform/persistence';
import { createTestDatabase, TestDatabase } from '@hailong/platform/testing';
import { hash } from 'argon2';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { INTAKE_SCHEMA, intakeMigrations } from '../migrations';
import { credentialDigest, TabletStore } from './tablet-store';

describe('TabletStore: a tablet credential kept as its SHA-256, tablets enrolled under argon2id moved to it (real PostgreSQL)', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let tablets: TabletStore;
  const storedHash = async (deviceId: string) =>
    (
      (await dataSource.query(`SELECT credential_hash FROM intake.tablet_devices WHERE device_id = $1`, [deviceId])) as {
        credential_hash: string;
      }[]
    )[0].credential_hash;

  beforeAll(async () => {
    db = await createTestDatabase('tablet_store');
    dataSource = await new DataSource({ type: 'postgres', url: db.url, schema: INTAKE_SCHEMA, migrations: intakeMigrations }).initialize();
    await runMigrations(dataSource, INTAKE_SCHEMA);
    tablets = new TabletStore(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('keeps only the digest of a new credential and accepts that credential alone, until the tablet is revoked', async () => {
    const enrolled = await tablets.enroll('Tổ công tác 1 — máy 1', 'admin-1');
    expect(await storedHash(enrolled.deviceId)).toBe(credentialDigest(enrolled.credential));
    expect(await storedHash(enrolled.deviceId)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(await tablets.authenticate(enrolled.deviceId, enrolled.credential)).toBe(true);
    expect(await tablets.authenticate(enrolled.deviceId, randomBytes(32).toString('base64url'))).toBe(false);
    expect(await tablets.authenticate(randomUUID(), enrolled.credential)).toBe(false);
    await tablets.revoke(enrolled.deviceId, 'admin-1');
    expect(await tablets.authenticate(enrolled.deviceId, enrolled.credential)).toBe(false);
  });

  it('checks a tablet enrolled under argon2id against that hash once, then keeps the digest; a wrong credential changes nothing', async () => {
    const deviceId = randomUUID();
    const credential = randomBytes(32).toString('base64url');
    const legacy = await hash(credential, { type: 2 });
    await dataSource.query(
      `INSERT INTO intake.tablet_devices (device_id, label, credential_hash, enrolled_by) VALUES ($1, 'old', $2, 'admin-1')`,
      [deviceId, legacy],
    );
    expect(await tablets.authenticate(deviceId, randomBytes(32).toString('base64url'))).toBe(false);
    expect(await storedHash(deviceId)).toBe(legacy);
    expect(await tablets.authenticate(deviceId, credential)).toBe(true);
    expect(await storedHash(deviceId)).toBe(credentialDigest(credential));
    expect(await tablets.authenticate(deviceId, credential)).toBe(true);
  });
});
