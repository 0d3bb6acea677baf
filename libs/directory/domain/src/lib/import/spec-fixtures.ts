import { stateOn, UnitHistory } from '@hailong/directory/history';
import { planAdminUnitsImport } from './admin-units';
import { applyPlan } from './apply-plan';

// Small inputs shared by the import specifications (the real files are used in reference-files.spec.ts).

/**
 * Ids that count up from 1, so that a specification can name the units a plan registers; give the plan
 * another `prefix` than the directory it is planned against, or the ids collide.
 */
export function sequentialIds(prefix = 'c'): () => string {
  let next = 0;
  return () => idNumber(++next, prefix);
}

export function idNumber(n: number, prefix = 'c'): string {
  return `${prefix}0000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

/** Part of Vĩnh Phúc in 2023: the province, two cities and five of their communes. */
export const SMALL_ADMIN_CSV = `code,name,name_with_type,level,type,parent_code
26,Vĩnh Phúc,Tỉnh Vĩnh Phúc,province,tinh,
243,Vĩnh Yên,Thành phố Vĩnh Yên,district,thanh-pho,26
08707,Tích Sơn,Phường Tích Sơn,commune,phuong,243
08725,Định Trung,Xã Định Trung,commune,xa,243
244,Phúc Yên,Thành phố Phúc Yên,district,thanh-pho,26
08734,Trưng Trắc,Phường Trưng Trắc,commune,phuong,244
08740,Trưng Nhị,Phường Trưng Nhị,commune,phuong,244
08749,Ngọc Thanh,Xã Ngọc Thanh,commune,xa,244
`;

/** The directory after importing SMALL_ADMIN_CSV from 2020-01-01. */
export function smallDirectory(newId = sequentialIds(), csv = SMALL_ADMIN_CSV): UnitHistory[] {
  const plan = planAdminUnitsImport([], csv, { validFrom: '2020-01-01' }, newId);
  return applyPlan([], plan.commands).histories;
}

/** The id of the unit holding `code` on `date` (specifications name units by code, as imports do). */
export function idOf(histories: readonly UnitHistory[], code: string, date = '2020-01-01'): string {
  const unit = histories.map((h) => stateOn(h, date)).find((u) => u?.code === code);
  if (!unit) throw new Error(`no unit holds ${code} on ${date}`);
  return unit.unitId;
}
