import { FindingKind, scanForPersonalData } from '@hailong/platform/testing';
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * No secret in the repository: every file git tracks, and every new file not ignored (so a key is
 * caught before its first commit), scanned for private keys, bearer tokens, cloud credentials and
 * passwords written into code. A finding that is not a secret is allowed here, by path and kind,
 * with the reason; an allowance that no longer matches anything fails too, so the list stays true.
 *
 * An integration spec because it reads the working tree and runs git; it needs neither Kafka nor
 * PostgreSQL.
 */
const root = join(__dirname, '..', '..', '..');
const SECRET_KINDS: FindingKind[] = ['private-key', 'bearer-token', 'cloud-credential', 'password-assignment'];

interface Allowance {
  readonly path: RegExp;
  readonly kind: FindingKind;
  readonly reason: string;
}

export const ALLOWED: readonly Allowance[] = [
  {
    path: /^apps\/[\w-]+-e2e\/src\/[\w.-]+\.ts$/,
    kind: 'password-assignment',
    reason: 'the bootstrap admin password of the throwaway platform an end-to-end suite starts (fresh database, dropped afterwards)',
  },
  {
    path: /^apps\/web\/src\/i18n\/\w+\.ts$/,
    kind: 'password-assignment',
    reason: 'the label of the password field ("Password", "Mật khẩu"), not a password',
  },
  {
    path: /^tools\/security\/src\/personal-data-scanner\.spec\.ts$/,
    kind: 'bearer-token',
    reason: "the scanner's own test vector: a made-up token whose signature is the text 'signature-of-the-token-bytes'",
  },
  {
    path: /^tools\/security\/src\/personal-data-scanner\.spec\.ts$/,
    kind: 'cloud-credential',
    reason: "the scanner's own test vector: AWS's documented example key id",
  },
  {
    path: /^tools\/security\/src\/personal-data-scanner\.spec\.ts$/,
    kind: 'password-assignment',
    reason: "the scanner's own test vector: a made-up password",
  },
];

function repositoryFiles(): string[] {
  const out = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root });
  return [...new Set(out.toString('utf8').split('\0').filter(Boolean))].sort();
}

describe('secrets in the repository', () => {
  const findings: { path: string; kind: FindingKind; masked: string; allowed: Allowance | undefined }[] = [];
  let scanned = 0;

  beforeAll(() => {
    for (const path of repositoryFiles()) {
      let bytes: Buffer;
      try {
        if (statSync(join(root, path)).size > 5_000_000) continue;
        bytes = readFileSync(join(root, path));
      } catch {
        continue; // deleted in the working tree
      }
      if (bytes.includes(0)) continue; // binary
      scanned++;
      for (const finding of scanForPersonalData(bytes, { kinds: SECRET_KINDS })) {
        findings.push({
          path,
          kind: finding.kind,
          masked: finding.masked,
          allowed: ALLOWED.find((a) => a.kind === finding.kind && a.path.test(path)),
        });
      }
    }
  });

  it('scans every file of the repository', () => {
    expect(scanned).toBeGreaterThan(300);
  });

  it('holds no private key, token, cloud credential or password that is not explicitly allowed with a reason', () => {
    expect(findings.filter((f) => !f.allowed).map((f) => `${f.path}: ${f.kind} ${f.masked}`)).toEqual([]);
  });

  it('allows nothing that no longer occurs', () => {
    const unused = ALLOWED.filter((a) => !findings.some((f) => f.allowed === a)).map((a) => `${a.path} ${a.kind}`);
    expect(unused).toEqual([]);
  });

  it('keeps generated keys and local passwords out of git (.local/, .env, .kafka-data/)', () => {
    const ignored = execFileSync('git', ['check-ignore', '--no-index', '.local/auth/signing.pem', '.env', '.kafka-data/meta.properties'], {
      cwd: root,
    })
      .toString()
      .trim()
      .split('\n');
    expect(ignored).toEqual(['.local/auth/signing.pem', '.env', '.kafka-data/meta.properties']);
  });
});
