import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * The Nx tags must bite: these imports are refused by @nx/enforce-module-boundaries. The files are
 * linted as text at paths inside the projects, so nothing is written to the tree.
 */
describe('module boundaries', () => {
  const root = join(__dirname, '..', '..');
  const eslintBin = join(root, 'node_modules', 'eslint', 'bin', 'eslint.js');

  // The ESLint CLI in its own process: its flat config is an ES module, which jest's VM cannot load.
  async function boundaryErrors(relativePath: string, code: string): Promise<string[]> {
    const run = spawnSync(process.execPath, [eslintBin, '--stdin', '--stdin-filename', relativePath, '--format', 'json'], {
      cwd: root,
      input: code,
      encoding: 'utf8',
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
    });
    const [result] = JSON.parse(run.stdout) as { messages: { ruleId: string; message: string }[] }[];
    return result.messages.filter((m) => m.ruleId === '@nx/enforce-module-boundaries').map((m) => m.message);
  }

  it('keeps NestJS out of a domain library', async () => {
    const errors = await boundaryErrors('libs/scoring/domain/src/lib/violation.ts', `import { Injectable } from '@nestjs/common';\nexport const x = Injectable;\n`);
    expect(errors.join('\n')).toMatch(/tagged with "type:domain" is not allowed to import "@nestjs\/common"/);
  });

  it('keeps the Kafka plumbing out of a domain library', async () => {
    const errors = await boundaryErrors(
      'libs/directory/domain/src/lib/violation.ts',
      `import { OutboxWriter } from '@hailong/platform/messaging';\nexport const x = OutboxWriter;\n`,
    );
    expect(errors.join('\n')).toMatch(/can only depend on libs tagged with "type:domain", "type:contracts"/);
  });

  it('keeps one service out of another service’s libraries', async () => {
    const errors = await boundaryErrors(
      'apps/survey-intake/src/app/violation.ts',
      `import { decideRegisterUnit } from '@hailong/directory/domain';\nexport const x = decideRegisterUnit;\n`,
    );
    expect(errors.join('\n')).toMatch(/can only depend on libs tagged with "scope:intake", "scope:shared"/);
  });

  it('keeps contracts free of everything but contracts', async () => {
    const errors = await boundaryErrors('libs/contracts/src/lib/violation.ts', `import { DataSource } from 'typeorm';\nexport const x = DataSource;\n`);
    expect(errors.join('\n')).toMatch(/tagged with "type:contracts" is not allowed to import "typeorm"/);
  });

  it('lets the audit reuse scoring’s counting code, as declared', async () => {
    const errors = await boundaryErrors(
      'apps/audit/src/app/allowed.ts',
      `import { addResponsesToCounts } from '@hailong/scoring/data-access';\nexport const x = addResponsesToCounts;\n`,
    );
    expect(errors).toEqual([]);
  });
});
