import { DirectoryRuleViolation } from './rule-violation';
import {
  noChange,
  requireDate,
  requireNoCycle,
  requireParent,
  requireUnit,
} from './rules';
import { DirectoryLookup } from './unit';
import {
  CORRECTABLE_EVENT_FIELDS,
  CorrectableEventType,
  CorrectableField,
  lastChangedOn,
  overlaps,
  UnitCorrections,
  UnitEventCorrected,
  UnitState,
} from '@hailong/directory/history';

/**
 * Corrects a mistaken event (a wrong name, type, code or parent) with a compensating one. The write
 * side checks that `correctedEventId` is in the unit's stream and passes that event's type and date.
 * Allowed on a closed unit too: it fixes the record of its past, it does not change the unit after it closed.
 */
export interface CorrectUnitEvent {
  readonly type: 'CorrectUnitEvent';
  readonly unitId: string;
  readonly correctedEventId: string;
  readonly correctedEventType: string;
  /** The date the mistaken event took effect. */
  readonly effectiveDate: string;
  readonly corrections: UnitCorrections;
  readonly reason: string;
}

export function decideCorrectUnitEvent(
  command: CorrectUnitEvent,
  state: UnitState | null,
  lookup: DirectoryLookup,
): UnitEventCorrected[] {
  requireDate(command.effectiveDate);
  const unit = requireUnit(state, command.unitId);
  const eventType = requireCorrectable(command.correctedEventType);
  const fields = Object.keys(command.corrections) as CorrectableField[];
  if (fields.length === 0) {
    throw new DirectoryRuleViolation(
      'corrections',
      'correction-empty',
      'name at least one corrected field',
      'cần nêu ít nhất một trường được đính chính',
    );
  }
  if (!command.reason.trim()) {
    throw new DirectoryRuleViolation(
      'reason',
      'reason-required',
      'say why the event is corrected',
      'cần nêu lý do đính chính',
    );
  }
  const allowed: readonly CorrectableField[] =
    CORRECTABLE_EVENT_FIELDS[eventType];
  const foreign = fields.find((f) => !allowed.includes(f));
  if (foreign) {
    throw new DirectoryRuleViolation(
      `corrections.${foreign}`,
      'correction-field',
      `a ${eventType} event does not carry ${foreign}`,
      `sự kiện ${eventType} không chứa trường ${foreign}`,
    );
  }
  const date = command.effectiveDate;
  const registeredOn =
    eventType === 'UnitRegistered'
      ? date === unit.validFrom
      : unit.validFrom <= date;
  if (!registeredOn || date > lastChangedOn(unit)) {
    throw new DirectoryRuleViolation(
      'effectiveDate',
      'correction-date',
      `no ${eventType} of unit ${unit.unitId} can have taken effect on ${date}`,
      `đơn vị ${unit.unitId} không có sự kiện ${eventType} nào có hiệu lực vào ngày ${date}`,
    );
  }
  for (const field of fields) {
    // A later event set this field again; correcting the earlier one would overwrite the later value.
    const setOn = unit.fieldsChangedOn?.[field] ?? unit.validFrom;
    if (setOn > date) {
      throw new DirectoryRuleViolation(
        `corrections.${field}`,
        'correction-superseded',
        `${field} was changed again on ${setOn}; correct that event instead`,
        `trường ${field} đã được thay đổi lại vào ngày ${setOn}; hãy đính chính sự kiện đó`,
      );
    }
  }
  const c = command.corrections;
  if (fields.every((f) => c[f] === unit[f]))
    throw noChange('corrections', 'values', 'các giá trị');
  for (const field of ['nameVi', 'nameEn'] as const) {
    if (c[field] !== undefined && !c[field].trim()) {
      throw new DirectoryRuleViolation(
        `corrections.${field}`,
        'name-required',
        'a name cannot be empty',
        'tên không được để trống',
      );
    }
  }
  if (c.code !== undefined && c.code !== unit.code) {
    const clash = lookup
      .unitsWithCodeDuring(c.code, unit.validFrom, unit.validTo)
      .find(
        (u) =>
          u.unitId !== unit.unitId && overlaps(u, unit.validFrom, unit.validTo),
      );
    if (clash) {
      throw new DirectoryRuleViolation(
        'corrections.code',
        'code-in-use',
        `code ${c.code} is held by unit ${clash.unitId} while this unit is valid`,
        `mã ${c.code} đang được đơn vị khác sử dụng trong thời gian đơn vị này có hiệu lực`,
      );
    }
  }
  if (c.parentId !== undefined || c.unitType !== undefined) {
    const parentId = c.parentId !== undefined ? c.parentId : unit.parentId;
    const field =
      c.parentId !== undefined
        ? 'corrections.parentId'
        : 'corrections.unitType';
    requireNoCycle(lookup, unit.unitId, parentId, date, field);
    requireParent(lookup, parentId, c.unitType ?? unit.unitType, date, field);
  }
  return [
    {
      type: 'UnitEventCorrected',
      data: {
        unitId: unit.unitId,
        correctedEventId: command.correctedEventId,
        correctedEventType: eventType,
        effectiveDate: date,
        corrections: command.corrections,
        reason: command.reason,
      },
    },
  ];
}

function requireCorrectable(type: string): CorrectableEventType {
  if (!Object.prototype.hasOwnProperty.call(CORRECTABLE_EVENT_FIELDS, type)) {
    throw new DirectoryRuleViolation(
      'correctedEventType',
      'correction-not-supported',
      `a ${type} event cannot be corrected; only ${Object.keys(CORRECTABLE_EVENT_FIELDS).join(', ')}`,
      `không thể đính chính sự kiện ${type}`,
    );
  }
  return type as CorrectableEventType;
}
