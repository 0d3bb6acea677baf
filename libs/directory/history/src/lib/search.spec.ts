import { foldForSearch, nameMatches } from './search';

describe('searching Vietnamese names', () => {
  it('finds "Vĩnh Yên" from "vinh yen" typed without diacritics', () => {
    expect(nameMatches('vinh yen', 'Công an thành phố Vĩnh Yên')).toBe(true);
  });

  it('matches "d" against "đ" and "Đ"', () => {
    expect(nameMatches('dong da', 'Công an phường Đống Đa')).toBe(true);
    expect(foldForSearch('Đình Chu')).toBe('dinh chu');
  });

  it('still matches when the query keeps its diacritics, in either Unicode form', () => {
    expect(nameMatches('Vĩnh Yên', 'Công an thành phố Vĩnh Yên')).toBe(true);
    expect(nameMatches('Vĩnh Yên'.normalize('NFD'), 'Công an thành phố Vĩnh Yên')).toBe(true);
  });

  it('matches words from their start, so "vinh yen" does not find "huyện Vĩnh Tường"', () => {
    expect(nameMatches('vinh yen', 'Công an huyện Vĩnh Tường')).toBe(false);
    expect(nameMatches('vinh tu', 'Công an huyện Vĩnh Tường')).toBe(true);
  });

  it('needs every word of the query, in any order', () => {
    expect(nameMatches('yen vinh', 'Vĩnh Yên')).toBe(true);
    expect(nameMatches('vinh tuong', 'Vĩnh Yên')).toBe(false);
  });

  it('matches nothing for an empty or blank query', () => {
    expect(nameMatches('  ', 'Vĩnh Yên')).toBe(false);
  });
});
