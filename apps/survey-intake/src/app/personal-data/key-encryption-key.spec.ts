import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KEK_ENV, KEK_FILE_ENV, loadKeyEncryptionKey } from './key-encryption-key';

describe('key-encryption key', () => {
  it('takes 32 bytes from INTAKE_KEY_ENCRYPTION_KEY', () => {
    const key = randomBytes(32);
    const kek = loadKeyEncryptionKey({ [KEK_ENV]: key.toString('base64') });
    expect(kek.key.equals(key)).toBe(true);
    expect(kek.source).toBe('environment');
    expect(kek.id).toMatch(/^[0-9a-f]{16}$/);
  });

  it('refuses a key of the wrong length, naming the variable', () => {
    expect(() => loadKeyEncryptionKey({ [KEK_ENV]: randomBytes(16).toString('base64') })).toThrow(
      /INTAKE_KEY_ENCRYPTION_KEY must be 32 random bytes/,
    );
  });

  it('generates a key once into the local file (mode 0600) and every later start reads the same one', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kek-')), 'nested', 'kek');
    const first = loadKeyEncryptionKey({ [KEK_FILE_ENV]: file });
    const second = loadKeyEncryptionKey({ [KEK_FILE_ENV]: file });
    expect(first.source).toBe('generated file');
    expect(second.key.equals(first.key)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64').equals(first.key)).toBe(true);
  });

  it('fails start-up, asking for the variable, where no file can be written', () => {
    // A path through a regular file cannot become a directory, even for root.
    const file = join(mkdtempSync(join(tmpdir(), 'kek-ro-')), 'a-file');
    writeFileSync(file, '');
    const unwritable = join(file, 'intake', 'kek');
    expect(() => loadKeyEncryptionKey({ [KEK_FILE_ENV]: unwritable })).toThrow(/set INTAKE_KEY_ENCRYPTION_KEY/);
  });
});
