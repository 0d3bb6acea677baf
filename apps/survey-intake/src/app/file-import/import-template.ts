import { ImportColumnKind, ImportLayout } from '@hailong/intake/domain';
import { Workbook } from 'exceljs';

const TEXT_COLUMNS = new Set<ImportColumnKind>(['formNumber', 'unit', 'procedure', 'surveyor', 'profile', 'freeText']);

/** The CSV template: the header row alone, in UTF-8 with a BOM so that spreadsheet programs read Vietnamese right. */
export function csvTemplate(layout: ImportLayout): Buffer {
  return Buffer.from(`\uFEFF${layout.columns.map((c) => c.id).join(',')}\r\n`, 'utf8');
}

/**
 * The XLSX template: the forms sheet (header row of column ids, frozen, text cells so that form numbers
 * and unit codes keep their leading zeros) and a guide sheet describing every column in both languages.
 */
export async function xlsxTemplate(layout: ImportLayout, title: string): Promise<Buffer> {
  const workbook = new Workbook();
  workbook.creator = 'Hài Lòng';
  const forms = workbook.addWorksheet('Phieu', { views: [{ state: 'frozen', ySplit: 1 }] });
  forms.columns = layout.columns.map((c) => ({
    header: c.id,
    key: c.id,
    width: Math.max(8, Math.min(24, c.id.length + 4)),
    // Text for ids and codes (leading zeros kept); levels stay numbers, dates and times stay dates.
    style: TEXT_COLUMNS.has(c.kind) ? { numFmt: '@' } : {},
  }));
  forms.getRow(1).font = { bold: true };
  const guide = workbook.addWorksheet('HuongDan');
  guide.addRow([title]).font = { bold: true };
  guide.addRow(['Cột / Column', 'Nội dung', 'Meaning', 'Bắt buộc / Required', 'Giá trị', 'Values']).font = { bold: true };
  for (const c of layout.columns) {
    guide.addRow([
      c.id,
      c.vi,
      c.en,
      c.required ? (c.kind === 'item' ? 'cột bắt buộc / column required' : 'có / yes') : 'không / no',
      c.valuesVi,
      c.valuesEn,
    ]);
  }
  guide.columns.forEach((column, i) => (column.width = [16, 48, 48, 22, 36, 36][i]));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
