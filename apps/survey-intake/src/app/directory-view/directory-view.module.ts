import { DirectoryView } from '@hailong/directory/view';
import { Module } from '@nestjs/common';
import { INTAKE_SCHEMA } from '../migrations';
import { DirectoryViewProjection } from './directory-view.projection';

/** Intake's directory view: the projection that keeps it and the DirectoryView that reads it. */
@Module({
  controllers: [DirectoryViewProjection],
  providers: [
    { provide: DirectoryView, useValue: new DirectoryView(INTAKE_SCHEMA) },
  ],
  exports: [DirectoryView],
})
export class DirectoryViewModule {}
