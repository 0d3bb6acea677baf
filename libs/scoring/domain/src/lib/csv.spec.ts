import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { escapeFormulaCell, FORMULA_TRIGGERS, writeCsv } from './csv';

describe('formula-injection escaping', () => {
  it.each(['=HYPERLINK("http://x","y")', '+1+1', '-2+3+cmd|" /C calc"!A0', '@SUM(A1:A2)', '\t=1', '\r=1', '＝1+1', '＋1', '－1', '＠A1'])(
    'defuses %j with a leading apostrophe',
    (text) => {
      expect(escapeFormulaCell(text)).toBe(`'${text}`);
    },
  );

  it.each(['Công an xã Định Trung', 'a=b', ' =1', '', "'already quoted", '88.34%'])('leaves %j as it is', (text) => {
    expect(escapeFormulaCell(text)).toBe(text);
  });

  it('never lets a text cell begin with a trigger, and changes nothing else', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.tuple(fc.constantFrom(...FORMULA_TRIGGERS), fc.string()).map(([trigger, rest]) => trigger + rest),
        ),
        (text) => {
          const escaped = escapeFormulaCell(text);
          expect(FORMULA_TRIGGERS.includes(escaped.charAt(0))).toBe(false);
          expect(escaped === text || escaped === `'${text}`).toBe(true);
        },
      ),
    );
  });
});

describe('CSV writer', () => {
  it('quotes and escapes text, writes numbers as numbers, blanks for null, CRLF, and a UTF-8 BOM for Excel', () => {
    const csv = writeCsv([
      ['unit', 'index', 'note'],
      ['Công an phường "Tích Sơn", Vĩnh Yên', 0.8834, null],
      ['=1+1', -3, true],
    ]);
    expect(csv).toBe('\uFEFF"unit","index","note"\r\n"Công an phường ""Tích Sơn"", Vĩnh Yên",0.8834,\r\n"\'=1+1",-3,true\r\n');
  });

  it('can leave the BOM out', () => {
    expect(writeCsv([['a']], { bom: false })).toBe('"a"\r\n');
  });

  it('refuses numbers a spreadsheet would not read back', () => {
    expect(() => writeCsv([[NaN]])).toThrow(RangeError);
    expect(() => writeCsv([[Infinity]])).toThrow(RangeError);
  });

  it('reads back, cell for cell, as the escaped text — whatever separators, quotes or line breaks the text holds', () => {
    const cell = fc.oneof(fc.string({ unit: 'grapheme' }), fc.constantFrom('=1', ',', '"', '\r\n', '\n=2', '-'), fc.integer());
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 8 }), (rows) => {
        const width = Math.max(...rows.map((r) => r.length));
        const square = rows.map((r) => [...r, ...Array<string>(width - r.length).fill('')]);
        const parsed: string[][] = parse(writeCsv(square), { bom: true, relax_column_count: false });
        expect(parsed).toEqual(square.map((r) => r.map((c) => (typeof c === 'number' ? String(c) : escapeFormulaCell(c)))));
      }),
    );
  });
});
