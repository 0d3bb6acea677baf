import { FabricationSignal, SourceSummary } from '@hailong/audit/domain';
import { DrawnSampleData, PublishedFigure } from '@hailong/contracts';
import { FigurePair, ReinspectedFigures } from '../../reinspected-figures';

/** A figure's overall index and interval as the report shows them: shares in [0, 1], exactly as the API gives them. */
export interface ReportFigure {
  readonly responses: number;
  readonly sampleSize: number;
  readonly index: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
}

export interface ReportRow {
  readonly key: string;
  readonly unitCode: string;
  readonly nameVi: string;
  readonly published: ReportFigure | null;
  readonly reinspected: ReportFigure | null;
  /** Re-inspected minus published overall index; null when either has none. */
  readonly change: number | null;
  /** The re-inspected index lies outside the published 95% interval. */
  readonly outsidePublishedInterval: boolean;
}

/** Everything the XLSX and the PDF show, computed once so both carry the same figures as the API. */
export interface ReportContent {
  readonly campaignId: string;
  readonly title: string;
  readonly nameVi: string;
  readonly status: ReinspectedFigures['status'];
  readonly generatedAt: string;
  readonly scope: readonly string[];
  readonly method: readonly string[];
  readonly samples: readonly {
    sampleId: string;
    seed: number;
    rule: string;
    strata: readonly { key: string; nameVi: string; population: number; drawn: number }[];
  }[];
  readonly verdicts: ReinspectedFigures['verdicts'];
  readonly figures: readonly ReportRow[];
  readonly sources: readonly SourceSummary[];
  readonly signals: readonly FabricationSignal[];
  readonly findings: readonly string[];
}

const SIGNAL_NAMES: Record<FabricationSignal['kind'], string> = {
  'failed-back-checks': 'Phúc tra không đạt (failed back-checks)',
  'identical-answers': 'Câu trả lời giống hệt nhau (identical answers)',
  'too-fast': 'Điền phiếu quá nhanh (too fast)',
  burst: 'Dồn dập trong thời gian ngắn (burst)',
};
export const signalName = (kind: FabricationSignal['kind']) => SIGNAL_NAMES[kind];

/** A share as Vietnamese writes a percentage: 82,35 %. */
export function percent(share: number | null): string {
  return share === null ? '—' : `${(share * 100).toFixed(2).replace('.', ',')} %`;
}

const figureOf = (f: PublishedFigure | null): ReportFigure | null =>
  f === null
    ? null
    : {
        responses: f.responses,
        sampleSize: f.sampleSize,
        index: f.overall.index,
        lower: f.overall.interval?.lower ?? null,
        upper: f.overall.interval?.upper ?? null,
      };

function rowOf(pair: FigurePair): ReportRow {
  const published = figureOf(pair.published);
  const reinspected = figureOf(pair.reinspected);
  const change = published?.index != null && reinspected?.index != null ? reinspected.index - published.index : null;
  const outside =
    reinspected?.index != null && published?.lower != null && published.upper != null
      ? reinspected.index < published.lower || reinspected.index > published.upper
      : false;
  return {
    key: pair.key,
    unitCode: pair.unitCode ?? '',
    nameVi: pair.key === 'campaign' ? 'Toàn chiến dịch' : (pair.nameVi ?? pair.key),
    published,
    reinspected,
    change,
    outsidePublishedInterval: outside,
  };
}

const ruleText = (rule: DrawnSampleData['rule']) =>
  `${rule.size.kind === 'share' ? `tỷ lệ ${percent(rule.size.share)} mỗi tầng` : `${rule.size.count} phiếu mỗi tầng`}; tầng: ${
    { unit: 'đơn vị', 'unit-collector': 'đơn vị × người/thiết bị thu phiếu', 'unit-channel': 'đơn vị × kênh' }[rule.strata]
  }`;

export function buildReportContent(input: {
  figures: ReinspectedFigures;
  samples: readonly { sampleId: string; data: DrawnSampleData }[];
  signals: { sources: readonly SourceSummary[]; signals: readonly FabricationSignal[] };
  unitName: (unitId: string) => string;
  generatedAt: string;
}): ReportContent {
  const { figures } = input;
  const rows = [rowOf(figures.campaign), ...figures.byUnit.map(rowOf)];
  const v = figures.verdicts;
  const moved = rows.filter((r) => r.outsidePublishedInterval);
  const flaggedSources = [...new Set(input.signals.signals.filter((s) => s.sourceKind === 'collector').map((s) => s.source))];
  const findings = [
    `Đã chọn ${v.sampled} phiếu để phúc tra: ${v.confirmed} xác nhận, ${v.notReachable} không liên lạc được, ${v.respondentDenies} người trả lời phủ nhận, ` +
      `${v.answersDiffer} trả lời khác, ${v.pending} chưa có kết quả.`,
    `${figures.excludedResponseIds.length} phiếu bị loại khỏi số liệu phúc tra` +
      (figures.replacedResponseIds.length > 0 ? `; ${figures.replacedResponseIds.length} phiếu được tính theo câu trả lời thu lại.` : '.'),
    moved.length === 0
      ? 'Không đơn vị nào có chỉ số phúc tra nằm ngoài khoảng tin cậy 95% của số liệu đã công bố.'
      : `Chỉ số phúc tra nằm ngoài khoảng tin cậy 95% đã công bố: ${moved.map((r) => r.nameVi).join('; ')}.`,
    flaggedSources.length === 0
      ? 'Không có dấu hiệu bất thường theo người hoặc thiết bị thu phiếu.'
      : `Có dấu hiệu bất thường ở: ${flaggedSources.map((s) => s.replace(/^collector:/, '')).join('; ')} (xem bảng dấu hiệu).`,
    'Số liệu đã công bố không thay đổi; số liệu phúc tra được tính lại bằng chính mã tính điểm của hệ thống, cùng hạt giống bootstrap.',
  ];
  return {
    campaignId: figures.campaignId,
    title: `Báo cáo phúc tra — ${figures.nameVi}`,
    nameVi: figures.nameVi,
    status: figures.status,
    generatedAt: input.generatedAt,
    scope: [
      `Chiến dịch: ${figures.nameVi} (${figures.nameEn})`,
      `Mã chiến dịch: ${figures.campaignId}`,
      `Trạng thái: ${figures.status === 're-inspected' ? 'đã phúc tra' : 'đã công bố, đang phúc tra'}${figures.closedAt ? ` (kết thúc ${figures.closedAt})` : ''}`,
      `Số đơn vị: ${figures.byUnit.length}; phiếu đã công bố: ${figures.campaign.published?.responses ?? 0}`,
    ],
    method: [
      'Mẫu phân tầng ngẫu nhiên có hạt giống ghi lại (sự kiện BackCheckSampleDrawn): cỡ mẫu mỗi tầng = ⌈tỷ lệ × N⌉ (ít nhất 1), hoặc min(cỡ, N).',
      'Người phúc tra liên hệ lại người trả lời; kết quả: xác nhận, không liên lạc được, phủ nhận, trả lời khác (kèm câu trả lời thu lại).',
      `Số liệu phúc tra: loại phiếu bị phủ nhận và phiếu trả lời khác (${
        figures.differingAnswers === 'exclude' ? 'loại bỏ' : 'tính theo câu trả lời thu lại'
      }); khoảng tin cậy 95% (Wilson cho tỷ lệ, bootstrap theo người trả lời cho chỉ số, ${figures.method.bootstrapReplicates} lần lặp).`,
      `Cỡ mẫu tối thiểu để xếp hạng: ${figures.method.minimumSample} phiếu hợp lệ.`,
    ],
    samples: input.samples.map((s) => ({
      sampleId: s.sampleId,
      seed: s.data.seed,
      rule: ruleText(s.data.rule),
      strata: s.data.strata.map((st) => ({
        key: st.key,
        nameVi: input.unitName(st.unitId) + (st.collector ? ` — ${st.collector}` : st.channel ? ` — ${st.channel}` : ''),
        population: st.population,
        drawn: st.drawn.length,
      })),
    })),
    verdicts: v,
    figures: rows,
    sources: input.signals.sources,
    signals: input.signals.signals,
    findings,
  };
}
