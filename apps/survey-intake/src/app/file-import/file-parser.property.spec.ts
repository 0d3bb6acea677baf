import { importLayoutOf, ImportHeader, questionnairesFromReference, readImportHeader, readImportRow } from '@hailong/intake/domain';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { csvRows, FileRow, UnreadableFile, xlsxRows } from './file-rows';

/**
 * Fuzzing the bulk import's file parser (issue 12): whatever bytes a file holds, reading it either
 * gives rows or refuses it as unreadable (a 400), and every row read is either a form or a list of
 * refusals that name a field and give reasons in both languages — nothing else is thrown (a 500).
 * And what a spreadsheet program writes, however it quotes and delimits, reads back cell for cell.
 */
const reference = JSON.parse(
  readFileSync(join(__dirname, '..', '..', '..', '..', '..', 'data', 'reference', 'questionnaires.json'), 'utf8'),
);
const questionnaire = questionnairesFromReference(reference).find((q) => q.questionnaireId === 'current')!.content;
const layout = importLayoutOf(questionnaire);
const ids = layout.columns.map((c) => c.id);
const header = (readImportHeader(ids, layout) as { header: ImportHeader }).header;

const chunked = (bytes: Buffer, cuts: number[]) => {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const parts: Buffer[] = [];
  let at = 0;
  for (const p of points) {
    parts.push(bytes.subarray(at, p));
    at = p;
  }
  parts.push(bytes.subarray(at));
  return Readable.from(parts.filter((p) => p.length > 0));
};

async function readAll(rows: AsyncGenerator<FileRow>): Promise<FileRow[] | 'unreadable'> {
  const out: FileRow[] = [];
  try {
    for await (const row of rows) out.push(row);
    return out;
  } catch (error) {
    if (error instanceof UnreadableFile && error.message && error.messageVi) return 'unreadable';
    throw error;
  }
}

const cell = fc.oneof(
  fc.string({ maxLength: 10 }),
  fc.string({ unit: 'grapheme', maxLength: 10 }),
  fc.constantFrom(
    '',
    '"',
    '""',
    ',',
    ';',
    '\n',
    '\r\n',
    '\u0000',
    '\ufeff',
    '4',
    '7',
    '-1',
    '2022-04-12',
    '31/02/2022',
    '08707',
    'id-card',
    'Tốt "lắm", cảm ơn',
  ),
);

describe('the bulk import file parser, fuzzed', () => {
  it('reads any bytes as rows or refuses them as unreadable, and never throws anything else while checking a row', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 400 }),
          fc.string({ maxLength: 400 }).map((s) => new TextEncoder().encode(s)),
        ),
        fc.array(fc.nat(), { maxLength: 4 }),
        async (bytes, cuts) => {
          const rows = await readAll(csvRows(chunked(Buffer.from(bytes), cuts)));
          if (rows === 'unreadable') return;
          for (const row of rows) {
            const read = readImportRow(row.cells, header);
            for (const v of read.violations ?? []) {
              expect(v.field && v.rule && v.reason && v.reasonVi).toBeTruthy();
            }
          }
          const [first] = rows;
          if (first) readImportHeader(first.cells, layout);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads back, cell for cell, rows written with any delimiter, quoting, line ending and BOM', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 8 }),
        fc.constantFrom(',', ';', '\t'),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 4 }),
        async (body, delimiter, eol, bom, cuts) => {
          const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;
          const headerLine = ['formNumber', 'unit', 'procedure'].join(delimiter);
          const text = [headerLine, ...body.map((r) => r.map(quote).join(delimiter))].join(eol) + eol;
          const rows = await readAll(csvRows(chunked(Buffer.from((bom ? '\ufeff' : '') + text, 'utf8'), cuts)));
          expect(rows).not.toBe('unreadable');
          // A lone BOM inside a quoted cell, or an unpaired surrogate, is what UTF-8 makes of it.
          const expected = body.map((r) => r.map((v) => Buffer.from(v, 'utf8').toString('utf8')));
          expect((rows as FileRow[]).slice(1).map((r) => r.cells)).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuses any bytes that are not a zip as an unreadable XLSX', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (bytes) => {
        const result = await readAll(xlsxRows(Readable.from([Buffer.from(bytes)])));
        if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) expect(result).toBe('unreadable');
      }),
      { numRuns: 100 },
    );
  });
});
