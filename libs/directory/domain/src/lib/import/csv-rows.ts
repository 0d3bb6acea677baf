import { CsvError, Info, parse } from 'csv-parse/sync';
import { ImportFormatError } from './import-errors';

/** One data row: its line in the file (for error messages) and its cells by column name. */
export interface CsvRow<C extends string> {
  readonly line: number;
  readonly cells: Readonly<Record<C, string>>;
}

/**
 * The data rows of a CSV text whose header names every column in `columns` (in any order; other
 * columns are ignored). Cells are trimmed and put in Unicode NFC, so names compare equal however the
 * file's editor composed the Vietnamese letters.
 */
export function readCsvRows<C extends string>(text: string, columns: readonly C[]): CsvRow<C>[] {
  const [header, ...records] = parseRecords(text);
  if (!header) throw new ImportFormatError(1, 'header', 'the file is empty', 'tệp trống');
  const position = columnPositions(header, columns);
  if (records.length === 0)
    throw new ImportFormatError(
      header.info.lines + 1,
      'file',
      'the file has a header but no rows',
      'tệp chỉ có dòng tiêu đề, không có dữ liệu',
    );
  return records.map(({ record, info }) => {
    if (record.length !== header.record.length)
      throw new ImportFormatError(
        info.lines,
        'row',
        `expected ${header.record.length} cells as in the header, found ${record.length}`,
        `cần ${header.record.length} ô như dòng tiêu đề, nhưng có ${record.length}`,
      );
    const cells = Object.fromEntries(columns.map((c) => [c, record[position[c]].trim().normalize('NFC')])) as Record<C, string>;
    return { line: info.lines, cells };
  });
}

function parseRecords(text: string): { record: string[]; info: Info }[] {
  try {
    // With `info` each record comes with the line it ends on; the typings do not say so.
    return parse(text, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as unknown as { record: string[]; info: Info }[];
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = typeof error['lines'] === 'number' ? error['lines'] : 1;
    throw new ImportFormatError(line, 'file', `not readable as CSV: ${error.message}`, `không đọc được dưới dạng CSV: ${error.message}`);
  }
}

function columnPositions<C extends string>(header: { record: string[]; info: Info }, columns: readonly C[]): Record<C, number> {
  const line = header.info.lines;
  const names = header.record.map((name) => name.trim());
  const position = {} as Record<C, number>;
  for (const column of columns) {
    const index = names.indexOf(column);
    if (index < 0)
      throw new ImportFormatError(
        line,
        column,
        `the header lacks the column ${column} (expected ${columns.join(', ')})`,
        `dòng tiêu đề thiếu cột ${column} (cần có ${columns.join(', ')})`,
      );
    if (names.indexOf(column, index + 1) >= 0)
      throw new ImportFormatError(line, column, `the header names the column ${column} twice`, `dòng tiêu đề có cột ${column} hai lần`);
    position[column] = index;
  }
  return position;
}

/** The cell, which must not be empty. */
export function requiredCell<C extends string>(row: CsvRow<C>, column: C): string {
  const value = row.cells[column];
  if (!value) throw new ImportFormatError(row.line, column, `${column} is empty`, `cột ${column} không được để trống`);
  return value;
}

/** The cell, which must match `format` (described for people as `what`). */
export function codeCell<C extends string>(row: CsvRow<C>, column: C, format: RegExp, what: { en: string; vi: string }): string {
  const value = requiredCell(row, column);
  if (!format.test(value)) throw new ImportFormatError(row.line, column, `${value} is not ${what.en}`, `${value} không phải là ${what.vi}`);
  return value;
}

/** Codes of the national statistics office (GSO), by level of administrative unit. */
export const GSO_CODE = {
  province: {
    format: /^\d{2}$/,
    what: { en: 'a province code (2 digits)', vi: 'mã tỉnh (2 chữ số)' },
  },
  district: {
    format: /^\d{3}$/,
    what: { en: 'a district code (3 digits)', vi: 'mã huyện (3 chữ số)' },
  },
  commune: {
    format: /^\d{5}$/,
    what: { en: 'a commune code (5 digits)', vi: 'mã xã (5 chữ số)' },
  },
} as const;
