/** Local dates (YYYY-MM-DD) are days in Asia/Ho_Chi_Minh, as everywhere in the platform. */
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLocalDate(value: string | null | undefined): value is string {
  const match = value ? LOCAL_DATE.exec(value) : null;
  if (!match) return false;
  const [, y, m, d] = match.map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export function todayInVietnam(now: Date = new Date()): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

const locales: Record<string, string> = { vi: 'vi-VN', en: 'en-GB' };

/** "01/05/2022" in Vietnamese, "1 May 2022" in English. */
export function formatLocalDate(date: string, language: string): string {
  if (!isLocalDate(date)) return date;
  const [y, m, d] = date.split('-').map(Number);
  const options: Intl.DateTimeFormatOptions =
    language === 'vi' ? { day: '2-digit', month: '2-digit', year: 'numeric' } : { day: 'numeric', month: 'long', year: 'numeric' };
  return new Intl.DateTimeFormat(locales[language] ?? 'vi-VN', { ...options, timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** An instant as the clock read in Vietnam. */
export function formatInstant(iso: string, language: string): string {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return iso;
  return new Intl.DateTimeFormat(locales[language] ?? 'vi-VN', { dateStyle: 'medium', timeStyle: 'short', timeZone: TIME_ZONE }).format(
    instant,
  );
}
