import { CsvCell, escapeFormulaCell, writeCsv } from '@hailong/scoring/domain';
import { Workbook } from 'exceljs';
import { BreakdownGroup, BreakdownResult } from './campaign-breakdown';
import { FigureView } from './figures';

type Row = CsvCell[];

/**
 * A breakdown as one table: a header row, one row per group, then the total. Shares are numbers in
 * [0, 1] (a spreadsheet formats them); every label is text and goes through the formula escaper.
 */
export function breakdownTable(result: BreakdownResult): Row[] {
  const first = result.total;
  const header: Row = [
    'key',
    'nhóm (group, vi)',
    'group (en)',
    'unit code',
    'successor unknown',
    'responses',
    'sample size',
    'below minimum sample',
    'rank group',
    'rank from',
    'rank to',
    'unranked',
    'overall index',
    'overall lower',
    'overall upper',
    'pooled satisfied',
    'pooled ratings',
    'pooled ratio',
    'pooled lower',
    'pooled upper',
    'mean score',
    ...first.factors.flatMap((f) => [
      `factor ${f.factorId} index`,
      `factor ${f.factorId} lower`,
      `factor ${f.factorId} upper`,
      `factor ${f.factorId} n`,
    ]),
    ...first.items.flatMap((i) => [`item ${i.itemId} index`, `item ${i.itemId} lower`, `item ${i.itemId} upper`, `item ${i.itemId} n`]),
  ];
  const row = (figure: FigureView, label: BreakdownGroup['label'] | null): Row => [
    figure.key,
    label?.labelVi ?? 'Tổng',
    label?.labelEn ?? 'Total',
    label?.units.map((u) => u.code).join('+') ?? '',
    label?.successorUnknown ?? false,
    figure.responses,
    figure.sampleSize,
    figure.belowMinimumSample,
    figure.rank?.group ?? null,
    figure.rank?.from ?? null,
    figure.rank?.to ?? null,
    figure.unranked,
    figure.overall.index,
    figure.overall.interval?.lower ?? null,
    figure.overall.interval?.upper ?? null,
    figure.pooled.satisfied,
    figure.pooled.ratings,
    figure.pooled.ratio,
    figure.pooled.interval?.lower ?? null,
    figure.pooled.interval?.upper ?? null,
    figure.pooled.meanScore,
    ...figure.factors.flatMap((f) => [f.index, f.interval?.lower ?? null, f.interval?.upper ?? null, f.sampleSize]),
    ...figure.items.flatMap((i) => [i.index, i.interval?.lower ?? null, i.interval?.upper ?? null, i.valid]),
  ];
  return [header, ...result.groups.map((g) => row(g, g.label)), row(result.total, null)];
}

/** What the figures are and how they were computed, as key–value rows for the export's second sheet. */
export function breakdownAbout(result: BreakdownResult): Row[] {
  const b = result.breakdown;
  return [
    ['campaign', result.campaign.campaignId],
    ['tên (vi)', result.campaign.nameVi],
    ['name (en)', result.campaign.nameEn],
    ['period', `${result.campaign.period.from} – ${result.campaign.period.to}`],
    ['questionnaire', `${result.campaign.questionnaire.questionnaireId} v${result.campaign.questionnaire.version}`],
    ['by', b.by],
    ['structure', b.structure === 'rolled-up' ? `rolled up into the structure of ${b.on}` : 'as it was on each service date'],
    ['under', b.under ?? ''],
    ['period size', b.period],
    ['responses', b.timeliness],
    ['from', b.from ?? ''],
    ['to', b.to ?? ''],
    ['channel', b.channel ?? ''],
    ['procedure', b.procedureId ?? ''],
    ['on-time responses', result.responses.onTime],
    ['late responses (in no on-time figure)', result.responses.late],
    ['minimum sample', result.campaign.minimumSample],
    ['intervals', 'Wilson 95% for items and the pooled ratio; seeded respondent bootstrap 95% for factor and overall indices'],
  ];
}

export function breakdownCsv(result: BreakdownResult): string {
  return writeCsv(breakdownTable(result));
}

/** The same table as an XLSX workbook (sheet "figures", then "about"), text cells escaped like the CSV's. */
export async function breakdownXlsx(result: BreakdownResult): Promise<Buffer> {
  const workbook = new Workbook();
  workbook.creator = 'Hài Lòng scoring';
  const add = (name: string, rows: Row[]) => {
    const sheet = workbook.addWorksheet(name);
    for (const row of rows) sheet.addRow(row.map(xlsxCell));
    sheet.getRow(1).font = { bold: true };
  };
  add('figures', breakdownTable(result));
  add('about', breakdownAbout(result));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function xlsxCell(cell: CsvCell): string | number | boolean | null {
  if (cell === null || cell === undefined) return null;
  if (typeof cell === 'string') return escapeFormulaCell(cell);
  if (typeof cell === 'number' && !Number.isFinite(cell)) throw new RangeError(`cannot export ${cell} as a number`);
  return cell;
}
