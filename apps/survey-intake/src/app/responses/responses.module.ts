import { Module } from '@nestjs/common';
import { DirectoryViewModule } from '../directory-view/directory-view.module';
import { SubmitResponseController } from './commands/submit-response/submit-response.controller';
import { SubmitResponseHandler } from './commands/submit-response/submit-response.handler';

@Module({
  imports: [DirectoryViewModule],
  controllers: [SubmitResponseController],
  providers: [SubmitResponseHandler],
})
export class ResponsesModule {}
