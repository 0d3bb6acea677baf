import { UnitState } from '@hailong/directory/history';
import { DirectorySnapshot } from './directory-snapshot';
import { parseRespondentGroupKey } from './scoring-projection';

export const BREAKDOWN_DIMENSIONS = ['none', 'unit', 'unitType', 'channel', 'procedure', 'period', 'respondentGroup'] as const;
export type BreakdownDimension = (typeof BREAKDOWN_DIMENSIONS)[number];
export const PERIOD_SIZES = ['day', 'week', 'month', 'campaign'] as const;
export type PeriodSize = (typeof PERIOD_SIZES)[number];
export const STRUCTURES = ['as-it-was', 'rolled-up'] as const;
export type Structure = (typeof STRUCTURES)[number];

/**
 * One breakdown of a campaign's figures.
 * - `structure` 'as-it-was': a response counts under its unit, and that unit's parents, as they were on
 *   its service date. 'rolled-up': under whoever carries on the unit's work on `on` (the unit itself while
 *   valid, else its successors through merges, splits and dissolutions), in the hierarchy of `on`.
 * - `under`: only responses within that unit's subtree count; with `by: 'unit'` the groups are its
 *   children (and the unit itself for responses at it directly): the drill-down from province to commune.
 */
export interface BreakdownSpec {
  readonly by: BreakdownDimension;
  readonly structure: Structure;
  /** The structure date (rolled-up), YYYY-MM-DD. */
  readonly on: string;
  readonly under: string | null;
  readonly period: PeriodSize;
  /** Profile field of `by: 'respondentGroup'`, e.g. respondentType. */
  readonly respondentField: string | null;
}

/** The dimensions a breakdown reads from the cells. Only those it needs, so SQL sums over the rest. */
export interface CellDimensions {
  readonly unit: boolean;
  readonly day: boolean;
  readonly channel: boolean;
  readonly procedure: boolean;
  readonly respondentGroup: boolean;
}

export interface Cell {
  readonly unitId?: string;
  readonly serviceDay?: string;
  readonly channel?: string;
  readonly procedureId?: string;
  readonly respondentGroup?: string;
}

export function dimensionsOf(spec: BreakdownSpec): CellDimensions {
  const unit = spec.by === 'unit' || spec.by === 'unitType' || spec.under !== null;
  return {
    unit,
    // As it was, a unit's parent and type are those of the service date; rolled up, those of `on`.
    day: spec.by === 'period' || (unit && spec.structure === 'as-it-was' && (spec.by === 'unitType' || spec.under !== null)),
    channel: spec.by === 'channel',
    procedure: spec.by === 'procedure',
    respondentGroup: spec.by === 'respondentGroup',
  };
}

/** Monday-based ISO 8601 week of a local date: "2022-W14". */
export function isoWeekOf(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  const weekday = (date.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  date.setUTCDate(date.getUTCDate() - weekday + 3); // the week's Thursday decides its year
  const year = date.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  firstThursday.setUTCDate(firstThursday.getUTCDate() - ((firstThursday.getUTCDay() + 6) % 7) + 3);
  const week = 1 + Math.round((date.getTime() - firstThursday.getTime()) / (7 * 86400000));
  return `${year}-W${String(week).padStart(2, '0')}`;
}

export function periodKeyOf(day: string, size: PeriodSize): string {
  switch (size) {
    case 'day':
      return day;
    case 'week':
      return isoWeekOf(day);
    case 'month':
      return day.slice(0, 7);
    case 'campaign':
      return 'campaign';
  }
}

/** Where a cell's unit stands in the chosen structure. */
type Placement =
  | { readonly kind: 'unit'; readonly unitId: string; readonly path: readonly string[] }
  | { readonly kind: 'shared'; readonly unitIds: readonly string[]; readonly paths: readonly (readonly string[])[] }
  | { readonly kind: 'unknown'; readonly fromUnitId: string; readonly anchorPath: readonly string[] };

/**
 * Puts cells into groups. Pure: the same cells, spec and directory give the same groups; every cell
 * lands in at most one group, so group totals add up to the total of the cells kept.
 */
export class BreakdownGrouping {
  private readonly placements = new Map<string, Placement>();

  constructor(
    private readonly spec: BreakdownSpec,
    private readonly directory: DirectorySnapshot,
  ) {}

  /** The group a cell belongs to, or null when it falls outside `under`. */
  groupOf(cell: Cell): string | null {
    const { spec } = this;
    const placement = cell.unitId !== undefined ? this.placementOf(cell.unitId, cell.serviceDay) : null;
    if (spec.under !== null && (!placement || !this.isWithin(placement, spec.under))) return null;
    switch (spec.by) {
      case 'none':
        return 'campaign';
      case 'unit':
        return this.unitGroup(placement as Placement);
      case 'unitType':
        return `unitType:${this.unitTypeOf(placement as Placement, cell.serviceDay)}`;
      case 'channel':
        return `channel:${cell.channel}`;
      case 'procedure':
        return `procedure:${cell.procedureId === '' ? 'unspecified' : cell.procedureId}`;
      case 'period':
        return `period:${periodKeyOf(cell.serviceDay as string, spec.period)}`;
      case 'respondentGroup': {
        const field = spec.respondentField ?? '';
        const option = parseRespondentGroupKey(cell.respondentGroup ?? '')[field];
        return `group:${field}=${option ?? 'unspecified'}`;
      }
    }
  }

  private placementOf(unitId: string, serviceDay: string | undefined): Placement {
    const key = `${unitId}@${serviceDay ?? ''}`;
    let placement = this.placements.get(key);
    if (placement) return placement;
    const { directory, spec } = this;
    if (spec.structure === 'as-it-was') {
      placement = { kind: 'unit', unitId, path: serviceDay ? directory.pathOn(unitId, serviceDay) : [unitId] };
    } else {
      const successors = directory.successorsOn(unitId, spec.on);
      if ('unknown' in successors) {
        placement = { kind: 'unknown', fromUnitId: unitId, anchorPath: this.anchorOf(unitId) };
      } else if (successors.resolved.length === 1) {
        const [id] = successors.resolved;
        placement = { kind: 'unit', unitId: id, path: directory.pathOn(id, spec.on) };
      } else {
        placement = { kind: 'shared', unitIds: successors.resolved, paths: successors.resolved.map((id) => directory.pathOn(id, spec.on)) };
      }
    }
    this.placements.set(key, placement);
    return placement;
  }

  /**
   * Where, on `on`, the area of a unit whose successor is unknown lies: its last parent, rolled up. So a
   * drill-down into today's province still shows a former commune of it whose successor nobody knows.
   */
  private anchorOf(unitId: string): string[] {
    const { directory, spec } = this;
    const last = directory.latest(unitId);
    if (!last?.parentId) return [];
    const lastDay = last.validTo ? previousDay(last.validTo) : spec.on;
    const parent = directory.recordedOn(unitId, lastDay)?.parentId ?? last.parentId;
    const successors = directory.successorsOn(parent, spec.on);
    return 'resolved' in successors && successors.resolved.length === 1 ? directory.pathOn(successors.resolved[0], spec.on) : [];
  }

  private isWithin(placement: Placement, under: string): boolean {
    switch (placement.kind) {
      case 'unit':
        return placement.path.includes(under);
      case 'shared':
        return placement.paths.some((p) => p.includes(under));
      case 'unknown':
        return placement.anchorPath.includes(under);
    }
  }

  private unitGroup(placement: Placement): string {
    const under = this.spec.under;
    const childOf = (path: readonly string[]): string | null => {
      if (under === null) return path[0] ?? null;
      const at = path.indexOf(under);
      return at < 0 ? null : at === 0 ? under : path[at - 1];
    };
    switch (placement.kind) {
      case 'unit':
        return `unit:${under === null ? placement.unitId : childOf(placement.path)}`;
      case 'shared': {
        const children = new Set(placement.paths.map(childOf));
        const [only] = children;
        if (under !== null && children.size === 1 && only) return `unit:${only}`;
        return `shared:${[...placement.unitIds].sort().join('+')}`;
      }
      case 'unknown':
        return `unknown:${placement.fromUnitId}`;
    }
  }

  private unitTypeOf(placement: Placement, serviceDay: string | undefined): string {
    const { directory, spec } = this;
    const typeOn = (unitId: string, date: string) => directory.unitOn(unitId, date)?.unitType ?? 'unknown';
    switch (placement.kind) {
      case 'unit':
        return spec.structure === 'as-it-was' ? typeOn(placement.unitId, serviceDay as string) : typeOn(placement.unitId, spec.on);
      case 'shared': {
        const types = new Set(placement.unitIds.map((id) => typeOn(id, spec.on)));
        return types.size === 1 ? [...types][0] : 'mixed';
      }
      case 'unknown':
        return 'unknown';
    }
  }
}

function previousDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

/** A unit as a breakdown names it. */
export interface UnitLabel {
  readonly unitId: string;
  readonly code: string;
  readonly unitType: string;
  readonly nameVi: string;
  readonly nameEn: string;
  readonly validFrom: string;
  readonly validTo: string | null;
}

export const unitLabel = (state: UnitState): UnitLabel => ({
  unitId: state.unitId,
  code: state.code,
  unitType: state.unitType,
  nameVi: state.nameVi,
  nameEn: state.nameEn,
  validFrom: state.validFrom,
  validTo: state.validTo,
});

/** Names of unit types and channels in both languages (Vietnamese first, as people read them). */
const UNIT_TYPE_LABELS: Readonly<Record<string, [string, string]>> = {
  'provincial-police': ['Công an tỉnh', 'Provincial police'],
  'provincial-division': ['Phòng nghiệp vụ Công an tỉnh', 'Provincial division'],
  'district-police': ['Công an cấp huyện', 'District police'],
  'commune-police': ['Công an cấp xã', 'Commune police'],
  unknown: ['Không rõ đơn vị kế thừa', 'Successor unknown'],
  mixed: ['Chia cho nhiều loại đơn vị', 'Shared by units of several types'],
};
const CHANNEL_LABELS: Readonly<Record<string, [string, string]>> = {
  paper: ['Phiếu điều tra xã hội học', 'Paper survey'],
  portal: ['Cổng dịch vụ công trực tuyến', 'Online public service portal'],
  tablet: ['Tổ công tác (máy tính bảng)', 'Working group (tablet)'],
  counter: ['Tại quầy (mã QR)', 'At the counter (QR code)'],
};

export interface GroupDescription {
  readonly key: string;
  readonly labelVi: string;
  readonly labelEn: string;
  /** The unit(s) of a unit group; for `unknown:` the unit whose successor is unknown. */
  readonly units: readonly UnitLabel[];
  readonly successorUnknown: boolean;
}

/**
 * Names a group. Units are named as they were on `labelDate` (the structure date when rolled up, the
 * campaign's last day as it was), or as last recorded when they did not exist then.
 */
export function describeGroup(key: string, directory: DirectorySnapshot, labelDate: string): GroupDescription {
  const colon = key.indexOf(':');
  const kind = colon < 0 ? key : key.slice(0, colon);
  const value = colon < 0 ? '' : key.slice(colon + 1);
  const unitOf = (id: string): UnitLabel | null => {
    const state = directory.recordedOn(id, labelDate) ?? directory.latest(id);
    return state ? unitLabel(state) : null;
  };
  const plain = (vi: string, en: string): GroupDescription => ({ key, labelVi: vi, labelEn: en, units: [], successorUnknown: false });
  switch (kind) {
    case 'campaign':
      return plain('Toàn chiến dịch', 'Whole campaign');
    case 'unit': {
      const unit = unitOf(value);
      return { key, labelVi: unit?.nameVi ?? value, labelEn: unit?.nameEn ?? value, units: unit ? [unit] : [], successorUnknown: false };
    }
    case 'shared': {
      const units = value
        .split('+')
        .map(unitOf)
        .filter((u): u is UnitLabel => u !== null);
      return {
        key,
        labelVi: `Chia cho: ${units.map((u) => u.nameVi).join(', ')}`,
        labelEn: `Shared by: ${units.map((u) => u.nameEn).join(', ')}`,
        units,
        successorUnknown: false,
      };
    }
    case 'unknown': {
      const unit = unitOf(value);
      return {
        key,
        labelVi: `${unit?.nameVi ?? value} (không rõ đơn vị kế thừa)`,
        labelEn: `${unit?.nameEn ?? value} (successor unknown)`,
        units: unit ? [unit] : [],
        successorUnknown: true,
      };
    }
    case 'unitType':
      return plain(...(UNIT_TYPE_LABELS[value] ?? [value, value]));
    case 'period':
      return plain(value, value);
    case 'channel':
      return plain(...(CHANNEL_LABELS[value] ?? [value, value]));
    case 'procedure':
      return plain(value === 'unspecified' ? 'Không ghi' : value, value === 'unspecified' ? 'Not stated' : value);
    case 'group':
      return plain(value, value);
    default:
      return plain(key, key);
  }
}
