import { bootstrapService } from '@hailong/platform/http';
import { AppModule } from './app/app.module';

void bootstrapService(AppModule, {
  name: 'scoring',
  defaultPort: 3103,
  description: 'Satisfaction figures with their sample sizes and 95% intervals, kept current from the response log.',
}).catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
