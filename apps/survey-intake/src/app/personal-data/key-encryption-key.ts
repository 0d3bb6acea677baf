import { createHash, randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** The key that wraps every respondent key: from the environment, never from the database. */
export interface KeyEncryptionKey {
  readonly key: Buffer;
  /** A fingerprint naming which key wrapped a respondent key (not the key, and not reversible to it). */
  readonly id: string;
  readonly source: 'environment' | 'generated file';
}

export const KEK_ENV = 'INTAKE_KEY_ENCRYPTION_KEY';
export const KEK_FILE_ENV = 'INTAKE_KEY_ENCRYPTION_KEY_FILE';
export const DEFAULT_KEK_FILE = '.local/intake/key-encryption-key';

const decode = (base64: string, where: string): Buffer => {
  const key = Buffer.from(base64.trim(), 'base64');
  if (key.length !== 32) throw new Error(`${where} must be 32 random bytes in base64 (openssl rand -base64 32), got ${key.length} bytes`);
  return key;
};

const fingerprint = (key: Buffer) => createHash('sha256').update('hailong-intake-kek:').update(key).digest('hex').slice(0, 16);

/**
 * INTAKE_KEY_ENCRYPTION_KEY (32 bytes, base64) when set. Otherwise, for local runs, a key generated
 * once into INTAKE_KEY_ENCRYPTION_KEY_FILE (default .local/intake/key-encryption-key under the working
 * directory, mode 0600), shared by every intake process started there — the way tools/dev/platform.sh
 * keeps the local signing keys. Where that file cannot be written (a read-only container) start-up
 * fails and asks for the variable: there is no built-in key.
 */
export function loadKeyEncryptionKey(env: NodeJS.ProcessEnv = process.env): KeyEncryptionKey {
  const fromEnv = env[KEK_ENV];
  if (fromEnv) {
    const key = decode(fromEnv, KEK_ENV);
    return { key, id: fingerprint(key), source: 'environment' };
  }
  const file = resolve(env[KEK_FILE_ENV] || DEFAULT_KEK_FILE);
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    // Written aside and linked into place: two processes starting at once end up with the same key.
    const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    writeFileSync(draft, randomBytes(32).toString('base64') + '\n', { mode: 0o600 });
    try {
      linkSync(draft, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      unlinkSync(draft);
    }
    const key = decode(readFileSync(file, 'utf8'), file);
    return { key, id: fingerprint(key), source: 'generated file' };
  } catch (error) {
    throw new Error(
      `no key-encryption key: set ${KEK_ENV} (openssl rand -base64 32); ${file} could not be used: ${(error as Error).message}`,
    );
  }
}
