import { escapeFormulaCell } from '@hailong/scoring/domain';
import { Workbook } from 'exceljs';
import { ReportContent, signalName } from './report-content';

const text = (value: string) => escapeFormulaCell(value);

/**
 * The report as a workbook: one sheet per part. Figures are numbers (shares in [0, 1], formatted as
 * percentages), exactly as the API gives them; every text cell is defused against formula injection.
 */
export async function reportXlsx(content: ReportContent): Promise<Buffer> {
  const workbook = new Workbook();
  workbook.creator = 'Hài Lòng — audit';
  workbook.created = new Date(content.generatedAt);

  const overview = workbook.addWorksheet('Tổng quan');
  overview.columns = [{ width: 28 }, { width: 120 }];
  overview.addRow([text(content.title)]).font = { bold: true, size: 14 };
  overview.addRow(['Lập lúc', content.generatedAt]);
  overview.addRow([]);
  for (const [heading, lines] of [
    ['Phạm vi', content.scope],
    ['Phương pháp', content.method],
    ['Kết luận', content.findings],
  ] as const) {
    overview.addRow([heading]).font = { bold: true };
    for (const line of lines) overview.addRow(['', text(line)]);
  }

  const samples = workbook.addWorksheet('Mẫu');
  samples.addRow(['Mẫu', 'Hạt giống', 'Quy tắc', 'Tầng', 'Đơn vị / nhóm', 'Tổng thể (N)', 'Chọn']).font = { bold: true };
  for (const s of content.samples) {
    for (const st of s.strata) samples.addRow([s.sampleId, s.seed, text(s.rule), text(st.key), text(st.nameVi), st.population, st.drawn]);
  }
  samples.columns.forEach((c, i) => (c.width = [38, 12, 40, 60, 50, 14, 8][i]));

  const verdicts = workbook.addWorksheet('Kết quả phúc tra');
  const v = content.verdicts;
  verdicts.addRow(['Kết quả', 'Số phiếu']).font = { bold: true };
  for (const [label, n] of [
    ['Đã chọn', v.sampled],
    ['Xác nhận', v.confirmed],
    ['Không liên lạc được', v.notReachable],
    ['Phủ nhận', v.respondentDenies],
    ['Trả lời khác', v.answersDiffer],
    ['Chưa có kết quả', v.pending],
  ] as const)
    verdicts.addRow([label, n]);
  verdicts.columns.forEach((c, i) => (c.width = [28, 12][i]));

  const figures = workbook.addWorksheet('Số liệu');
  figures.addRow([
    'Khóa',
    'Mã đơn vị',
    'Đơn vị',
    'Phiếu (công bố)',
    'Chỉ số (công bố)',
    'Cận dưới (công bố)',
    'Cận trên (công bố)',
    'Phiếu (phúc tra)',
    'Chỉ số (phúc tra)',
    'Cận dưới (phúc tra)',
    'Cận trên (phúc tra)',
    'Chênh lệch',
    'Ngoài khoảng công bố',
  ]).font = { bold: true };
  for (const r of content.figures) {
    figures.addRow([
      text(r.key),
      text(r.unitCode),
      text(r.nameVi),
      r.published?.responses ?? null,
      r.published?.index ?? null,
      r.published?.lower ?? null,
      r.published?.upper ?? null,
      r.reinspected?.responses ?? null,
      r.reinspected?.index ?? null,
      r.reinspected?.lower ?? null,
      r.reinspected?.upper ?? null,
      r.change,
      r.outsidePublishedInterval ? 'có' : 'không',
    ]);
  }
  figures.columns.forEach((c, i) => {
    c.width = [46, 10, 36, 10, 12, 12, 12, 10, 12, 12, 12, 12, 10][i];
    if ([4, 5, 6, 8, 9, 10, 11].includes(i)) c.numFmt = '0.00%';
  });

  const signals = workbook.addWorksheet('Dấu hiệu');
  signals.addRow(['Nguồn', 'Loại nguồn', 'Phiếu', 'Đã phúc tra', 'Không đạt', 'Tỷ lệ không đạt']).font = { bold: true };
  for (const s of content.sources) signals.addRow([text(s.source), s.sourceKind, s.responses, s.checked, s.failed, s.failedShare]);
  signals.getColumn(6).numFmt = '0.00%';
  signals.addRow([]);
  signals.addRow(['Dấu hiệu', 'Nguồn', 'Giá trị', 'Mô tả', 'Phiếu liên quan']).font = { bold: true };
  for (const s of content.signals) signals.addRow([signalName(s.kind), text(s.source), s.value, text(s.detail), s.responseIds.join(' ')]);
  signals.columns.forEach((c, i) => (c.width = [44, 36, 10, 60, 80, 14][i]));

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
