import { CsvError, parse } from 'csv-parse';
import { stream as excelStream } from 'exceljs';
import { createHash } from 'node:crypto';
import { Readable, Transform, TransformCallback } from 'node:stream';

export type ImportFormat = 'csv' | 'xlsx';

export const FORMAT_MEDIA_TYPES: Record<ImportFormat, string> = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** One row of the file: its number as a spreadsheet shows it (the header is row 1 in a template) and its cells as text. */
export interface FileRow {
  readonly rowNumber: number;
  readonly cells: readonly string[];
}

/** The file is not what it claims to be (not CSV, not XLSX, malformed): a 400 naming the problem. */
export class UnreadableFile extends Error {
  constructor(
    readonly rule: string,
    message: string,
    readonly messageVi: string,
  ) {
    super(message);
  }
}

/**
 * Counts and hashes the bytes going through; past `maxBytes` it stops passing them on and ends its
 * output (so a parser downstream sees a cut file and stops) and flags the excess.
 */
export class ByteMeter extends Transform {
  bytes = 0;
  exceeded = false;
  private readonly hash = createHash('sha256');

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (this.exceeded) return callback();
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) {
      this.exceeded = true;
      this.push(null);
      return callback();
    }
    this.hash.update(chunk);
    callback(null, chunk);
  }

  digest(): string {
    return this.hash.copy().digest('hex');
  }
}

/** The delimiter of a CSV file, judged on its header line: comma, or semicolon/tab as spreadsheets in some locales save it. */
export function sniffDelimiter(head: string): string {
  const line = head.split(/\r?\n/, 1)[0] ?? '';
  const count = (c: string) => line.split(c).length - 1;
  const [best] = [',', ';', '\t'].sort((a, b) => count(b) - count(a));
  return count(best) > 0 ? best : ',';
}

/** The longest row a file may have, in characters: bounds the memory one row of garbage can take. */
const MAX_RECORD_CHARS = 256 * 1024;

/**
 * The first bytes of a stream (at least `min`, or up to the first line break when `line` is set) and
 * the whole stream again, those bytes included, to read on from.
 */
async function peek(input: Readable, min: number, line: boolean): Promise<{ head: Buffer; whole: Readable }> {
  const chunks = input[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const seen: Buffer[] = [];
  let size = 0;
  while (size < 64 * 1024) {
    const next = await chunks.next();
    if (next.done) break;
    if (next.value.length === 0) continue;
    seen.push(next.value);
    size += next.value.length;
    if (size >= min && (!line || next.value.includes(0x0a))) break;
  }
  const head = Buffer.concat(seen);
  const rest = async function* () {
    if (head.length > 0) yield head;
    for (;;) {
      const next = await chunks.next();
      if (next.done) return;
      if (next.value.length > 0) yield next.value;
    }
  };
  return { head, whole: Readable.from(rest(), { objectMode: false }) };
}

/** The rows of a UTF-8 CSV file (BOM allowed), read as they stream in; never the whole file in memory. */
export async function* csvRows(input: Readable): AsyncGenerator<FileRow> {
  const { head: first, whole: source } = await peek(input, 1, true);
  const parser = parse({
    delimiter: sniffDelimiter(first.subarray(0, 64 * 1024).toString('utf8')),
    bom: true,
    relax_column_count: true,
    max_record_size: MAX_RECORD_CHARS,
    encoding: 'utf8',
  });
  source.on('error', (error) => parser.destroy(error));
  source.pipe(parser);
  let rowNumber = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      rowNumber += 1;
      yield { rowNumber, cells: record };
    }
  } catch (error) {
    if (error instanceof CsvError) {
      throw new UnreadableFile(
        'not-csv',
        `not a readable CSV file after row ${rowNumber}: ${error.code}`,
        `không đọc được tệp CSV sau dòng ${rowNumber}: ${error.code}`,
      );
    }
    throw error;
  } finally {
    source.destroy();
  }
}

const ZIP_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** A cell of a spreadsheet as the text a person sees in it. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return '';
    // Spreadsheets keep dates without a time zone; exceljs reads them as that wall time in UTC.
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  }
  if (typeof value === 'object') {
    const cell = value as { richText?: { text?: unknown }[]; text?: unknown; result?: unknown; error?: unknown };
    if (Array.isArray(cell.richText)) return cell.richText.map((r) => (typeof r?.text === 'string' ? r.text : '')).join('');
    if ('result' in cell) return cellText(cell.result);
    if (typeof cell.text === 'string') return cell.text;
    if (typeof cell.error === 'string') return cell.error;
  }
  return '';
}

/**
 * The rows of an XLSX workbook's first worksheet, read from the zip as it streams in (exceljs's
 * streaming reader); other worksheets (the template's guide) are skipped.
 */
export async function* xlsxRows(input: Readable): AsyncGenerator<FileRow> {
  const { head, whole } = await peek(input, 4, false);
  // Every XLSX is a zip, which starts with a local file header; anything else is refused before unzipping.
  if (!head.subarray(0, 4).equals(ZIP_SIGNATURE)) {
    throw new UnreadableFile(
      'not-xlsx',
      'not an XLSX workbook: the file is not a zip archive',
      'không phải tệp XLSX: tệp không phải tệp nén zip',
    );
  }
  const reader = new excelStream.xlsx.WorkbookReader(whole, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  let sheets = 0;
  try {
    for await (const worksheet of reader) {
      sheets += 1;
      for await (const row of worksheet as AsyncIterable<{ number: number; values: unknown }>) {
        if (sheets > 1) continue;
        const values = Array.isArray(row.values) ? row.values : [];
        const cells: string[] = [];
        // exceljs numbers columns from 1; values[0] is always empty.
        for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
        yield { rowNumber: row.number, cells };
      }
    }
  } catch (error) {
    if (error instanceof UnreadableFile) throw error;
    throw new UnreadableFile(
      'not-xlsx',
      `not a readable XLSX workbook: ${(error as Error).message.slice(0, 200)}`,
      'không đọc được tệp XLSX',
    );
  }
  if (sheets === 0) throw new UnreadableFile('not-xlsx', 'not an XLSX workbook: it has no worksheet', 'tệp XLSX không có trang tính nào');
}
