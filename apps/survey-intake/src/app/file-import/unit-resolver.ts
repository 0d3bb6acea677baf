import { UnitTreeNode } from '@hailong/directory/history';
import { DirectoryView } from '@hailong/directory/view';
import { UnitOnServiceDate, UnitReference } from '@hailong/intake/domain';
import { EntityManager } from 'typeorm';

/** What the directory says of a row's unit on its service date, as checkSubmission needs it. */
export interface ResolvedUnit {
  /** Null when the row names a code no unit had on that date (the unit is then unknown, or not valid on that date). */
  readonly unitId: string | null;
  readonly unitKnown: boolean;
  readonly unit: UnitOnServiceDate | null;
}

interface UnitsOnDate {
  readonly byId: Map<string, UnitOnServiceDate>;
  readonly byCode: Map<string, UnitOnServiceDate>;
}

/** How many service dates' hierarchies one import keeps: a campaign's period, with room to spare. */
const MAX_DATES = 400;

/**
 * Resolves the units of one import's rows against intake's directory view: the whole hierarchy of a
 * service date is read once (one query) and kept for the import, so a file of 200,000 rows over a
 * two-month campaign reads about sixty trees instead of 200,000 units and their ancestors.
 */
export class UnitResolver {
  private readonly dates = new Map<string, UnitsOnDate>();
  private readonly known = new Map<string, boolean>();
  private codes: Set<string> | null = null;

  constructor(private readonly directory: DirectoryView) {}

  async resolve(manager: EntityManager, reference: UnitReference, date: string): Promise<ResolvedUnit> {
    const onDate = await this.unitsOn(manager, date);
    if (reference.kind === 'code') {
      const code = reference.code.toUpperCase();
      const unit = onDate.byCode.get(code) ?? null;
      if (unit) return { unitId: unit.unitId, unitKnown: true, unit };
      // A code some unit had on other dates: that unit did not exist on this one.
      this.codes ??= await this.directory.codesEverUsed(manager);
      return { unitId: null, unitKnown: this.codes.has(code), unit: null };
    }
    const unit = onDate.byId.get(reference.id) ?? null;
    if (unit) return { unitId: reference.id, unitKnown: true, unit };
    let known = this.known.get(reference.id);
    if (known === undefined) {
      known = await this.directory.isKnown(manager, reference.id);
      this.known.set(reference.id, known);
    }
    return { unitId: reference.id, unitKnown: known, unit: null };
  }

  private async unitsOn(manager: EntityManager, date: string): Promise<UnitsOnDate> {
    const cached = this.dates.get(date);
    if (cached) return cached;
    const byId = new Map<string, UnitOnServiceDate>();
    const byCode = new Map<string, UnitOnServiceDate>();
    const walk = (nodes: readonly UnitTreeNode[], ancestors: readonly string[]) => {
      for (const node of nodes) {
        const unit: UnitOnServiceDate = {
          unitId: node.unit.unitId,
          unitType: node.unit.unitType,
          code: node.unit.code,
          ancestorIds: ancestors,
        };
        byId.set(unit.unitId.toLowerCase(), unit);
        byCode.set(unit.code.toUpperCase(), unit);
        walk(node.children, [unit.unitId, ...ancestors]);
      }
    };
    walk(await this.directory.treeOn(manager, date), []);
    if (this.dates.size >= MAX_DATES) this.dates.delete(this.dates.keys().next().value as string);
    const units = { byId, byCode };
    this.dates.set(date, units);
    return units;
  }
}
