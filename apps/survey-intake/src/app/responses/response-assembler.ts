import { canonicalJson, QuestionnaireContent, QuestionnaireRef, ResponseData, sha256Hex } from '@hailong/contracts';
import {
  checkSubmission,
  hasPersonalData,
  normalisePhone,
  PersonalData,
  splitProfile,
  Submission,
  violation,
} from '@hailong/intake/domain';
import { Actor } from '@hailong/platform/auth';
import { todayInVietnam } from '@hailong/platform/http';
import { ConflictException, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CampaignRecord, CampaignStore } from '../campaigns/campaign-store';
import { refusal } from '../http/rule-refusal';
import { encryptPersonalData, personalDataFingerprint, RespondentKey } from '../personal-data/personal-data.cipher';
import { RespondentKeyStore } from '../personal-data/respondent-key-store';
import { QuestionnaireStore } from '../questionnaires/questionnaire-store';
import { ResponseFormDto } from './response-form.dto';
import { ResponseRow } from './response-store';
import { UnitsOnServiceDate } from './units-on-service-date';

export interface ResponseTarget {
  readonly campaignId: string;
  readonly unitId: string;
}

export interface CampaignContext {
  readonly campaign: CampaignRecord | null;
  readonly questionnaireRef: QuestionnaireRef | null;
  readonly questionnaire: QuestionnaireContent | null;
  /** The directory view's version when the campaign was read (UnitsOnServiceDate), null when unknown. */
  readonly directoryVersion?: string | null;
}

/** A form ready to store: the response with its personal data sealed, and what tells a retry from another form. */
export interface AssembledResponse {
  readonly data: ResponseData;
  readonly requestHash: string;
  readonly personalHash: string | null;
}

/**
 * Turns a keyed-in form into a response: checks it against the campaign, its questionnaire version and
 * the directory on the service date (every refusal at once, as a 422), normalises it, and seals its
 * personal data under the respondent's key so that nothing personal is stored or published in clear.
 */
@Injectable()
export class ResponseAssembler {
  constructor(
    private readonly units: UnitsOnServiceDate,
    private readonly campaigns: CampaignStore,
    private readonly questionnaires: QuestionnaireStore,
    private readonly keys: RespondentKeyStore,
  ) {}

  /** The campaign (held with a share lock: a close waits for the responses being accepted) and its questionnaire. */
  async campaignContext(manager: EntityManager, campaignId: string | null): Promise<CampaignContext> {
    const { campaign, alongside } = campaignId
      ? await this.campaigns.loadAlongside(manager, campaignId.toLowerCase(), 'share', this.units.versionSql)
      : { campaign: null, alongside: null };
    const ref = campaign?.definition.questionnaire ?? null;
    const stored = ref ? await this.questionnaires.published(manager, ref) : null;
    return { campaign, questionnaireRef: ref, questionnaire: stored?.content ?? null, directoryVersion: alongside };
  }

  async check(
    manager: EntityManager,
    target: ResponseTarget,
    form: ResponseFormDto,
    context: CampaignContext,
    allowClosedCampaign: boolean,
  ): Promise<void> {
    const { unitKnown, unit } = await this.units.get(manager, target.unitId, form.serviceDate, context.directoryVersion);
    const now = new Date();
    const violations = checkSubmission(this.submission(target, form), {
      campaign: context.campaign,
      questionnaire: context.questionnaire,
      unitKnown,
      unit,
      today: todayInVietnam(now),
      now,
      allowClosedCampaign,
    });
    if (violations.length > 0) throw refusal(violations);
  }

  /** A form accepted after its campaign closed must have been finished before the close. */
  checkCollectedBeforeClose(form: ResponseFormDto, context: CampaignContext): void {
    const closedAt = context.campaign?.closedAt;
    const finishedAt = form.form?.finishedAt;
    if (!closedAt || (finishedAt && Date.parse(finishedAt) <= Date.parse(closedAt))) return;
    throw refusal([
      violation(
        'form.finishedAt',
        'collected-after-close',
        'a response synced after the campaign closed must have been finished before the close',
        'phiếu đồng bộ sau khi đợt khảo sát đóng phải được hoàn thành trước thời điểm đóng',
      ),
    ]);
  }

  /** The personal part of a form, normalised: the phone as +84…, text in NFC, the profile answers that do not travel in clear. */
  personalDataOf(form: ResponseFormDto, questionnaire: QuestionnaireContent | null): PersonalData {
    const { personal } = this.profileParts(form, questionnaire);
    const c = form.contact;
    const contact =
      c && (c.name || c.phone || c.email)
        ? { name: c.name || null, phone: c.phone ? normalisePhone(c.phone) : null, email: c.email?.toLowerCase() || null }
        : null;
    return { contact, freeText: form.freeText || null, profile: personal };
  }

  /**
   * The response as the event carries it. `key` seals the personal data and must be given when there
   * is any; `requestHash` covers everything but the personal data, which `personalHash` covers with
   * the respondent's own key.
   */
  assemble(
    responseId: string,
    target: ResponseTarget,
    form: ResponseFormDto,
    context: CampaignContext,
    actor: Actor,
    key: RespondentKey | null,
    extra: Record<string, unknown> = {},
    collectedBy?: ResponseData['collectedBy'],
  ): AssembledResponse {
    const personal = this.personalDataOf(form, context.questionnaire);
    // Without a key (comparing a retry) the personal part is left out: only the hashes are wanted.
    const sealed = hasPersonalData(personal);
    const data: ResponseData = {
      responseId,
      campaignId: target.campaignId.toLowerCase(),
      unitId: target.unitId.toLowerCase(),
      channel: form.channel ?? 'paper',
      questionnaire: context.questionnaireRef,
      procedureId: form.procedureId,
      serviceDate: form.serviceDate,
      // A channel that is nobody's hands (the portal) says so; staff entry names the surveyor.
      collectedBy: collectedBy !== undefined ? collectedBy : { kind: 'surveyor', id: form.surveyorId ?? actor.id },
      form: {
        startedAt: form.form?.startedAt ? new Date(form.form.startedAt).toISOString() : null,
        finishedAt: form.form?.finishedAt ? new Date(form.form.finishedAt).toISOString() : null,
      },
      answers: form.answers.map((a) => ({ itemId: a.itemId, level: a.level })),
      expectations: (form.expectations ?? []).map((x) => ({ itemId: x.itemId, level: x.level })),
      profileGroups: this.profileParts(form, context.questionnaire).inClear,
      personal: sealed && key ? encryptPersonalData(key, responseId, personal) : null,
    };
    const { responseId: _id, personal: _sealed, ...described } = data;
    return {
      data,
      requestHash: sha256Hex(canonicalJson({ ...described, ...extra })),
      personalHash: sealed && key ? personalDataFingerprint(key, personal) : null,
    };
  }

  /**
   * Whether a form sent again under a used idempotency key is the one stored. The personal part is
   * compared through the respondent's key; once that key is destroyed only the rest can be compared.
   */
  async sameAsStored(
    manager: EntityManager,
    row: ResponseRow,
    form: ResponseFormDto,
    target: ResponseTarget,
    context: CampaignContext,
    actor: Actor,
    extra: Record<string, unknown>,
    collectedBy?: ResponseData['collectedBy'],
  ): Promise<boolean> {
    const { requestHash } = this.assemble(row.response_id, target, form, context, actor, null, extra, collectedBy);
    if (requestHash !== row.request_hash) return false;
    const personal = this.personalDataOf(form, context.questionnaire);
    if (!hasPersonalData(personal)) return row.personal_hash === null;
    if (row.personal_hash === null || row.respondent_key_id === null) return false;
    const stored = await this.keys.find(manager, row.respondent_key_id);
    if (stored.state !== 'live') return true;
    return personalDataFingerprint(stored.key, personal) === row.personal_hash;
  }

  private profileParts(form: ResponseFormDto, questionnaire: QuestionnaireContent | null) {
    const answers = Object.fromEntries(Object.entries(form.profile ?? {}).sort(([a], [b]) => a.localeCompare(b)));
    return questionnaire ? splitProfile(questionnaire, answers) : { inClear: {}, personal: answers };
  }

  private submission(target: ResponseTarget, form: ResponseFormDto): Submission {
    return {
      campaignId: target.campaignId,
      unitId: target.unitId,
      channel: form.channel ?? 'paper',
      procedureId: form.procedureId,
      serviceDate: form.serviceDate,
      form: { startedAt: form.form?.startedAt ?? null, finishedAt: form.form?.finishedAt ?? null },
      answers: form.answers,
      expectations: form.expectations ?? [],
      profile: form.profile ?? {},
    };
  }
}

/** A used idempotency key sent with another form: 409, naming the key, never the form. */
export function idempotencyKeyReused(): ConflictException {
  return new ConflictException({
    statusCode: 409,
    error: 'Conflict',
    message: 'this idempotency key was already used for a different response',
    messageVi: 'khóa chống trùng này đã được dùng cho một phiếu khác',
    errors: [{ field: 'idempotencyKey', reason: 'already used for a different response', reasonVi: 'đã được dùng cho một phiếu khác' }],
  });
}

/** The personal data of a forgotten respondent cannot come back through a correction. */
export const respondentForgotten = (form: ResponseFormDto) =>
  refusal([
    violation(
      form.contact ? 'contact' : form.freeText ? 'freeText' : 'profile',
      'respondent-forgotten',
      'this respondent’s personal data was erased at their request: a correction cannot bring it back',
      'dữ liệu cá nhân của người trả lời này đã bị xóa theo yêu cầu: phiếu sửa không thể đưa lại',
    ),
  ]);
