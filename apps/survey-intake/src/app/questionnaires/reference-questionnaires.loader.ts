import { questionnairesFromReference } from '@hailong/intake/domain';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { serviceActor } from '../http/staff-actor';
import { QuestionnaireStore } from './questionnaire-store';

export const QUESTIONNAIRES_FILE_ENV = 'INTAKE_QUESTIONNAIRES_FILE';

/** Where the reference questionnaires are: set explicitly, next to the built service, or in the repository. */
export function questionnairesFile(env: NodeJS.ProcessEnv = process.env): string {
  const candidates = [
    env[QUESTIONNAIRES_FILE_ENV],
    join(__dirname, 'reference', 'questionnaires.json'),
    join(process.cwd(), 'data', 'reference', 'questionnaires.json'),
  ];
  const found = candidates.find((c): c is string => !!c && existsSync(c));
  if (!found)
    throw new Error(`questionnaires.json not found (set ${QUESTIONNAIRES_FILE_ENV}); looked in ${candidates.filter(Boolean).join(', ')}`);
  return found;
}

/**
 * The default questionnaires come from data (data/reference/questionnaires.json): at start-up each of
 * its forms that has no version yet is published as version 1 ('current' is the default, '2017' the
 * older 22-item form). A form with versions is left alone; later versions are published through the API.
 */
@Injectable()
export class ReferenceQuestionnairesLoader implements OnApplicationBootstrap {
  private readonly logger = new Logger(ReferenceQuestionnairesLoader.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: QuestionnaireStore,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const file = questionnairesFile();
    for (const { questionnaireId, content } of questionnairesFromReference(JSON.parse(readFileSync(file, 'utf8')))) {
      const published = await this.dataSource.transaction((manager) =>
        this.store.publish(manager, questionnaireId, content, serviceActor, 'reference-data', { onlyIfNone: true }),
      );
      if (published) this.logger.log(`published questionnaire ${questionnaireId} version 1 from ${file}`);
    }
  }
}
