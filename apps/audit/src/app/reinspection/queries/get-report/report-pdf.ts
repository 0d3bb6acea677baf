import PDFDocument from 'pdfkit';
import { percent, ReportContent, signalName } from './report-content';

const MARGIN = 36;

/**
 * The report as a PDF (A4 landscape), in a Unicode TTF font embedded as a subset with its ToUnicode
 * map, so Vietnamese renders and the text can be searched and extracted. Figures are the same
 * numbers as the XLSX and the API, written as percentages with two decimals.
 */
export function reportPdf(content: ReportContent, fontPath: string): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: MARGIN,
    info: { Title: content.title, Author: 'Hài Lòng — audit', CreationDate: new Date(content.generatedAt) },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('body', fontPath);
  doc.font('body');
  const width = doc.page.width - 2 * MARGIN;

  const heading = (text: string) => {
    if (doc.y > doc.page.height - 120) doc.addPage();
    doc.moveDown(0.6).fontSize(13).text(text, MARGIN, doc.y, { width }).moveDown(0.3).fontSize(9);
  };
  const lines = (items: readonly string[]) => {
    for (const line of items) doc.text(`• ${line}`, MARGIN, doc.y, { width });
  };
  const table = (columns: readonly { title: string; width: number }[], rows: readonly (readonly string[])[]) => {
    const total = columns.reduce((s, c) => s + c.width, 0);
    const widths = columns.map((c) => (c.width / total) * width);
    const row = (cells: readonly string[]) => {
      const height = Math.max(...cells.map((cell, i) => doc.heightOfString(cell, { width: widths[i] - 4 }))) + 4;
      if (doc.y + height > doc.page.height - MARGIN) doc.addPage();
      const y = doc.y;
      let x = MARGIN;
      cells.forEach((cell, i) => {
        doc.text(cell, x + 2, y + 2, { width: widths[i] - 4 });
        x += widths[i];
      });
      doc
        .moveTo(MARGIN, y + height)
        .lineTo(MARGIN + width, y + height)
        .lineWidth(0.3)
        .stroke('#999999');
      doc.y = y + height;
    };
    row(columns.map((c) => c.title));
    rows.forEach(row);
    doc.x = MARGIN;
  };

  doc.fontSize(16).text(content.title, { width });
  doc.fontSize(9).text(`Lập lúc ${content.generatedAt}`, { width });

  heading('1. Phạm vi');
  lines(content.scope);
  heading('2. Phương pháp');
  lines(content.method);

  heading('3. Mẫu phúc tra');
  for (const s of content.samples) {
    doc.text(`Mẫu ${s.sampleId} — hạt giống ${s.seed}; ${s.rule}`, MARGIN, doc.y, { width }).moveDown(0.2);
    table(
      [
        { title: 'Đơn vị / nhóm', width: 5 },
        { title: 'Tổng thể (N)', width: 1 },
        { title: 'Chọn', width: 1 },
      ],
      s.strata.map((st) => [st.nameVi, String(st.population), String(st.drawn)]),
    );
    doc.moveDown(0.4);
  }

  heading('4. Kết quả phúc tra');
  const v = content.verdicts;
  table(
    [
      { title: 'Đã chọn', width: 1 },
      { title: 'Xác nhận', width: 1 },
      { title: 'Không liên lạc được', width: 1 },
      { title: 'Phủ nhận', width: 1 },
      { title: 'Trả lời khác', width: 1 },
      { title: 'Chưa có kết quả', width: 1 },
    ],
    [[v.sampled, v.confirmed, v.notReachable, v.respondentDenies, v.answersDiffer, v.pending].map(String)],
  );

  heading('5. Số liệu công bố và số liệu phúc tra (chỉ số chung, khoảng tin cậy 95%)');
  const interval = (lower: number | null, upper: number | null) =>
    lower === null || upper === null ? '—' : `${percent(lower)} – ${percent(upper)}`;
  table(
    [
      { title: 'Đơn vị', width: 4 },
      { title: 'Phiếu công bố', width: 1 },
      { title: 'Chỉ số công bố', width: 1.3 },
      { title: 'Khoảng công bố', width: 2.2 },
      { title: 'Phiếu phúc tra', width: 1 },
      { title: 'Chỉ số phúc tra', width: 1.3 },
      { title: 'Khoảng phúc tra', width: 2.2 },
      { title: 'Chênh lệch', width: 1.2 },
    ],
    content.figures.map((r) => [
      r.nameVi,
      String(r.published?.responses ?? '—'),
      percent(r.published?.index ?? null),
      interval(r.published?.lower ?? null, r.published?.upper ?? null),
      String(r.reinspected?.responses ?? '—'),
      percent(r.reinspected?.index ?? null),
      interval(r.reinspected?.lower ?? null, r.reinspected?.upper ?? null),
      r.change === null
        ? '—'
        : `${r.change > 0 ? '+' : ''}${(r.change * 100).toFixed(2).replace('.', ',')} điểm${r.outsidePublishedInterval ? ' (*)' : ''}`,
    ]),
  );
  doc.text('(*) chỉ số phúc tra nằm ngoài khoảng tin cậy 95% đã công bố', MARGIN, doc.y + 2, { width });

  heading('6. Dấu hiệu bất thường theo người, thiết bị và kênh thu phiếu');
  table(
    [
      { title: 'Nguồn', width: 3 },
      { title: 'Phiếu', width: 1 },
      { title: 'Đã phúc tra', width: 1 },
      { title: 'Không đạt', width: 1 },
      { title: 'Tỷ lệ không đạt', width: 1.3 },
    ],
    content.sources.map((s) => [s.source, String(s.responses), String(s.checked), String(s.failed), percent(s.failedShare)]),
  );
  doc.moveDown(0.4);
  table(
    [
      { title: 'Dấu hiệu', width: 2.5 },
      { title: 'Nguồn', width: 2.5 },
      { title: 'Mô tả', width: 3 },
      { title: 'Phiếu liên quan', width: 5 },
    ],
    content.signals.map((s) => [signalName(s.kind), s.source, s.detail, s.responseIds.join(', ')]),
  );

  heading('7. Kết luận');
  lines(content.findings);
  doc.end();
  return done;
}
