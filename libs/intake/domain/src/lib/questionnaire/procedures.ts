import { QuestionnaireContent } from '@hailong/contracts';

/** What the catalogue needs to know of a unit on the service date. */
export interface UnitKind {
  readonly unitType: string;
  readonly code: string;
}

type Procedure = QuestionnaireContent['procedures'][number];

/**
 * The catalogue names unit types ('commune-police') and, for provincial divisions, their division
 * code ('PA08'); the directory codes a division with its province in front ('26-PA08', '25-PA08').
 */
export function procedureAppliesTo(procedure: Procedure, unit: UnitKind): boolean {
  if (procedure.unitTypes.includes(unit.unitType)) return true;
  if (unit.unitType !== 'provincial-division') return false;
  const divisionCode = unit.code.split('-').pop() ?? unit.code;
  return procedure.unitTypes.includes(divisionCode);
}

/** The procedures of the catalogue a unit handles. */
export function proceduresFor(content: QuestionnaireContent, unit: UnitKind): Procedure[] {
  return content.procedures.filter((p) => procedureAppliesTo(p, unit));
}
