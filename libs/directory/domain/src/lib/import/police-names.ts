export type AdminLevel = 'province' | 'district' | 'commune';

/**
 * Kinds of administrative unit, by the word that opens their full name ("Phường Tích Sơn"), the slug
 * the GSO lists use for them, and the English word a police unit named after one carries.
 */
export interface AdminKind {
  readonly prefix: string;
  readonly slug: string;
  readonly levels: readonly AdminLevel[];
  readonly en: string;
}

export const ADMIN_KINDS: readonly AdminKind[] = [
  { prefix: 'Tỉnh', slug: 'tinh', levels: ['province'], en: 'Provincial' },
  {
    prefix: 'Thành phố',
    slug: 'thanh-pho',
    levels: ['province', 'district'],
    en: 'City',
  },
  { prefix: 'Quận', slug: 'quan', levels: ['district'], en: 'District' },
  { prefix: 'Huyện', slug: 'huyen', levels: ['district'], en: 'District' },
  { prefix: 'Thị xã', slug: 'thi-xa', levels: ['district'], en: 'Town' },
  { prefix: 'Phường', slug: 'phuong', levels: ['commune'], en: 'Ward' },
  { prefix: 'Xã', slug: 'xa', levels: ['commune'], en: 'Commune' },
  {
    prefix: 'Thị trấn',
    slug: 'thi-tran',
    levels: ['commune'],
    en: 'Township',
  },
];

/** The kind an administrative unit's full name starts with, and the proper name after it. */
export function splitAdminName(nameWithType: string): { kind: AdminKind; properName: string } | null {
  // The GSO lists are not consistent in case ("Thị Trấn Thổ Tang" next to "Thị trấn Hợp Hòa").
  const lower = nameWithType.toLowerCase();
  for (const kind of ADMIN_KINDS) {
    if (!lower.startsWith(`${kind.prefix.toLowerCase()} `)) continue;
    const properName = nameWithType.slice(kind.prefix.length + 1).trim();
    if (properName) return { kind, properName };
  }
  return null;
}

export interface PoliceNames {
  readonly nameVi: string;
  readonly nameEn: string;
}

/**
 * The police unit named after an administrative unit: "Phường Tích Sơn" → "Công an phường Tích Sơn" /
 * "Tich Son Ward Police"; "Tỉnh Vĩnh Phúc" → "Công an tỉnh Vĩnh Phúc" / "Vinh Phuc Provincial Police".
 * Null when the name does not start with a known kind.
 */
export function policeNamesOf(nameWithType: string): PoliceNames | null {
  const split = splitAdminName(nameWithType);
  if (!split) return null;
  return {
    nameVi: `Công an ${split.kind.prefix.toLowerCase()} ${split.properName}`,
    nameEn: `${withoutDiacritics(split.properName)} ${split.kind.en} Police`,
  };
}

/** Vietnamese letters without their marks, as English text writes place names ("Đống Đa" → "Dong Da"). */
export function withoutDiacritics(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFC');
}

/** The provincial divisions that handle administrative procedures (the four of the 2022 programme). */
export const PROVINCIAL_DIVISIONS = [
  {
    code: 'PA08',
    nameVi: 'Phòng Quản lý xuất nhập cảnh',
    nameEn: 'Immigration Management Division',
  },
  {
    code: 'PC06',
    nameVi: 'Phòng Cảnh sát quản lý hành chính về trật tự xã hội',
    nameEn: 'Administrative Police Division for Social Order',
  },
  {
    code: 'PC07',
    nameVi: 'Phòng Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ',
    nameEn: 'Fire Prevention, Fighting and Rescue Police Division',
  },
  {
    code: 'PC08',
    nameVi: 'Phòng Cảnh sát giao thông',
    nameEn: 'Traffic Police Division',
  },
] as const;

/** A division's unit code is its province's code and its own: '26-PA08'. */
export function divisionUnitCode(provinceCode: string, divisionCode: string): string {
  return `${provinceCode}-${divisionCode}`;
}
