import { Module } from '@nestjs/common';
import { AssignResponsesController } from './commands/assign-responses/assign-responses.controller';
import { AssignResponsesHandler } from './commands/assign-responses/assign-responses.handler';
import { CloseReinspectionController } from './commands/close-reinspection/close-reinspection.controller';
import { CloseReinspectionHandler } from './commands/close-reinspection/close-reinspection.handler';
import { DrawSampleController } from './commands/draw-sample/draw-sample.controller';
import { DrawSampleHandler } from './commands/draw-sample/draw-sample.handler';
import { RecordVerdictController } from './commands/record-verdict/record-verdict.controller';
import { RecordVerdictHandler } from './commands/record-verdict/record-verdict.handler';
import { GetReportController } from './queries/get-report/get-report.controller';
import { REPORT_FONT, reportFontFromEnv } from './queries/get-report/report-font';
import { GetFiguresController } from './queries/get-figures/get-figures.controller';
import { GetSamplesController } from './queries/get-samples/get-samples.controller';
import { GetSignalsController } from './queries/get-signals/get-signals.controller';
import { SignalsService } from './queries/get-signals/signals.service';
import { GetWorkListController } from './queries/get-work-list/get-work-list.controller';
import { ReinspectedFiguresService } from './reinspected-figures';
import { ReinspectionLogProjection } from './reinspection-log.projection';
import { ReinspectionStore } from './reinspection.store';

/**
 * Re-inspection (DESIGN "Re-inspection", issue 8): back-check samples, assignments and verdicts,
 * re-inspected figures beside the published ones, fabrication signals and the report.
 */
@Module({
  controllers: [
    ReinspectionLogProjection,
    DrawSampleController,
    GetSamplesController,
    AssignResponsesController,
    GetWorkListController,
    RecordVerdictController,
    GetFiguresController,
    CloseReinspectionController,
    GetSignalsController,
    GetReportController,
  ],
  providers: [
    // Checked once at start-up: a REPORT_FONT_PATH that is not a file stops the service with the variable named.
    { provide: REPORT_FONT, useFactory: () => reportFontFromEnv() },
    ReinspectionStore,
    ReinspectedFiguresService,
    SignalsService,
    DrawSampleHandler,
    AssignResponsesHandler,
    RecordVerdictHandler,
    CloseReinspectionHandler,
  ],
})
export class ReinspectionModule {}
