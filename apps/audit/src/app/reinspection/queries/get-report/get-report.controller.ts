import { DEFAULT_SIGNAL_SETTINGS } from '@hailong/audit/domain';
import { Roles } from '@hailong/contracts';
import { AllowRoles } from '@hailong/platform/auth';
import { Controller, Get, Inject, Param, ParseUUIDPipe, Query, ServiceUnavailableException, StreamableFile } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { ReinspectedFiguresService } from '../../reinspected-figures';
import { ReinspectionStore } from '../../reinspection.store';
import { SignalsService } from '../get-signals/signals.service';
import { ReportQueryDto } from './get-report.query.dto';
import { buildReportContent } from './report-content';
import { REPORT_FONT } from './report-font';
import { reportPdf } from './report-pdf';
import { reportXlsx } from './report-xlsx';

const TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
} as const;

@ApiTags('re-inspection')
@ApiBearerAuth()
@Controller('reinspection/campaigns')
export class GetReportController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: ReinspectionStore,
    private readonly figures: ReinspectedFiguresService,
    private readonly signals: SignalsService,
    @Inject(REPORT_FONT) private readonly fontPath: string | null,
  ) {}

  @Get(':campaignId/report')
  @AllowRoles(Roles.viewer, Roles.auditor, Roles.reinspector, Roles.admin)
  @ApiProduces(TYPES.xlsx, TYPES.pdf)
  @ApiOperation({
    summary: 'The campaign’s re-inspection report as XLSX or PDF',
    description:
      'Scope, method, samples, verdicts, published and re-inspected figures with their 95% intervals, fabrication signals, findings — ' +
      'the same figures GET …/figures and …/signals answer. The PDF needs a Unicode TTF font (REPORT_FONT_PATH, or Debian’s Noto Sans / DejaVu Sans): 503 without one.',
  })
  async get(@Param('campaignId', new ParseUUIDPipe()) id: string, @Query() query: ReportQueryDto): Promise<StreamableFile> {
    const campaignId = id.toLowerCase();
    if (query.format === 'pdf' && this.fontPath === null) {
      throw new ServiceUnavailableException({
        statusCode: 503,
        error: 'Service Unavailable',
        message: 'no Unicode font for the PDF: set REPORT_FONT_PATH to a TTF file (fonts-noto-core, fonts-dejavu-core)',
        messageVi: 'chưa có phông chữ Unicode cho tệp PDF: đặt REPORT_FONT_PATH tới một tệp TTF',
        errors: [{ field: 'format', reason: 'PDF unavailable on this installation', reasonVi: 'bản cài đặt này chưa xuất được PDF' }],
      });
    }
    const content = await this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const figures = await this.figures.compute(manager, campaignId, query.differingAnswers ?? 'exclude');
      const names = await this.store.unitNames(manager);
      return buildReportContent({
        figures,
        samples: await this.store.samples(manager, campaignId),
        signals: await this.signals.compute(manager, campaignId, DEFAULT_SIGNAL_SETTINGS),
        unitName: (unitId) => names.get(unitId)?.nameVi ?? unitId,
        generatedAt: new Date().toISOString(),
      });
    });
    const file = query.format === 'xlsx' ? await reportXlsx(content) : await reportPdf(content, this.fontPath as string);
    return new StreamableFile(file, {
      type: TYPES[query.format],
      disposition: `attachment; filename="reinspection-${campaignId}.${query.format}"`,
      length: file.length,
    });
  }
}
