import { Roles } from '@hailong/contracts';
import { Actor, AllowRoles, CurrentActor } from '@hailong/platform/auth';
import { CorrelationId } from '@hailong/platform/http';
import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { QuestionnaireIdPipe } from '../../questionnaire-id.pipe';
import { PublishQuestionnaireVersionHandler } from './publish-questionnaire-version.handler';
import { PublishQuestionnaireVersionRequestDto } from './publish-questionnaire-version.request.dto';

@ApiTags('questionnaires')
@ApiBearerAuth()
@Controller('questionnaires')
export class PublishQuestionnaireVersionController {
  constructor(private readonly handler: PublishQuestionnaireVersionHandler) {}

  /** 201 with the new version: the next number of that questionnaire (1 for a new one). Earlier versions stay as they were. */
  @Post(':questionnaireId/versions')
  @AllowRoles(Roles.campaignManager, Roles.admin)
  publish(
    @Param('questionnaireId', QuestionnaireIdPipe) questionnaireId: string,
    @Body() body: PublishQuestionnaireVersionRequestDto,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ) {
    return this.handler.execute(questionnaireId, body.content, actor, correlationId);
  }
}
