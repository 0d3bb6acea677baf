import { Workbook } from 'exceljs';
import { extractPdfText } from '@hailong/platform/testing';
import { ReportContent } from './report-content';
import { reportFontFromEnv } from './report-font';
import { reportPdf } from './report-pdf';
import { reportXlsx } from './report-xlsx';

const figure = (responses: number, index: number, lower: number, upper: number) => ({
  responses,
  sampleSize: responses,
  index,
  lower,
  upper,
});

const content: ReportContent = {
  campaignId: '1f2e3d4c-5b6a-4798-8a0b-1c2d3e4f5a6b',
  title: 'Báo cáo phúc tra — Khảo sát sự hài lòng năm 2022',
  nameVi: 'Khảo sát sự hài lòng năm 2022',
  status: 're-inspected',
  generatedAt: '2026-11-28T01:00:00.000Z',
  scope: ['Chiến dịch: Khảo sát sự hài lòng năm 2022'],
  method: ['Mẫu phân tầng ngẫu nhiên có hạt giống ghi lại'],
  samples: [
    {
      sampleId: 's-1',
      seed: 42,
      rule: 'tỷ lệ 20,00 % mỗi tầng',
      strata: [{ key: 'unit:a', nameVi: 'Công an phường Tích Sơn', population: 12, drawn: 3 }],
    },
  ],
  verdicts: { sampled: 3, confirmed: 1, notReachable: 1, respondentDenies: 1, answersDiffer: 0, pending: 0 },
  figures: [
    {
      key: 'campaign',
      unitCode: '',
      nameVi: 'Toàn chiến dịch',
      published: figure(29, 0.8123, 0.7, 0.9),
      reinspected: figure(28, 0.80125, 0.69, 0.89),
      change: -0.01105,
      outsidePublishedInterval: false,
    },
    {
      key: 'unit:a',
      unitCode: '08707',
      nameVi: 'Công an phường Tích Sơn',
      published: figure(12, 0.75, 0.6, 0.86),
      reinspected: figure(11, 0.7, 0.55, 0.83),
      change: -0.05,
      outsidePublishedInterval: false,
    },
    {
      key: 'unit:b',
      unitCode: '08710',
      nameVi: 'Công an phường Liên Bảo',
      published: figure(17, 0.9, 0.8, 0.95),
      reinspected: figure(17, 0.9, 0.8, 0.95),
      change: 0,
      outsidePublishedInterval: false,
    },
  ],
  sources: [{ source: '=cmd|evil', sourceKind: 'collector', responses: 8, checked: 2, failed: 1, failedShare: 0.5 }],
  signals: [
    {
      kind: 'burst',
      source: 'collector:surveyor:=cmd',
      sourceKind: 'collector',
      responses: 8,
      value: 8,
      detail: '8 responses within 140 s',
      responseIds: ['r1', 'r2'],
    },
  ],
  findings: ['Đã chọn 3 phiếu để phúc tra.'],
};

describe('the re-inspection report files', () => {
  it('writes the figures into the workbook as the exact numbers, the unit names intact and text cells defused', async () => {
    const workbook = new Workbook();
    await workbook.xlsx.load((await reportXlsx(content)) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Số liệu');
    expect(sheet?.getRow(3).getCell(3).value).toBe('Công an phường Tích Sơn');
    expect(sheet?.getRow(3).getCell(5).value).toBe(0.75);
    expect(sheet?.getRow(3).getCell(9).value).toBe(0.7);
    expect(sheet?.getRow(2).getCell(9).value).toBe(0.80125);
    // A surveyor id is caller input: a formula in it stays text.
    expect(String(workbook.getWorksheet('Dấu hiệu')?.getRow(2).getCell(1).value)).not.toMatch(/^=/);
  });

  it('finds a Unicode TTF font on this machine (Debian fonts-noto-core or fonts-dejavu-core, installed by .ci/run)', () => {
    expect(reportFontFromEnv()).toEqual(expect.stringMatching(/\.ttf$/));
  });

  it('writes a PDF whose extracted text holds the Vietnamese unit names intact and the figures as percentages', async () => {
    const pdf = await reportPdf(content, reportFontFromEnv() as string);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const { text } = await extractPdfText(pdf);
    for (const name of ['Công an phường Tích Sơn', 'Công an phường Liên Bảo', 'Báo cáo phúc tra', 'Kết luận']) expect(text).toContain(name);
    expect(text).toContain('81,23 %');
    expect(text).toContain('80,13 %');
  });
});
