import { Roles } from '@hailong/contracts';
import { importLayoutOf } from '@hailong/intake/domain';
import { AllowRoles } from '@hailong/platform/auth';
import { Controller, Get, NotFoundException, Param, ParseUUIDPipe, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { FORMAT_MEDIA_TYPES } from '../../file-rows';
import { ImportResponsesHandler } from '../../commands/import-responses/import-responses.handler';
import { csvTemplate, xlsxTemplate } from '../../import-template';

const FORMATS = ['csv', 'xlsx'] as const;

export class ImportTemplateQueryDto {
  @ApiPropertyOptional({ enum: FORMATS, default: 'xlsx' })
  @IsOptional()
  @IsIn(FORMATS)
  format?: (typeof FORMATS)[number];
}

@ApiTags('file-import')
@ApiBearerAuth()
@Controller('campaigns')
export class GetImportTemplateController {
  constructor(private readonly handler: ImportResponsesHandler) {}

  @Get(':campaignId/import-template')
  @AllowRoles(Roles.surveyor, Roles.campaignManager, Roles.admin)
  @ApiProduces(FORMAT_MEDIA_TYPES.csv, FORMAT_MEDIA_TYPES.xlsx)
  @ApiOperation({
    summary: 'The file layout of a campaign’s questionnaire version, as an empty CSV or XLSX to fill in',
    description:
      'The header row of column ids; the XLSX adds a guide sheet with every column in Vietnamese and English. docs/file-import.md',
  })
  async template(@Param('campaignId', new ParseUUIDPipe()) campaignId: string, @Query() query: ImportTemplateQueryDto) {
    const { campaign, questionnaire, questionnaireRef } = await this.handler.campaign(campaignId.toLowerCase());
    if (!campaign || !questionnaire || !questionnaireRef) {
      throw new NotFoundException({
        statusCode: 404,
        error: 'Not Found',
        message: 'no such campaign',
        messageVi: 'không có đợt khảo sát này',
        errors: [{ field: 'campaignId', reason: 'no such campaign', reasonVi: 'không có đợt khảo sát này' }],
      });
    }
    const layout = importLayoutOf(questionnaire);
    const name = `import-${campaign.definition.campaignId}-${questionnaireRef.questionnaireId}-v${questionnaireRef.version}`;
    if ((query.format ?? 'xlsx') === 'csv') {
      return new StreamableFile(csvTemplate(layout), {
        type: 'text/csv; charset=utf-8',
        disposition: `attachment; filename="${name}.csv"`,
      });
    }
    const title = `${campaign.definition.nameVi} — ${questionnaire.titleVi} (${questionnaireRef.questionnaireId} v${questionnaireRef.version})`;
    return new StreamableFile(await xlsxTemplate(layout, title), {
      type: FORMAT_MEDIA_TYPES.xlsx,
      disposition: `attachment; filename="${name}.xlsx"`,
    });
  }
}
