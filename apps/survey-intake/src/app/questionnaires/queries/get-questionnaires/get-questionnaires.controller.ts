import { ALL_ROLES } from '@hailong/contracts';
import { AllowRoles } from '@hailong/platform/auth';
import { Controller, Get, NotFoundException, Param, ParseIntPipe } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { QuestionnaireIdPipe } from '../../questionnaire-id.pipe';
import { QuestionnaireStore } from '../../questionnaire-store';

@ApiTags('questionnaires')
@ApiBearerAuth()
@Controller('questionnaires')
export class GetQuestionnairesController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: QuestionnaireStore,
  ) {}

  /** Every published version, without content: id, version, hash, when and by whom. */
  @Get()
  @AllowRoles(...ALL_ROLES)
  async list() {
    const versions = await this.store.list(this.dataSource.manager);
    return {
      versions: versions.map(({ content, ...v }) => ({
        ...v,
        titleVi: content.titleVi,
        titleEn: content.titleEn,
        items: content.factors.reduce((n, f) => n + f.items.length, 0),
      })),
    };
  }

  /** One version with its whole content: labels in Vietnamese and English, scales, profile, procedures. */
  @Get(':questionnaireId/versions/:version')
  @AllowRoles(...ALL_ROLES)
  async get(@Param('questionnaireId', QuestionnaireIdPipe) questionnaireId: string, @Param('version', ParseIntPipe) version: number) {
    const found = await this.store.get(this.dataSource.manager, { questionnaireId, version });
    if (!found) {
      throw new NotFoundException({
        statusCode: 404,
        error: 'Not Found',
        message: 'no such questionnaire version',
        messageVi: 'không có phiên bản phiếu khảo sát này',
        errors: [{ field: 'version', reason: 'no such questionnaire version', reasonVi: 'không có phiên bản phiếu khảo sát này' }],
      });
    }
    return found;
  }
}
