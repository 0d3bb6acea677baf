import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

// pdf.js (inside pdf-parse) loads its worker with a dynamic import, which Jest's module VM refuses;
// a plain Node process reads the file instead.
const SCRIPT = `
const { PDFParse } = require('pdf-parse');
const { readFileSync } = require('node:fs');
(async () => {
  const parser = new PDFParse({ data: new Uint8Array(readFileSync(process.argv[1])) });
  const result = await parser.getText();
  await parser.destroy();
  process.stdout.write(JSON.stringify({ text: result.text, pages: result.total }));
})().catch((error) => { console.error(error); process.exit(1); });
`;

/** The text a PDF reader extracts from a PDF (pdf-parse, Mozilla's pdf.js), in Unicode NFC. */
export async function extractPdfText(pdf: Buffer): Promise<{ text: string; pages: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'hailong-pdf-'));
  try {
    const file = join(dir, 'report.pdf');
    writeFileSync(file, pdf);
    const { stdout } = await run(process.execPath, ['-e', SCRIPT, file], { cwd: process.cwd(), maxBuffer: 64 * 1024 * 1024 });
    const parsed = JSON.parse(stdout) as { text: string; pages: number };
    return { text: parsed.text.normalize('NFC'), pages: parsed.pages };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
