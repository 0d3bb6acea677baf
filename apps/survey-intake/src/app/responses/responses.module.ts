import { Module } from '@nestjs/common';
import { SubmitResponseController } from './commands/submit-response/submit-response.controller';
import { SubmitResponseHandler } from './commands/submit-response/submit-response.handler';

@Module({
  controllers: [SubmitResponseController],
  providers: [SubmitResponseHandler],
})
export class ResponsesModule {}
