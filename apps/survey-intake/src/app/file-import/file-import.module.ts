import { Module } from '@nestjs/common';
import { ResponsesModule } from '../responses/responses.module';
import { ImportResponsesController } from './commands/import-responses/import-responses.controller';
import { ImportResponsesHandler } from './commands/import-responses/import-responses.handler';
import { FILE_IMPORT_SETTINGS, fileImportSettingsFromEnv } from './file-import-config';
import { FileImportStore } from './file-import-store';
import { GetImportTemplateController } from './queries/get-import-template/get-import-template.controller';

/** Paper forms keyed into spreadsheets and imported in bulk (DESIGN "Methods", 1): the template, and the streamed import with its per-row report. */
@Module({
  imports: [ResponsesModule],
  controllers: [ImportResponsesController, GetImportTemplateController],
  providers: [{ provide: FILE_IMPORT_SETTINGS, useFactory: () => fileImportSettingsFromEnv() }, FileImportStore, ImportResponsesHandler],
})
export class FileImportModule {}
