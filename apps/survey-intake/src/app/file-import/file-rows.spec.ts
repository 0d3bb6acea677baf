import { Workbook } from 'exceljs';
import { Readable } from 'node:stream';
import { ByteMeter, cellText, csvRows, FileRow, sniffDelimiter, UnreadableFile, xlsxRows } from './file-rows';

const all = async (rows: AsyncGenerator<FileRow>) => {
  const out: FileRow[] = [];
  for await (const row of rows) out.push(row);
  return out;
};
const bytes = (...parts: (string | Buffer)[]) => Readable.from(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p)));

describe('reading the rows of an uploaded file', () => {
  it('reads a CSV with a BOM, semicolons and a quoted delimiter, numbering rows as a spreadsheet does', async () => {
    const rows = await all(csvRows(bytes('\uFEFFa;b;c\r\n1;"x;y, z";3\r\n', '\r\n4;5')));
    expect(rows).toEqual([
      { rowNumber: 1, cells: ['a', 'b', 'c'] },
      { rowNumber: 2, cells: ['1', 'x;y, z', '3'] },
      { rowNumber: 3, cells: [''] },
      { rowNumber: 4, cells: ['4', '5'] },
    ]);
  });

  it('reads a header split across chunks', async () => {
    const rows = await all(csvRows(bytes('formNum', 'ber,unit\nF1,', 'U1\n')));
    expect(rows.map((r) => r.cells)).toEqual([
      ['formNumber', 'unit'],
      ['F1', 'U1'],
    ]);
  });

  it('judges the delimiter on the header line', () => {
    expect(sniffDelimiter('a,b,c\n1;2;3;4;5')).toBe(',');
    expect(sniffDelimiter('a;b;c\n')).toBe(';');
    expect(sniffDelimiter('a\tb\n')).toBe('\t');
    expect(sniffDelimiter('single')).toBe(',');
  });

  it('refuses a CSV with an unclosed quote as unreadable, naming the row after which it failed', async () => {
    await expect(all(csvRows(bytes('a,b\n1,2\n"x,y\nz')))).rejects.toThrow(UnreadableFile);
    await expect(all(csvRows(bytes('a,b\n1,2\n"x,y\nz')))).rejects.toThrow(/after row 2/);
  });

  it('refuses bytes that are not a zip as an unreadable XLSX', async () => {
    await expect(all(xlsxRows(bytes('hello, this is not a workbook')))).rejects.toThrow(UnreadableFile);
    await expect(all(xlsxRows(bytes(Buffer.concat([Buffer.from([0x50, 0x4b, 3, 4]), Buffer.alloc(300, 7)]))))).rejects.toThrow(
      UnreadableFile,
    );
    await expect(all(xlsxRows(bytes(Buffer.alloc(0))))).rejects.toThrow(UnreadableFile);
  });

  it('reads the first worksheet of a workbook with dates, numbers and rich text as text, skipping the others', async () => {
    const workbook = new Workbook();
    const sheet = workbook.addWorksheet('Phieu');
    sheet.addRow(['formNumber', 'serviceDate', 'A1', 'note']);
    sheet.addRow(['F-1', new Date(Date.UTC(2022, 3, 12)), 4, { richText: [{ text: 'Rất ' }, { text: 'tốt' }] }]);
    sheet.addRow(['F-2', new Date(Date.UTC(2022, 3, 12, 9, 30)), { formula: '2+3', result: 5 }, null]);
    workbook.addWorksheet('HuongDan').addRow(['guide only']);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    const rows = await all(xlsxRows(bytes(buffer)));
    expect(rows).toEqual([
      { rowNumber: 1, cells: ['formNumber', 'serviceDate', 'A1', 'note'] },
      { rowNumber: 2, cells: ['F-1', '2022-04-12', '4', 'Rất tốt'] },
      { rowNumber: 3, cells: ['F-2', '2022-04-12 09:30:00', '5'] },
    ]);
  });

  it('reads cells of every kind as the text a person sees', () => {
    expect(cellText(null)).toBe('');
    expect(cellText(true)).toBe('true');
    expect(cellText({ text: 'link', hyperlink: 'https://example.org' })).toBe('link');
    expect(cellText({ error: '#N/A' })).toBe('#N/A');
  });

  it('stops passing bytes on past its limit and says so', async () => {
    const meter = new ByteMeter(10);
    bytes('0123456789', 'abc').pipe(meter);
    const seen: Buffer[] = [];
    for await (const chunk of meter) seen.push(chunk as Buffer);
    expect(Buffer.concat(seen).toString()).toBe('0123456789');
    expect(meter.exceeded).toBe(true);
  });
});
