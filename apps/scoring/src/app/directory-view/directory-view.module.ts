import { DirectoryView } from '@hailong/directory/view';
import { Module } from '@nestjs/common';
import { SCORING_SCHEMA } from '../migrations';
import { DirectoryViewProjection } from './directory-view.projection';

/** Scoring's directory view: the projection that keeps it and the DirectoryView that reads it. */
@Module({
  controllers: [DirectoryViewProjection],
  providers: [
    { provide: DirectoryView, useValue: new DirectoryView(SCORING_SCHEMA) },
  ],
  exports: [DirectoryView],
})
export class DirectoryViewModule {}
