import { Module } from '@nestjs/common';
import { CorrectResponseController } from './commands/correct-response/correct-response.controller';
import { CorrectResponseHandler } from './commands/correct-response/correct-response.handler';
import { SubmitResponseController } from './commands/submit-response/submit-response.controller';
import { SubmitResponseHandler } from './commands/submit-response/submit-response.handler';
import { VoidResponseController } from './commands/void-response/void-response.controller';
import { VoidResponseHandler } from './commands/void-response/void-response.handler';
import { BackcheckAssignmentsProjection } from './queries/get-contact/backcheck-assignments.projection';
import { GetContactController } from './queries/get-contact/get-contact.controller';
import { GetResponseController } from './queries/get-response/get-response.controller';
import { ResponseAssembler } from './response-assembler';
import { ResponseStore } from './response-store';
import { UnitsOnServiceDate } from './units-on-service-date';

@Module({
  controllers: [
    SubmitResponseController,
    VoidResponseController,
    CorrectResponseController,
    GetResponseController,
    GetContactController,
    BackcheckAssignmentsProjection,
  ],
  providers: [ResponseStore, UnitsOnServiceDate, ResponseAssembler, SubmitResponseHandler, VoidResponseHandler, CorrectResponseHandler],
  // Every channel submits through the one handler.
  exports: [SubmitResponseHandler, ResponseAssembler],
})
export class ResponsesModule {}
