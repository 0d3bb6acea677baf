import { stringify } from 'csv-stringify/sync';

/**
 * First characters that make a spreadsheet (Excel, LibreOffice, Google Sheets) read a cell as a formula
 * or a DDE command: `=`, `+`, `-`, `@`, tab and carriage return, as OWASP's "CSV Injection" page lists
 * them, plus their full-width forms (U+FF1D, U+FF0B, U+FF0D, U+FF20), which some spreadsheet versions
 * fold to the ASCII ones when parsing.
 */
export const FORMULA_TRIGGERS: readonly string[] = ['=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20'];

/**
 * Defuses a text cell for CSV and XLSX export: a cell that begins with a formula trigger gets a leading
 * apostrophe (OWASP's advice; spreadsheets show the text as typed). Applies to text only — a number
 * exported as a number stays a number, so a negative figure is not mangled, while the text "-1+cmd|…"
 * is. Everything else is unchanged, so the escape is the only difference an export shows.
 */
export function escapeFormulaCell(text: string): string {
  return text.length > 0 && FORMULA_TRIGGERS.includes(text[0]) ? `'${text}` : text;
}

export type CsvCell = string | number | boolean | null | undefined;

/**
 * Writes rows as RFC 4180 CSV through csv-stringify: every text cell escaped by `escapeFormulaCell` and
 * quoted (so a separator or line break inside user text cannot start a new cell — OWASP's second half),
 * numbers as they are, null/undefined as an empty cell, CRLF line ends, and a UTF-8 byte-order mark so
 * Excel reads the Vietnamese diacritics as UTF-8.
 */
export function writeCsv(rows: readonly (readonly CsvCell[])[], options: { bom?: boolean } = {}): string {
  for (const row of rows) {
    for (const cell of row) {
      if (typeof cell === 'number' && !Number.isFinite(cell)) throw new RangeError(`cannot export ${cell} as a CSV number`);
    }
  }
  return stringify(
    rows.map((row) => [...row]),
    {
      bom: options.bom ?? true,
      quoted_string: true,
      record_delimiter: 'windows',
      cast: {
        string: (value) => escapeFormulaCell(value),
        boolean: (value) => (value ? 'true' : 'false'),
      },
    },
  );
}
