import type { QuestionnaireContent } from '@hailong/contracts';
import type { TreeNode } from '../api/directory';
import type { Campaign } from './intake-api';

export interface UnitChoice {
  readonly unitId: string;
  readonly code: string;
  readonly unitType: string;
  readonly name: string;
  /** The unit above it, to group the choices (a district's communes together). */
  readonly parentName: string | null;
}

/**
 * The units a campaign's form may name on a day: those it lists, and those of its unit types (below its
 * `withinUnitId` when it has one), in the tree of that day.
 */
export function unitsInScope(roots: readonly TreeNode[], scope: Campaign['scope'], language: string): UnitChoice[] {
  const name = (n: TreeNode) => (language === 'en' ? n.nameEn : n.nameVi);
  const found: UnitChoice[] = [];
  const visit = (node: TreeNode, parent: TreeNode | null, inside: boolean) => {
    const within = inside || scope.withinUnitId === null || node.unitId === scope.withinUnitId;
    const typed = within && (scope.unitTypes as readonly string[]).includes(node.unitType);
    if (typed || scope.unitIds.includes(node.unitId))
      found.push({
        unitId: node.unitId,
        code: node.code,
        unitType: node.unitType,
        name: name(node),
        parentName: parent ? name(parent) : null,
      });
    for (const child of node.children) visit(child, node, within);
  };
  for (const root of roots) visit(root, null, false);
  return found;
}

/** Procedures the questionnaire lets a unit handle: by its type, or by its code for provincial divisions (PC06 …). */
export function proceduresFor(content: QuestionnaireContent, unit: Pick<UnitChoice, 'unitType' | 'code'>, language: string) {
  return content.procedures
    .filter((p) => p.unitTypes.includes(unit.unitType) || p.unitTypes.includes(unit.code))
    .map((p) => ({ id: p.id, name: language === 'en' ? p.en : p.vi }));
}

/** A sensible service date for a new form: today, or the campaign's nearest day when today is outside it. */
export function defaultServiceDate(period: { from: string; to: string }, today: string): string {
  if (today < period.from) return period.from;
  if (today > period.to) return period.to;
  return today;
}
