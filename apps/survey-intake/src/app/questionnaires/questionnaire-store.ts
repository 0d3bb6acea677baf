import {
  canonicalJson,
  createEvent,
  Actor as EventActor,
  QuestionnaireContent,
  QuestionnaireRef,
  QuestionnaireVersionPublished,
  sha256Hex,
} from '@hailong/contracts';
import { OutboxWriter } from '@hailong/platform/messaging';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { INTAKE_SCHEMA } from '../migrations';

export interface StoredQuestionnaireVersion {
  readonly questionnaireId: string;
  readonly version: number;
  readonly contentHash: string;
  readonly publishedAt: string;
  readonly publishedBy: string;
  readonly content: QuestionnaireContent;
}

interface Row {
  questionnaire_id: string;
  version: number;
  content_hash: string;
  published_at: Date;
  published_by: string;
  content: QuestionnaireContent;
}

const toVersion = (r: Row): StoredQuestionnaireVersion => ({
  questionnaireId: r.questionnaire_id,
  version: r.version,
  contentHash: r.content_hash,
  publishedAt: r.published_at.toISOString(),
  publishedBy: r.published_by,
  content: r.content,
});

/** Questionnaire versions: inserted once, never updated (a trigger refuses it); a change is a new version. */
@Injectable()
export class QuestionnaireStore {
  private readonly table = `"${INTAKE_SCHEMA}".questionnaire_versions`;
  /** Published versions by "questionnaireId/version": a few per questionnaire, so never evicted. */
  private readonly publishedVersions = new Map<string, StoredQuestionnaireVersion>();

  constructor(private readonly outbox: OutboxWriter) {}

  async get(manager: EntityManager, ref: QuestionnaireRef): Promise<StoredQuestionnaireVersion | null> {
    const [row]: Row[] = await manager.query(`SELECT * FROM ${this.table} WHERE questionnaire_id = $1 AND version = $2`, [
      ref.questionnaireId,
      ref.version,
    ]);
    return row ? toVersion(row) : null;
  }

  /**
   * A version a campaign names, kept once read: a published version never changes (a trigger refuses
   * an update) and a campaign names only a version that was published when it was created, so every
   * response to a campaign reads its questionnaire from here rather than from the database.
   */
  async published(manager: EntityManager, ref: QuestionnaireRef): Promise<StoredQuestionnaireVersion | null> {
    const key = `${ref.questionnaireId.toLowerCase()}/${ref.version}`;
    const kept = this.publishedVersions.get(key);
    if (kept) return kept;
    const stored = await this.get(manager, ref);
    if (stored) this.publishedVersions.set(key, stored);
    return stored;
  }

  async latest(manager: EntityManager, questionnaireId: string): Promise<StoredQuestionnaireVersion | null> {
    const [row]: Row[] = await manager.query(`SELECT * FROM ${this.table} WHERE questionnaire_id = $1 ORDER BY version DESC LIMIT 1`, [
      questionnaireId,
    ]);
    return row ? toVersion(row) : null;
  }

  async list(manager: EntityManager): Promise<StoredQuestionnaireVersion[]> {
    const rows: Row[] = await manager.query(`SELECT * FROM ${this.table} ORDER BY questionnaire_id, version`);
    return rows.map(toVersion);
  }

  /**
   * Publishes the content as the questionnaire's next version, in the caller's transaction, with its
   * event. Versions of one questionnaire are numbered under a transaction lock, so two publishers
   * never take the same number. `onlyIfNone` publishes only a questionnaire's first version.
   */
  async publish(
    manager: EntityManager,
    questionnaireId: string,
    content: QuestionnaireContent,
    actor: EventActor,
    correlationId: string,
    options: { onlyIfNone?: boolean } = {},
  ): Promise<StoredQuestionnaireVersion | null> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`hailong.intake.questionnaire:${questionnaireId}`]);
    const latest = await this.latest(manager, questionnaireId);
    if (latest && options.onlyIfNone) return null;
    const version = (latest?.version ?? 0) + 1;
    const contentHash = sha256Hex(canonicalJson(content));
    const event = createEvent(
      QuestionnaireVersionPublished,
      `${questionnaireId}@${version}`,
      { questionnaireId, version, contentHash, content },
      { source: 'survey-intake', actor, correlationId },
    );
    await manager.query(
      `INSERT INTO ${this.table} (questionnaire_id, version, content, content_hash, published_by, event_id) VALUES ($1, $2, $3, $4, $5, $6)`,
      [questionnaireId, version, JSON.stringify(event.data.content), contentHash, actor.id, event.id],
    );
    await this.outbox.append(manager, [event]);
    return this.get(manager, { questionnaireId, version });
  }
}
