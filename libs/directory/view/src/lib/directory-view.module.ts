import { DynamicModule, Module } from '@nestjs/common';
import { DirectoryView } from './directory-view';
import { DirectoryViewController } from './directory-view.controller';
import { DirectoryViewProjection } from './directory-view.projection';

/**
 * A service's directory view in its own schema: the projection that keeps it, its read endpoints, and
 * DirectoryView for any module of the service to inject (global: one view per service).
 */
@Module({})
export class DirectoryViewModule {
  static forService(schema: string): DynamicModule {
    return {
      module: DirectoryViewModule,
      global: true,
      controllers: [DirectoryViewProjection, DirectoryViewController],
      providers: [{ provide: DirectoryView, useValue: new DirectoryView(schema) }],
      exports: [DirectoryView],
    };
  }
}
