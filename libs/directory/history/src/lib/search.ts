/**
 * Folds Vietnamese text for searching: lower case, tone marks and other diacritics removed, "đ" as
 * "d", spaces collapsed. So "vinh yen" finds "Vĩnh Yên" and "dong da" finds "Đống Đa".
 */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * Whether every word of the query starts a word of the name, diacritics and case aside: "vinh yen"
 * finds "Vĩnh Yên" but not "huyện Vĩnh Tường" (whose "huyen" only ends in "yen").
 */
export function nameMatches(query: string, name: string): boolean {
  const nameWords = foldForSearch(name).split(/[\s,.;:()/-]+/).filter(Boolean);
  const queryWords = foldForSearch(query).split(' ').filter(Boolean);
  return queryWords.length > 0 && queryWords.every((word) => nameWords.some((nameWord) => nameWord.startsWith(word)));
}
