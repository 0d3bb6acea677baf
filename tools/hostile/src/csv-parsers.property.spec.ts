// eslint-disable-next-line @nx/enforce-module-boundaries -- the fuzzer attacks the directory's file parsers from outside, as an uploaded file would
import * as directoryDomain from '@hailong/directory/domain';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Property: whatever text a file holds, each CSV parser of the directory's reference imports either
 * returns rows or throws an ImportFormatError naming a line (or none) and a column, in English and
 * Vietnamese — which the HTTP layer answers with 422. Anything else thrown would be a 500.
 *
 * The parsers are every `parse…Csv` the domain library exports, so a new one is fuzzed at once.
 * Random text alone rarely gets past the header check, so the main property mutates the real
 * reference files of data/reference/ (cells replaced, rows dropped, duplicated or cut).
 */
const { ImportFormatError } = directoryDomain;
const parsers = Object.entries(directoryDomain).filter(([name, value]) => /^parse\w*Csv$/.test(name) && typeof value === 'function') as [
  string,
  (text: string) => unknown[],
][];
const referenceDir = join(__dirname, '..', '..', '..', 'data', 'reference');
const referenceFiles = readdirSync(referenceDir)
  .filter((f) => f.endsWith('.csv'))
  .map((f) => ({ name: f, text: readFileSync(join(referenceDir, f), 'utf8') }));

function outcome(parse: (text: string) => unknown[], text: string): 'rows' | 'refused' {
  try {
    const rows = parse(text);
    if (!Array.isArray(rows)) throw new Error(`returned ${typeof rows}, not rows`);
    return 'rows';
  } catch (error) {
    if (!(error instanceof ImportFormatError)) throw error;
    if (!(error.line === null || (Number.isInteger(error.line) && error.line >= 1)))
      throw new Error(`ImportFormatError with line ${error.line}`);
    if (!error.field || !error.reason || !error.reasonVi)
      throw new Error(`ImportFormatError without field or reasons: ${JSON.stringify(error)}`);
    return 'refused';
  }
}

const cellNoise = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constantFrom(
    '',
    '"',
    '""',
    '",',
    '\n',
    '\r\n',
    '=1+2',
    '\u0000',
    '\ufeff',
    'Xã Đình Chu'.normalize('NFD'),
    '99',
    '08740',
    '26',
    'province',
    'commune',
  ),
);

/** A real reference file, changed at random: some cells replaced, some rows dropped, duplicated or cut short. */
function mutatedReference(text: string) {
  const lines = text.split('\n');
  return fc
    .array(
      fc.record({
        line: fc.nat({ max: lines.length - 1 }),
        op: fc.constantFrom('replace-cell', 'drop', 'duplicate', 'cut', 'append-cell'),
        cell: fc.nat({ max: 8 }),
        noise: cellNoise,
      }),
      { maxLength: 6 },
    )
    .map((edits) => {
      const out = [...lines];
      for (const { line, op, cell, noise } of edits) {
        const cells = (out[line] ?? '').split(',');
        if (op === 'replace-cell') cells[cell % Math.max(cells.length, 1)] = noise;
        if (op === 'append-cell') cells.push(noise);
        if (op === 'drop') out.splice(line, 1);
        else if (op === 'duplicate') out.splice(line, 0, out[line] ?? '');
        else if (op === 'cut') out[line] = (out[line] ?? '').slice(0, cell);
        else out[line] = cells.join(',');
      }
      return out.join('\n');
    });
}

describe('directory CSV parsers under random files (fast-check)', () => {
  it('finds the parsers and the reference files, and each parser reads one reference file as it is', () => {
    expect(parsers.map(([name]) => name)).toEqual(
      expect.arrayContaining(['parseAdminUnitsCsv', 'parseCommuneMergersCsv', 'parseProvinceReorganizationCsv']),
    );
    for (const [name, parse] of parsers) {
      const readable = referenceFiles.filter((f) => outcome(parse, f.text) === 'rows');
      expect({ name, readable: readable.length }).toEqual({ name, readable: 1 });
    }
  });

  it.each(parsers)('%s: random text yields rows or an ImportFormatError', (_, parse) => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 400 }),
          fc.string({ unit: 'binary', maxLength: 400 }),
          fc.array(cellNoise).map((c) => c.join(',')),
        ),
        (text) => {
          outcome(parse, text);
        },
      ),
      { numRuns: 300, seed: 12 },
    );
  });

  it.each(parsers)('%s: mutated reference files yield rows or an ImportFormatError', (_, parse) => {
    for (const file of referenceFiles) {
      fc.assert(
        fc.property(mutatedReference(file.text), (text) => {
          outcome(parse, text);
        }),
        { numRuns: 100, seed: 12 },
      );
    }
  });
});
