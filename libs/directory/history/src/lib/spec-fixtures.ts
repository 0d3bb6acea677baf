import { UnitType } from '@hailong/contracts';
import { UnitRegisteredEvent } from './events';

// Units of a small Vĩnh Phúc shared by the specifications.

export const PROVINCE = 'a0000000-0000-4000-8000-000000000001';
export const DIVISION = 'a0000000-0000-4000-8000-000000000002';
export const DISTRICT_A = 'a0000000-0000-4000-8000-000000000003';
export const DISTRICT_B = 'a0000000-0000-4000-8000-000000000004';
export const COMMUNE_1 = 'a0000000-0000-4000-8000-000000000005';
export const COMMUNE_2 = 'a0000000-0000-4000-8000-000000000006';
export const COMMUNE_3 = 'a0000000-0000-4000-8000-000000000007';
export const NEW_COMMUNE = 'a0000000-0000-4000-8000-000000000008';
export const NEW_COMMUNE_2 = 'a0000000-0000-4000-8000-000000000009';
export const NEW_PROVINCE = 'a0000000-0000-4000-8000-00000000000a';
export const NOBODY = 'a0000000-0000-4000-8000-0000000000ff';

export function registered(
  unitId: string,
  code: string,
  unitType: UnitType,
  parentId: string | null,
  validFrom = '2020-01-01',
  nameVi = `Công an ${code}`,
): UnitRegisteredEvent {
  return {
    type: 'UnitRegistered',
    data: {
      unitId,
      code,
      unitType,
      nameVi,
      nameEn: `Police ${code}`,
      parentId,
      areaCode: code,
      validFrom,
    },
  };
}

export const province = registered(PROVINCE, '26', 'provincial-police', null, '2020-01-01', 'Công an tỉnh Vĩnh Phúc');
export const division = registered(DIVISION, 'PA08', 'provincial-division', PROVINCE);
export const districtA = registered(DISTRICT_A, '243', 'district-police', PROVINCE, '2020-01-01', 'Công an thành phố Vĩnh Yên');
export const districtB = registered(DISTRICT_B, '244', 'district-police', PROVINCE);
export const commune1 = registered(COMMUNE_1, '08740', 'commune-police', DISTRICT_A, '2020-01-01', 'Công an phường Trưng Nhị');
export const commune2 = registered(COMMUNE_2, '08743', 'commune-police', DISTRICT_A);
export const commune3 = registered(COMMUNE_3, '08800', 'commune-police', DISTRICT_B);

/** A province with one division, two districts and three communes, all valid from 2020-01-01. */
export const vinhPhuc = [province, division, districtA, districtB, commune1, commune2, commune3];
