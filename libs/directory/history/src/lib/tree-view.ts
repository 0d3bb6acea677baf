import { UnitTreeNode } from './queries';

/** A node of the hierarchy as the services show it: the unit's identity and names, and its children. */
export interface TreeNodeView {
  readonly unitId: string;
  readonly code: string;
  readonly unitType: string;
  readonly nameVi: string;
  readonly nameEn: string;
  readonly areaCode: string | null;
  readonly children: readonly TreeNodeView[];
}

/** One shape for the directory's tree and every consumer's copy, so they can be compared as they are. */
export function toTreeView({ unit, children }: UnitTreeNode): TreeNodeView {
  const { unitId, code, unitType, nameVi, nameEn, areaCode } = unit;
  return { unitId, code, unitType, nameVi, nameEn, areaCode, children: children.map(toTreeView) };
}
