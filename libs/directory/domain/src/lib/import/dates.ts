import { ImportFormatError } from './import-errors';

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day written YYYY-MM-DD (2025-02-30 is refused). */
export function requireImportDate(date: string, field: string): void {
  if (!isCalendarDay(date)) {
    throw new ImportFormatError(
      null,
      field,
      `${String(date)} is not a date (YYYY-MM-DD)`,
      `${String(date)} không phải là ngày hợp lệ (YYYY-MM-DD)`,
    );
  }
}

/** The last day a unit ending on `date` is valid (validity is half-open). */
export function dayBefore(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - 1);
  return day.toISOString().slice(0, 10);
}

function isCalendarDay(date: unknown): boolean {
  if (typeof date !== 'string' || !LOCAL_DATE.test(date)) return false;
  const time = new Date(`${date}T00:00:00Z`).getTime();
  // Date rolls 2025-02-30 over into March; only a day that reads back the same is real.
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === date;
}
