import { bootstrapService } from '@hailong/platform/http';
import { AppModule } from './app/app.module';

void bootstrapService(AppModule, {
  name: 'unit-directory',
  defaultPort: 3101,
  description: 'The police units that serve the public, their hierarchy and its history; staff sign-in.',
}).catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
