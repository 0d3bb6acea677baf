import { describe, expect, it } from 'vitest';
import { isDevice, proceduresFor, tabletStorage } from './tablet-setup';

describe('tablet set-up', () => {
  it('accepts only a UUID device id and a 43-character credential, and stores the id in lower case', () => {
    const credential = 'a'.repeat(43);
    expect(isDevice({ deviceId: 'not-a-uuid', credential })).toBe(false);
    expect(isDevice({ deviceId: '0E0C5A3B-7A11-4D0B-9E53-5B7E0A0F1C2D', credential: 'short' })).toBe(false);
    tabletStorage.saveDevice({ deviceId: ' 0E0C5A3B-7A11-4D0B-9E53-5B7E0A0F1C2D ', credential });
    expect(tabletStorage.device()).toEqual({ deviceId: '0e0c5a3b-7a11-4d0b-9e53-5b7e0a0f1c2d', credential });
    tabletStorage.forgetDevice();
    expect(tabletStorage.device()).toBeNull();
  });

  it('ignores a stored value it cannot read instead of failing the app', () => {
    localStorage.setItem('hailong.tablet.assignment', '{not json');
    expect(tabletStorage.assignment()).toBeNull();
    localStorage.setItem('hailong.tablet.assignment', JSON.stringify({ campaign: {}, unit: {} }));
    expect(tabletStorage.assignment()).toBeNull();
  });

  it('offers the procedures of the unit’s type, or all when none names it', () => {
    const procedures = [
      { id: 'id-card', vi: 'Cấp CCCD', en: 'ID card', unitTypes: ['commune-police'] },
      { id: 'passport', vi: 'Hộ chiếu', en: 'Passport', unitTypes: ['provincial-police'] },
    ];
    expect(proceduresFor(procedures, 'commune-police').map((p) => p.id)).toEqual(['id-card']);
    expect(proceduresFor(procedures, 'district-police').map((p) => p.id)).toEqual(['id-card', 'passport']);
  });
});
