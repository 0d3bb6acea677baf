import { bootstrapService } from '@hailong/platform/http';
import { AppModule } from './app/app.module';

void bootstrapService(AppModule, {
  name: 'audit',
  defaultPort: 3104,
  description: 'Re-inspection: rebuilds the published figures from the event log alone.',
}).catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
