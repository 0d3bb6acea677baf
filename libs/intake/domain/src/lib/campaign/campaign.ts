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

/** What decide may ask of the rest of the service: read before deciding, so decide stays pure. */
export interface CampaignLookup {
  questionnaireExists(ref: QuestionnaireRef): boolean;
  /** Whether the directory has published anything about the unit. */
  unitKnown(unitId: string): boolean;
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
  d.scope.unitIds.forEach((unitId, i) => {
    if (!lookup.unitKnown(unitId)) found.push(unitNotInDirectory(`scope.unitIds.${i}`));
  });
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
    if (!lookup.unitKnown(d.scope.withinUnitId)) found.push(unitNotInDirectory('scope.withinUnitId'));
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
  d.targetSample.byUnit.forEach((t, i) => {
    if (!lookup.unitKnown(t.unitId)) found.push(unitNotInDirectory(`targetSample.byUnit.${i}.unitId`));
  });
  return found;
}

const unitNotInDirectory = (field: string) =>
  violation(field, 'unit-unknown', 'the directory has no such unit', 'danh mục đơn vị không có đơn vị này');

/** The target sample of one unit: its own if the campaign names one, else the per-unit default. */
export function targetSampleOf(definition: CampaignDefinition, unitId: string): number {
  return definition.targetSample.byUnit.find((t) => t.unitId === unitId)?.target ?? definition.targetSample.perUnit;
}
