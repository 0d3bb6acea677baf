import { policeNamesOf, withoutDiacritics } from './police-names';

describe('police unit names', () => {
  it.each([
    ['Tỉnh Vĩnh Phúc', 'Công an tỉnh Vĩnh Phúc', 'Vinh Phuc Provincial Police'],
    ['Thành phố Vĩnh Yên', 'Công an thành phố Vĩnh Yên', 'Vinh Yen City Police'],
    ['Huyện Tam Dương', 'Công an huyện Tam Dương', 'Tam Duong District Police'],
    ['Thị xã Phúc Yên', 'Công an thị xã Phúc Yên', 'Phuc Yen Town Police'],
    ['Phường Tích Sơn', 'Công an phường Tích Sơn', 'Tich Son Ward Police'],
    ['Xã Đạo Trù', 'Công an xã Đạo Trù', 'Dao Tru Commune Police'],
    ['Thị trấn Hợp Hòa', 'Công an thị trấn Hợp Hòa', 'Hop Hoa Township Police'],
  ])('names the police of %s "%s" / "%s"', (admin, nameVi, nameEn) => {
    expect(policeNamesOf(admin)).toEqual({ nameVi, nameEn });
  });

  it('reads the kind whatever its case, as the GSO list writes "Thị Trấn Thổ Tang"', () => {
    expect(policeNamesOf('Thị Trấn Thổ Tang')).toEqual({
      nameVi: 'Công an thị trấn Thổ Tang',
      nameEn: 'Tho Tang Township Police',
    });
  });

  it('gives no name for a unit whose kind it does not know, or a kind with no name after it', () => {
    expect(policeNamesOf('Làng Tích Sơn')).toBeNull();
    expect(policeNamesOf('Phường')).toBeNull();
    expect(policeNamesOf('Phường ')).toBeNull();
  });

  it('writes đ as d and drops every other mark, composed or not', () => {
    expect(withoutDiacritics('Đống Đa')).toBe('Dong Da');
    expect(withoutDiacritics('Liễn Sơn'.normalize('NFD'))).toBe('Lien Son');
  });
});
