import { computeFigure, countResponses } from '@hailong/scoring/domain';
import { Workbook } from 'exceljs';
import { BreakdownResult } from './campaign-breakdown';
import { breakdownCsv, breakdownTable, breakdownXlsx } from './export-table';
import { questionnaireOfContent } from './figures';
import { CONTENT, ITEMS } from './spec-fixtures';

const settings = { campaignId: 'c', questionnaire: questionnaireOfContent(CONTENT), minimumSample: 1, replicates: 50 };
const counts = countResponses([
  { answers: ITEMS.map((itemId) => ({ itemId, level: 4 })) },
  { answers: ITEMS.map((itemId) => ({ itemId, level: 2 })) },
]);
const figure = computeFigure('unit:u1', counts, settings);
const result = {
  campaign: {
    campaignId: 'c',
    nameVi: '@chiến dịch',
    nameEn: 'campaign',
    period: { from: '2022-04-01', to: '2022-05-31' },
    status: 'closed',
    questionnaire: { questionnaireId: 'test', version: 1 },
    minimumSample: 1,
  },
  breakdown: {
    by: 'unit',
    structure: 'as-it-was',
    on: '2025-08-01',
    under: null,
    period: 'month',
    respondentField: null,
    timeliness: 'on-time',
    from: null,
    to: null,
    channel: null,
    procedureId: null,
    campaignId: 'c',
  },
  responses: { onTime: 2, late: 0 },
  total: computeFigure('campaign', counts, settings),
  groups: [
    {
      ...figure,
      label: {
        key: 'unit:u1',
        labelVi: '=HYPERLINK("http://x","bấm")',
        labelEn: '+cmd',
        units: [{ unitId: 'u1', code: '-1', unitType: 'commune-police', nameVi: 'x', nameEn: 'x', validFrom: '2020-01-01', validTo: null }],
        successorUnknown: false,
      },
    },
  ],
} as BreakdownResult;

describe('breakdown export', () => {
  it('writes one row per group and a total, with figures as numbers', () => {
    const [header, row, total] = breakdownTable(result);
    expect(header[12]).toBe('overall index');
    expect(row[12]).toBe(figure.overall.index);
    expect(row[5]).toBe(2);
    expect(total[1]).toBe('Tổng');
  });

  it('escapes text cells that a spreadsheet would read as formulas, in CSV', () => {
    const csv = breakdownCsv(result);
    expect(csv).toContain(`"'=HYPERLINK(""http://x"",""bấm"")"`);
    expect(csv).toContain(`"'+cmd"`);
    expect(csv).toContain(`"'-1"`);
  });

  it('escapes the same cells in XLSX and keeps numbers numeric', async () => {
    const workbook = new Workbook();
    await workbook.xlsx.load((await breakdownXlsx(result)) as unknown as ArrayBuffer);
    const row = workbook.getWorksheet('figures')?.getRow(2);
    expect(row?.getCell(2).value).toBe(`'=HYPERLINK("http://x","bấm")`);
    expect(row?.getCell(3).value).toBe(`'+cmd`);
    expect(row?.getCell(13).value).toBe(figure.overall.index);
    expect(workbook.getWorksheet('about')?.getRow(2).getCell(2).value).toBe(`'@chiến dịch`);
  });
});
