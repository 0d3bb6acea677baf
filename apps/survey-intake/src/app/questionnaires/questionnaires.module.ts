import { Global, Module } from '@nestjs/common';
import { PublishQuestionnaireVersionController } from './commands/publish-questionnaire-version/publish-questionnaire-version.controller';
import { PublishQuestionnaireVersionHandler } from './commands/publish-questionnaire-version/publish-questionnaire-version.handler';
import { GetQuestionnairesController } from './queries/get-questionnaires/get-questionnaires.controller';
import { QuestionnaireStore } from './questionnaire-store';
import { ReferenceQuestionnairesLoader } from './reference-questionnaires.loader';

@Global()
@Module({
  controllers: [PublishQuestionnaireVersionController, GetQuestionnairesController],
  providers: [QuestionnaireStore, PublishQuestionnaireVersionHandler, ReferenceQuestionnairesLoader],
  exports: [QuestionnaireStore],
})
export class QuestionnairesModule {}
