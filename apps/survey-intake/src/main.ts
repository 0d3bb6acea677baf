import { bootstrapService } from '@hailong/platform/http';
import { AppModule } from './app/app.module';

void bootstrapService(AppModule, {
  name: 'survey-intake',
  defaultPort: 3102,
  description: 'Accepts satisfaction responses from every channel, exactly once.',
}).catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
