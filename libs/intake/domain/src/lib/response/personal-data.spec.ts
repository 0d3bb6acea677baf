import { hasPersonalData, normalisePhone } from './personal-data';

describe('personal data', () => {
  it('normalises a Vietnamese mobile number however it was written', () => {
    for (const written of ['0912345678', '+84 912 345 678', '091.234.5678', '(+84) 91-234-5678', '84912345678']) {
      expect(normalisePhone(written)).toBe('+84912345678');
    }
  });

  it('refuses what is not a phone number', () => {
    expect(normalisePhone('12')).toBeNull();
    expect(normalisePhone('hello')).toBeNull();
  });

  it('knows when a response carries nothing personal', () => {
    expect(hasPersonalData({ contact: null, freeText: null, profile: {} })).toBe(false);
    expect(hasPersonalData({ contact: null, freeText: null, profile: { sex: 'female' } })).toBe(true);
  });
});
