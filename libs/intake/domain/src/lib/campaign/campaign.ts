import { CampaignDefinition, QuestionnaireRef } from '@hailong/contracts';
import { refuseIf, violation, Violation } from '../rule-violation';

export type CampaignStatus = 'draft' | 'open' | 'closed';

/** A campaign as intake knows it: what it measures, and where it is in its life. */
export interface CampaignState {
  readonly definition: CampaignDefinition;
  readonly status: CampaignStatus;
}

export type CampaignEvent =
  | { readonly type: 'CampaignCreated'; readonly data: CampaignDefinition }
  | { readonly type: 'CampaignOpened'; readonly data: { readonly campaignId: string } }
  | { readonly type: 'CampaignClosed'; readonly data: { readonly campaignId: string } };

export type CampaignCommand =
  | { readonly type: 'CreateCampaign'; readonly definition: CampaignDefinition }
  | { readonly type: 'OpenCampaign'; readonly campaignId: string }
  | { readonly type: 'CloseCampaign'; readonly campaignId: string };

/** When a unit exists, as the directory last published it: half-open, `validTo` null while it lasts. */
export interface UnitValidity {
  readonly validFrom: string;
  readonly validTo: string | null;
}

/** What decide may ask of the rest of the service: read before deciding, so decide stays pure. */
export interface CampaignLookup {
  questionnaireExists(ref: QuestionnaireRef): boolean;
  /** The unit's validity, or null when the directory has published nothing about it. */
  unitValidity(unitId: string): UnitValidity | null;
}

export const initialCampaignState = (): CampaignState | null => null;

export function evolveCampaign(state: CampaignState | null, event: CampaignEvent): CampaignState | null {
  switch (event.type) {
    case 'CampaignCreated':
      return { definition: event.data, status: 'draft' };
    case 'CampaignOpened':
      return state && { ...state, status: 'open' };
    case 'CampaignClosed':
      return state && { ...state, status: 'closed' };
  }
}

/** The events a command causes, or an IntakeRuleViolation naming every refused field. */
export function decideCampaign(command: CampaignCommand, state: CampaignState | null, lookup: CampaignLookup): CampaignEvent[] {
  switch (command.type) {
    case 'CreateCampaign': {
      if (state) refuseIf([violation('campaignId', 'campaign-exists', 'a campaign with this id exists', 'đã có đợt khảo sát với mã này')]);
      refuseIf(checkDefinition(command.definition, lookup));
      return [{ type: 'CampaignCreated', data: command.definition }];
    }
    case 'OpenCampaign':
      requireStatus(state, 'draft', 'only a draft campaign can be opened', 'chỉ mở được đợt khảo sát đang ở trạng thái nháp');
      return [{ type: 'CampaignOpened', data: { campaignId: command.campaignId } }];
    case 'CloseCampaign':
      requireStatus(state, 'open', 'only an open campaign can be closed', 'chỉ đóng được đợt khảo sát đang mở');
      return [{ type: 'CampaignClosed', data: { campaignId: command.campaignId } }];
  }
}

function requireStatus(state: CampaignState | null, status: CampaignStatus, reason: string, reasonVi: string): void {
  if (!state) refuseIf([campaignUnknown()]);
  else if (state.status !== status) refuseIf([violation('status', `campaign-not-${status}`, reason, reasonVi)]);
}

export const campaignUnknown = (): Violation =>
  violation('campaignId', 'campaign-unknown', 'no such campaign', 'không có đợt khảo sát này');

const hasDuplicates = (values: readonly string[]) => new Set(values).size !== values.length;

function checkDefinition(d: CampaignDefinition, lookup: CampaignLookup): Violation[] {
  const found: Violation[] = [];
  if (d.period.from > d.period.to) {
    found.push(violation('period.to', 'period-reversed', 'the period ends before it starts', 'thời gian kết thúc trước thời gian bắt đầu'));
  }
  if (d.scope.unitIds.length === 0 && d.scope.unitTypes.length === 0) {
    found.push(violation('scope', 'scope-empty', 'name units or unit types in scope', 'cần nêu đơn vị hoặc loại đơn vị thuộc phạm vi'));
  }
  if (hasDuplicates(d.scope.unitIds)) {
    found.push(violation('scope.unitIds', 'unit-listed-twice', 'a unit is listed twice', 'một đơn vị được nêu hai lần'));
  }
  d.scope.unitIds.forEach((unitId, i) => found.push(...checkUnit(`scope.unitIds.${i}`, unitId, d, lookup)));
  if (hasDuplicates(d.scope.unitTypes)) {
    found.push(violation('scope.unitTypes', 'unit-type-listed-twice', 'a unit type is listed twice', 'một loại đơn vị được nêu hai lần'));
  }
  if (d.scope.withinUnitId !== null) {
    if (d.scope.unitTypes.length === 0) {
      found.push(
        violation(
          'scope.withinUnitId',
          'within-without-types',
          'withinUnitId narrows unit types: name some',
          'withinUnitId chỉ dùng cùng loại đơn vị: cần nêu loại đơn vị',
        ),
      );
    }
    found.push(...checkUnit('scope.withinUnitId', d.scope.withinUnitId, d, lookup));
  }
  if (hasDuplicates(d.methods)) {
    found.push(violation('methods', 'method-listed-twice', 'a method is listed twice', 'một phương pháp được nêu hai lần'));
  }
  if (!lookup.questionnaireExists(d.questionnaire)) {
    found.push(
      violation('questionnaire', 'questionnaire-unknown', 'no such questionnaire version', 'không có phiên bản phiếu khảo sát này'),
    );
  }
  if (hasDuplicates(d.targetSample.byUnit.map((t) => t.unitId))) {
    found.push(violation('targetSample.byUnit', 'unit-listed-twice', 'a unit is listed twice', 'một đơn vị được nêu hai lần'));
  }
  d.targetSample.byUnit.forEach((t, i) => found.push(...checkUnit(`targetSample.byUnit.${i}.unitId`, t.unitId, d, lookup)));
  return found;
}

/**
 * A unit the campaign names must exist in the directory and be valid on at least one day of the period:
 * a commune merged away before the campaign starts, or founded after it ends, cannot be measured by it.
 * Valid on one day is enough, since a reorganisation during the campaign is followed through lineage.
 */
function checkUnit(field: string, unitId: string, d: CampaignDefinition, lookup: CampaignLookup): Violation[] {
  const validity = lookup.unitValidity(unitId);
  if (!validity) return [violation(field, 'unit-unknown', 'the directory has no such unit', 'danh mục đơn vị không có đơn vị này')];
  const overlaps = validity.validFrom <= d.period.to && (validity.validTo === null || validity.validTo > d.period.from);
  if (overlaps) return [];
  const until = validity.validTo === null ? '' : ` until ${validity.validTo}`;
  const untilVi = validity.validTo === null ? '' : ` đến ${validity.validTo}`;
  return [
    violation(
      field,
      'unit-not-valid-in-period',
      `the unit exists from ${validity.validFrom}${until}, on no day of the campaign's period`,
      `đơn vị tồn tại từ ${validity.validFrom}${untilVi}, không có ngày nào trong thời gian của đợt khảo sát`,
    ),
  ];
}

/** The target sample of one unit: its own if the campaign names one, else the per-unit default. */
export function targetSampleOf(definition: CampaignDefinition, unitId: string): number {
  return definition.targetSample.byUnit.find((t) => t.unitId === unitId)?.target ?? definition.targetSample.perUnit;
}
