import { checkSubmission, Submission, SubmissionContext } from '../response/submission';
import { violation, Violation } from '../rule-violation';
import { ImportHeader } from './import-layout';

/** How a row names its unit: by id (a UUID) or by the code it had on the service date. */
export type UnitReference = { readonly kind: 'id'; readonly id: string } | { readonly kind: 'code'; readonly code: string };

/** One form of the file, read from its cells: what a keyed-in paper form says. */
export interface ImportRow {
  /** The form's paper serial: with the campaign, it makes the row idempotent. */
  readonly formNumber: string;
  readonly unit: UnitReference;
  readonly procedureId: string;
  readonly serviceDate: string;
  readonly surveyorId: string | null;
  readonly form: { readonly startedAt: string | null; readonly finishedAt: string | null };
  readonly answers: readonly { readonly itemId: string; readonly level: number | null }[];
  readonly expectations: readonly { readonly itemId: string; readonly level: number | null }[];
  readonly profile: Readonly<Record<string, string>>;
  readonly freeText: string | null;
}

export type ReadImportRow =
  | { readonly row: ImportRow; readonly violations?: undefined }
  | { readonly row?: undefined; readonly violations: Violation[] };

export const FORM_NUMBER = /^[A-Za-z0-9._/-]{1,64}$/;
const SURVEYOR = /^[A-Za-z0-9._:@-]{1,200}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UNIT_CODE = /^[A-Za-z0-9._-]{1,64}$/;
const WHOLE_NUMBER = /^[+-]?\d{1,12}$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DMY_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const LOCAL_TIME = /^(\d{4}-\d{2}-\d{2}|\d{1,2}\/\d{1,2}\/\d{4})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const INSTANT_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
// PostgreSQL cannot store NUL, JSON cannot carry a lone surrogate faithfully, and U+FFFD is what a
// byte that is not UTF-8 became (a file saved in another encoding).
const LONE_SURROGATE_OR_REPLACEMENT = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|\uFFFD/;
const unstorable = (text: string) => text.includes('\u0000') || LONE_SURROGATE_OR_REPLACEMENT.test(text);
export const FREE_TEXT_MAX = 2000;

const missing = (field: string) =>
  violation(field, 'missing-required-field', 'this column needs a value in every row', 'cột này bắt buộc có giá trị ở mọi dòng');

/** A calendar date written YYYY-MM-DD or DD/MM/YYYY (as Vietnamese forms write it), as YYYY-MM-DD; null if it is no real date. */
export function readLocalDate(text: string): string | null {
  const iso = ISO_DATE.exec(text);
  const dmy = iso ? null : DMY_DATE.exec(text);
  const parts = iso ? [iso[1], iso[2], iso[3]] : dmy ? [dmy[3], dmy[2], dmy[1]] : null;
  if (!parts) return null;
  const [y, m, d] = parts;
  const date = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date ? date : null;
}

/** An instant with its offset, or a local date and time in Asia/Ho_Chi_Minh (UTC+7, no daylight saving); null if neither. */
export function readInstant(text: string): string | null {
  if (INSTANT_WITH_OFFSET.test(text)) return Number.isNaN(Date.parse(text)) ? null : text;
  const local = LOCAL_TIME.exec(text);
  if (!local) return null;
  const date = readLocalDate(local[1]);
  const [hours, minutes, seconds] = [Number(local[2]), Number(local[3]), Number(local[4] ?? '0')];
  if (!date || hours > 23 || minutes > 59 || seconds > 59) return null;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date}T${pad(hours)}:${pad(minutes)}:${pad(seconds)}+07:00`;
}

function readLevel(text: string, field: string, found: Violation[]): number | null {
  if (text === '') return null;
  if (!WHOLE_NUMBER.test(text)) {
    found.push(
      violation(
        field,
        'level-not-a-number',
        'a level is a whole number, or empty when not answered',
        'mức là một số nguyên, hoặc để trống nếu không trả lời',
      ),
    );
    return null;
  }
  return Number(text);
}

/**
 * Reads one row's cells (by the header's positions) into a form, or every reason it cannot be one.
 * Only what the cells say is checked here; the campaign's rules are checkImportRow's.
 */
export function readImportRow(cells: readonly string[], header: ImportHeader): ReadImportRow {
  const found: Violation[] = [];
  const value = new Map<string, string>();
  cells.forEach((raw, i) => {
    const text = raw.trim();
    const column = header.positions[i];
    if (unstorable(text)) {
      found.push(
        violation(
          column?.id ?? `column.${i + 1}`,
          'character-not-allowed',
          'the cell holds a NUL or an invalid character',
          'ô chứa ký tự không hợp lệ',
        ),
      );
      return;
    }
    if (column) value.set(column.id, text);
    else if (text !== '' && i >= header.positions.length) {
      found.push(
        violation(
          `column.${i + 1}`,
          'value-without-column',
          'a value beyond the header’s last column',
          'giá trị nằm ngoài cột cuối của dòng tiêu đề',
        ),
      );
    }
  });
  const get = (id: string) => value.get(id) ?? '';
  const columns = header.layout.columns;

  const formNumber = get('formNumber');
  if (formNumber === '') found.push(missing('formNumber'));
  else if (!FORM_NUMBER.test(formNumber)) {
    found.push(
      violation(
        'formNumber',
        'form-number-invalid',
        'letters, digits and . _ / - only, at most 64',
        'chỉ gồm chữ, số và . _ / -, tối đa 64 ký tự',
      ),
    );
  }

  const unitText = get('unit');
  let unit: UnitReference | null = null;
  if (unitText === '') found.push(missing('unit'));
  else if (UUID.test(unitText)) unit = { kind: 'id', id: unitText.toLowerCase() };
  else if (UNIT_CODE.test(unitText)) unit = { kind: 'code', code: unitText };
  else found.push(violation('unit', 'unit-unknown', 'neither a unit code nor a unit id', 'không phải mã đơn vị hay mã định danh đơn vị'));

  const procedureId = get('procedure');
  if (procedureId === '') found.push(missing('procedure'));

  const serviceDateText = get('serviceDate');
  const serviceDate = serviceDateText === '' ? null : readLocalDate(serviceDateText);
  if (serviceDateText === '') found.push(missing('serviceDate'));
  else if (!serviceDate)
    found.push(
      violation(
        'serviceDate',
        'date-invalid',
        'not a date written YYYY-MM-DD or DD/MM/YYYY',
        'không phải ngày dạng YYYY-MM-DD hoặc DD/MM/YYYY',
      ),
    );

  const surveyor = get('surveyor');
  if (surveyor !== '' && !SURVEYOR.test(surveyor)) {
    found.push(violation('surveyor', 'surveyor-invalid', 'letters, digits and . _ : @ - only', 'chỉ gồm chữ, số và . _ : @ -'));
  }
  const instant = (id: 'startedAt' | 'finishedAt') => {
    const text = get(id);
    if (text === '') return null;
    const read = readInstant(text);
    if (!read)
      found.push(
        violation(
          id,
          'time-invalid',
          'not a date and time (YYYY-MM-DD HH:mm, Vietnam time)',
          'không phải ngày giờ (YYYY-MM-DD HH:mm, giờ Việt Nam)',
        ),
      );
    return read;
  };
  const form = { startedAt: instant('startedAt'), finishedAt: instant('finishedAt') };

  const answers = columns.filter((c) => c.kind === 'item').map((c) => ({ itemId: c.id, level: readLevel(get(c.id), c.id, found) }));
  // An expectation or profile column left out of the header, or left empty, was not answered.
  const expectations = columns
    .filter((c) => c.kind === 'expectation' && get(c.id) !== '')
    .map((c) => ({ itemId: c.id, level: readLevel(get(c.id), c.id, found) }));
  const profile: Record<string, string> = {};
  for (const c of columns) if (c.kind === 'profile' && get(c.id) !== '') profile[c.id] = get(c.id);

  const freeText = get('freeText').normalize('NFC');
  if (freeText.length > FREE_TEXT_MAX) {
    found.push(violation('freeText', 'text-too-long', `at most ${FREE_TEXT_MAX} characters`, `tối đa ${FREE_TEXT_MAX} ký tự`));
  }

  if (found.length > 0 || !unit || !serviceDate) return { violations: found };
  return {
    row: {
      formNumber,
      unit,
      procedureId,
      serviceDate,
      surveyorId: surveyor || null,
      form,
      answers,
      expectations,
      profile,
      freeText: freeText || null,
    },
  };
}

/** The form as the one submission path checks it (DESIGN method 1: paper forms). */
export function submissionOfImportRow(row: ImportRow, campaignId: string, unitId: string): Submission {
  return {
    campaignId,
    unitId,
    channel: 'paper',
    procedureId: row.procedureId,
    serviceDate: row.serviceDate,
    form: row.form,
    answers: row.answers,
    expectations: row.expectations,
    profile: row.profile,
  };
}

/**
 * Every rule of a new response (checkSubmission, the same rules as every channel), its fields named
 * by the file's columns: `answers.3.level` is the column of that item, `unitId` the unit column.
 */
export function checkImportRow(row: ImportRow, unitId: string, context: SubmissionContext & { readonly campaignId: string }): Violation[] {
  const violations = checkSubmission(submissionOfImportRow(row, context.campaignId, unitId), context);
  return violations.map((v) => ({ ...v, field: columnOf(v.field, row) }));
}

function columnOf(field: string, row: ImportRow): string {
  const [head, index] = field.split('.');
  switch (head) {
    case 'unitId':
      return 'unit';
    case 'procedureId':
      return 'procedure';
    case 'form':
      return index;
    case 'answers':
      return index === undefined ? 'answers' : (row.answers[Number(index)]?.itemId ?? field);
    case 'expectations':
      return index === undefined ? 'expectations' : (row.expectations[Number(index)]?.itemId ?? field);
    case 'profile':
      return index ?? field;
    default:
      return field;
  }
}
