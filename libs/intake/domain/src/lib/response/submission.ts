import { Channel, QuestionnaireContent } from '@hailong/contracts';
import { CampaignState, campaignUnknown } from '../campaign/campaign';
import { isInScope } from '../campaign/scope';
import { procedureAppliesTo } from '../questionnaire/procedures';
import { itemsOf } from '../questionnaire/questionnaire-rules';
import { violation, Violation } from '../rule-violation';

/** What a response says, before anything is encrypted: the form as keyed in. */
export interface Submission {
  readonly campaignId: string;
  readonly unitId: string;
  readonly channel: Channel;
  readonly procedureId: string;
  /** YYYY-MM-DD, Asia/Ho_Chi_Minh. */
  readonly serviceDate: string;
  readonly form: { readonly startedAt: string | null; readonly finishedAt: string | null };
  readonly answers: readonly { readonly itemId: string; readonly level: number | null }[];
  readonly expectations: readonly { readonly itemId: string; readonly level: number | null }[];
  /** Every profile answer: field id → option id. */
  readonly profile: Readonly<Record<string, string>>;
}

/** The unit as the directory had it on the service date, with the units above it then. */
export interface UnitOnServiceDate {
  readonly unitId: string;
  readonly unitType: string;
  readonly code: string;
  readonly ancestorIds: readonly string[];
}

export interface SubmissionContext {
  /** Null when there is no such campaign. */
  readonly campaign: CampaignState | null;
  /** The campaign's questionnaire version. */
  readonly questionnaire: QuestionnaireContent | null;
  /** Whether the directory has published anything about the unit. */
  readonly unitKnown: boolean;
  /** Null when the unit was not valid on the service date. */
  readonly unit: UnitOnServiceDate | null;
  /** Today in Asia/Ho_Chi_Minh, and now: nothing may happen after them. */
  readonly today: string;
  readonly now: Date;
  /** Corrections also apply to a closed campaign's responses; new responses need an open one. */
  readonly allowClosedCampaign?: boolean;
}

/** The date of an instant in Asia/Ho_Chi_Minh (UTC+7 all year: Vietnam keeps no daylight saving time). */
export function vietnamDateOf(instant: string): string {
  return new Date(Date.parse(instant) + 7 * 3600_000).toISOString().slice(0, 10);
}

/**
 * Every rule a response must satisfy to count, all reported at once. Reasons name the field and
 * never repeat the refused value: a caller may have put anything there, a phone number included.
 */
export function checkSubmission(s: Submission, context: SubmissionContext): Violation[] {
  const { campaign, questionnaire } = context;
  if (!campaign || !questionnaire) return [campaignUnknown()];
  const found: Violation[] = [];
  const definition = campaign.definition;

  const acceptable = campaign.status === 'open' || (context.allowClosedCampaign === true && campaign.status === 'closed');
  if (!acceptable) {
    found.push(
      campaign.status === 'draft'
        ? violation('campaignId', 'campaign-not-open', 'the campaign is not open yet', 'đợt khảo sát chưa mở')
        : violation('campaignId', 'campaign-closed', 'the campaign is closed', 'đợt khảo sát đã đóng'),
    );
  }
  if (!definition.methods.includes(s.channel)) {
    found.push(
      violation('channel', 'method-not-allowed', 'the campaign does not use this method', 'đợt khảo sát không dùng phương pháp này'),
    );
  }

  if (s.serviceDate < definition.period.from || s.serviceDate > definition.period.to) {
    found.push(
      violation(
        'serviceDate',
        'service-date-outside-period',
        'the service date is outside the campaign period',
        'ngày giải quyết nằm ngoài thời gian của đợt khảo sát',
      ),
    );
  }
  if (s.serviceDate > context.today) {
    found.push(
      violation(
        'serviceDate',
        'service-date-in-future',
        'the service date is in the future (Asia/Ho_Chi_Minh)',
        'ngày giải quyết ở tương lai (giờ Việt Nam)',
      ),
    );
  }

  if (!context.unitKnown) {
    found.push(violation('unitId', 'unit-unknown', 'unknown unit', 'đơn vị không có trong danh mục'));
  } else if (!context.unit) {
    found.push(
      violation(
        'unitId',
        'unit-not-valid-on-service-date',
        'the unit did not exist on the service date',
        'đơn vị không tồn tại vào ngày giải quyết',
      ),
    );
  } else {
    if (!isInScope(definition.scope, context.unit)) {
      found.push(
        violation(
          'unitId',
          'unit-out-of-scope',
          'the unit is not in the campaign’s scope on the service date',
          'đơn vị không thuộc phạm vi của đợt khảo sát vào ngày giải quyết',
        ),
      );
    }
    const procedure = questionnaire.procedures.find((p) => p.id === s.procedureId);
    if (!procedure) {
      found.push(violation('procedureId', 'procedure-unknown', 'not a procedure of the catalogue', 'không phải thủ tục trong danh mục'));
    } else if (!procedureAppliesTo(procedure, context.unit)) {
      found.push(
        violation(
          'procedureId',
          'procedure-not-for-unit',
          'units of this type do not handle this procedure',
          'loại đơn vị này không giải quyết thủ tục này',
        ),
      );
    }
  }

  found.push(...checkForm(s, context));
  found.push(...checkAnswers(s, questionnaire));
  found.push(...checkExpectations(s, questionnaire));
  found.push(...checkProfile(s, questionnaire));
  return found;
}

function checkForm(s: Submission, context: SubmissionContext): Violation[] {
  const found: Violation[] = [];
  const { startedAt, finishedAt } = s.form;
  const now = context.now.getTime();
  if (startedAt !== null) {
    if (Date.parse(startedAt) > now) {
      found.push(
        violation('form.startedAt', 'form-in-future', 'the form cannot start in the future', 'phiếu không thể bắt đầu ở tương lai'),
      );
    } else if (vietnamDateOf(startedAt) < s.serviceDate) {
      found.push(
        violation(
          'form.startedAt',
          'form-before-service',
          'the form was started before the service date',
          'phiếu được bắt đầu trước ngày giải quyết',
        ),
      );
    }
  }
  if (finishedAt !== null) {
    if (Date.parse(finishedAt) > now) {
      found.push(
        violation('form.finishedAt', 'form-in-future', 'the form cannot finish in the future', 'phiếu không thể kết thúc ở tương lai'),
      );
    } else if (startedAt !== null && Date.parse(finishedAt) < Date.parse(startedAt)) {
      found.push(
        violation(
          'form.finishedAt',
          'form-finished-before-start',
          'the form finished before it started',
          'phiếu kết thúc trước khi bắt đầu',
        ),
      );
    }
  }
  return found;
}

function checkAnswers(s: Submission, questionnaire: QuestionnaireContent): Violation[] {
  const found: Violation[] = [];
  const items = new Set(itemsOf(questionnaire).map((i) => i.id));
  const maxLevel = questionnaire.ratingScale.length;
  const seen = new Set<string>();
  s.answers.forEach((a, i) => {
    if (!items.has(a.itemId)) {
      found.push(
        violation(
          `answers.${i}.itemId`,
          'item-unknown',
          'not an item of the campaign’s questionnaire version',
          'không phải câu hỏi của phiên bản phiếu của đợt khảo sát',
        ),
      );
    } else if (seen.has(a.itemId)) {
      found.push(
        violation(`answers.${i}.itemId`, 'item-answered-twice', 'this item is answered twice', 'câu hỏi này được trả lời hai lần'),
      );
    }
    seen.add(a.itemId);
    if (a.level !== null && (a.level < 1 || a.level > maxLevel)) {
      found.push(
        violation(
          `answers.${i}.level`,
          'level-outside-scale',
          `the level must be 1–${maxLevel} or null`,
          `mức phải từ 1 đến ${maxLevel} hoặc để trống`,
        ),
      );
    }
  });
  if (s.answers.length > 0 && s.answers.every((a) => a.level === null)) {
    found.push(violation('answers', 'nothing-answered', 'at least one item must be answered', 'cần trả lời ít nhất một câu hỏi'));
  }
  return found;
}

function checkExpectations(s: Submission, questionnaire: QuestionnaireContent): Violation[] {
  const found: Violation[] = [];
  const items = new Set(questionnaire.expectations.map((x) => x.id));
  const maxLevel = questionnaire.expectationScale.length;
  const seen = new Set<string>();
  s.expectations.forEach((x, i) => {
    if (!items.has(x.itemId)) {
      found.push(
        violation(
          `expectations.${i}.itemId`,
          'expectation-unknown',
          'not an expectation of the questionnaire version',
          'không phải mong đợi của phiên bản phiếu',
        ),
      );
    } else if (seen.has(x.itemId)) {
      found.push(
        violation(
          `expectations.${i}.itemId`,
          'expectation-answered-twice',
          'this expectation is answered twice',
          'mong đợi này được trả lời hai lần',
        ),
      );
    }
    seen.add(x.itemId);
    if (x.level !== null && (x.level < 1 || x.level > maxLevel)) {
      found.push(
        violation(
          `expectations.${i}.level`,
          'level-outside-scale',
          `the level must be 1–${maxLevel} or null`,
          `mức phải từ 1 đến ${maxLevel} hoặc để trống`,
        ),
      );
    }
  });
  return found;
}

function checkProfile(s: Submission, questionnaire: QuestionnaireContent): Violation[] {
  const found: Violation[] = [];
  for (const [fieldId, optionId] of Object.entries(s.profile)) {
    const field = questionnaire.profile.find((p) => p.id === fieldId);
    if (!field) {
      found.push(
        violation(
          `profile.${fieldId}`,
          'profile-field-unknown',
          'not a profile question of the questionnaire version',
          'không phải câu hỏi về người trả lời của phiên bản phiếu',
        ),
      );
    } else if (!field.options.some((o) => o.id === optionId)) {
      found.push(
        violation(
          `profile.${fieldId}`,
          'profile-option-unknown',
          'not one of the question’s options',
          'không phải một lựa chọn của câu hỏi',
        ),
      );
    }
  }
  return found;
}

/** Splits profile answers into those the questionnaire lets travel in clear and those that are personal data. */
export function splitProfile(
  questionnaire: QuestionnaireContent,
  profile: Readonly<Record<string, string>>,
): { inClear: Record<string, string>; personal: Record<string, string> } {
  const inClear: Record<string, string> = {};
  const personal: Record<string, string> = {};
  for (const [fieldId, optionId] of Object.entries(profile)) {
    const field = questionnaire.profile.find((p) => p.id === fieldId);
    (field?.inClear ? inClear : personal)[fieldId] = optionId;
  }
  return { inClear, personal };
}
