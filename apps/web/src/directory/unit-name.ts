/** A unit's name in the reader's language; the directory records both (lineage answers carry only nameVi). */
export function unitName(unit: { nameVi: string; nameEn?: string }, language: string): string {
  return language === 'en' && unit.nameEn ? unit.nameEn : unit.nameVi;
}
