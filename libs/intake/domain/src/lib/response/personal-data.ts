import { parsePhoneNumberFromString } from 'libphonenumber-js';

/** Ways to reach a respondent again (re-inspection): personal data, only ever stored encrypted. */
export interface ContactDetails {
  readonly name: string | null;
  /** E.164, as normalisePhone returns it. */
  readonly phone: string | null;
  readonly email: string | null;
}

/**
 * Everything of a response that could identify its respondent, as one plaintext: it is encrypted
 * under the respondent's key before it reaches the database or the log, and nowhere else.
 */
export interface PersonalData {
  readonly contact: ContactDetails | null;
  readonly freeText: string | null;
  /** Profile answers the questionnaire does not let travel in clear. */
  readonly profile: Readonly<Record<string, string>>;
}

export function hasPersonalData(data: PersonalData): boolean {
  return data.contact !== null || data.freeText !== null || Object.keys(data.profile).length > 0;
}

/**
 * One form for a phone number however it was written (0912345678, +84 912 345 678, 091.234.5678 are
 * all +84912345678); Vietnamese when it has no country code. Null if it is not a valid number.
 */
export function normalisePhone(written: string): string | null {
  const parsed = parsePhoneNumberFromString(written, 'VN');
  return parsed && parsed.isValid() ? parsed.number : null;
}
