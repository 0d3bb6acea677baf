import { describe, expect, it } from 'vitest';
import { en } from './en';
import { initialLanguage } from './i18n';
import { vi as vietnamese } from './vi';

function leaves(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k));
}

describe('translations', () => {
  it('has every Vietnamese key in English and no empty text in either', () => {
    const viKeys = leaves(vietnamese).map(([k]) => k);
    expect(leaves(en).map(([k]) => k)).toEqual(viKeys);
    for (const [key, text] of [...leaves(vietnamese), ...leaves(en)])
      expect({ key, empty: text.trim() === '' }).toEqual({ key, empty: false });
  });

  it('uses the same placeholders in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/{{(\w+)}}/g)].map((m) => m[1]).sort();
    const enByKey = new Map(leaves(en));
    for (const [key, text] of leaves(vietnamese))
      expect({ key, placeholders: placeholders(enByKey.get(key) ?? '') }).toEqual({ key, placeholders: placeholders(text) });
  });

  it('starts in Vietnamese unless English was chosen on this device', () => {
    expect(initialLanguage({ getItem: () => null })).toBe('vi');
    expect(initialLanguage({ getItem: () => 'en' })).toBe('en');
    expect(initialLanguage({ getItem: () => 'fr' })).toBe('vi');
  });
});
