import { questionnaireContentSchema } from '@hailong/contracts';
import { checkQuestionnaireContent } from '@hailong/intake/domain';
import { Actor } from '@hailong/platform/auth';
import { badRequest } from '@hailong/platform/http';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { refusal } from '../../../http/rule-refusal';
import { staffActor } from '../../../http/staff-actor';
import { QuestionnaireStore, StoredQuestionnaireVersion } from '../../questionnaire-store';

/** Every string in NFC, whatever the sender's keyboard produced. */
const nfcDeep = (value: unknown): unknown =>
  typeof value === 'string'
    ? value.normalize('NFC').trim()
    : Array.isArray(value)
      ? value.map(nfcDeep)
      : value && typeof value === 'object'
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, nfcDeep(v)]))
        : value;

@Injectable()
export class PublishQuestionnaireVersionHandler {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: QuestionnaireStore,
  ) {}

  async execute(
    questionnaireId: string,
    body: Record<string, unknown>,
    actor: Actor,
    correlationId: string,
  ): Promise<StoredQuestionnaireVersion> {
    // One schema for the shape: the contract's, so what is accepted here always decodes from the log.
    const parsed = questionnaireContentSchema.safeParse(nfcDeep(body));
    if (!parsed.success) {
      throw badRequest(
        parsed.error.issues.slice(0, 20).map((issue) => {
          const field = ['content', ...issue.path.map(String)].join('.');
          return { field, reason: issue.message, reasonVi: `${field} không hợp lệ` };
        }),
      );
    }
    const violations = checkQuestionnaireContent(parsed.data).map((v) => ({ ...v, field: `content.${v.field}` }));
    if (violations.length > 0) throw refusal(violations);
    const published = await this.dataSource.transaction((manager) =>
      this.store.publish(manager, questionnaireId, parsed.data, staffActor(actor), correlationId),
    );
    return published as StoredQuestionnaireVersion;
  }
}
