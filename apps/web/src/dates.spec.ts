import { describe, expect, it } from 'vitest';
import { formatLocalDate, isLocalDate, todayInVietnam } from './dates';

describe('local dates', () => {
  it('accepts real calendar days only', () => {
    expect(isLocalDate('2022-05-01')).toBe(true);
    expect(isLocalDate('2024-02-29')).toBe(true);
    expect(isLocalDate('2023-02-29')).toBe(false);
    expect(isLocalDate('2022-13-01')).toBe(false);
    expect(isLocalDate('01/05/2022')).toBe(false);
    expect(isLocalDate(null)).toBe(false);
  });

  it('takes today in Vietnam: 17:30 UTC is already the next day in Asia/Ho_Chi_Minh (UTC+7)', () => {
    expect(todayInVietnam(new Date('2025-02-28T17:30:00Z'))).toBe('2025-03-01');
    expect(todayInVietnam(new Date('2025-02-28T16:59:00Z'))).toBe('2025-02-28');
  });

  it('writes day/month/year in Vietnamese and the month by name in English, whatever the machine’s time zone', () => {
    expect(formatLocalDate('2022-05-01', 'vi')).toBe('01/05/2022');
    expect(formatLocalDate('2022-05-01', 'en')).toBe('1 May 2022');
  });
});
