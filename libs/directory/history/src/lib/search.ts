/**
 * Folds Vietnamese text for searching: lower case, tone marks and other diacritics removed, "đ" as
 * "d", spaces collapsed. So "vinh yen" finds "Vĩnh Yên" and "dong da" finds "Đống Đa".
 */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Whether every word of the query occurs in the name, diacritics and case aside. */
export function nameMatches(query: string, name: string): boolean {
  const folded = foldForSearch(name);
  const words = foldForSearch(query).split(' ').filter(Boolean);
  return words.length > 0 && words.every((word) => folded.includes(word));
}
