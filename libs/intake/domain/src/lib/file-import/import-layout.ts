import { QuestionnaireContent } from '@hailong/contracts';
import { violation, Violation } from '../rule-violation';

/**
 * The column layout of a bulk file of paper forms (CSV or XLSX) for one questionnaire version: a
 * header row of column ids, then one row per form. Fixed columns first, then the version's rating
 * items, its profile questions and its expectations, each under its own id, then the free text.
 */
export type ImportColumnKind =
  | 'formNumber'
  | 'unit'
  | 'procedure'
  | 'serviceDate'
  | 'surveyor'
  | 'startedAt'
  | 'finishedAt'
  | 'item'
  | 'profile'
  | 'expectation'
  | 'freeText';

export interface ImportColumn {
  readonly id: string;
  readonly kind: ImportColumnKind;
  /** The column must be in the header; a required fixed column must also have a value in every row. */
  readonly required: boolean;
  readonly vi: string;
  readonly en: string;
  /** What a cell may hold, for the template's guide. */
  readonly valuesVi: string;
  readonly valuesEn: string;
}

export interface ImportLayout {
  readonly columns: readonly ImportColumn[];
  readonly maxLevel: number;
  readonly maxExpectationLevel: number;
}

const fixed = (
  id: string,
  kind: ImportColumnKind,
  required: boolean,
  vi: string,
  en: string,
  valuesVi: string,
  valuesEn: string,
): ImportColumn => ({ id, kind, required, vi, en, valuesVi, valuesEn });

/** The layout of a questionnaire version. Column ids are matched without regard to case or surrounding spaces. */
export function importLayoutOf(questionnaire: QuestionnaireContent): ImportLayout {
  const maxLevel = questionnaire.ratingScale.length;
  const maxExpectationLevel = questionnaire.expectationScale.length;
  const columns: ImportColumn[] = [
    fixed(
      'formNumber',
      'formNumber',
      true,
      'Số phiếu (duy nhất trong đợt khảo sát)',
      'Form number (unique within the campaign)',
      'chữ, số, . _ / - (tối đa 64 ký tự)',
      'letters, digits, . _ / - (at most 64)',
    ),
    fixed(
      'unit',
      'unit',
      true,
      'Đơn vị (mã đơn vị hoặc mã định danh)',
      'Unit (its code or its id)',
      'mã đơn vị vào ngày giải quyết, ví dụ 26-PA08, hoặc UUID',
      'the unit’s code on the service date, e.g. 26-PA08, or its UUID',
    ),
    fixed(
      'procedure',
      'procedure',
      true,
      'Thủ tục hành chính',
      'Administrative procedure',
      'mã thủ tục trong danh mục',
      'a procedure id of the catalogue',
    ),
    fixed('serviceDate', 'serviceDate', true, 'Ngày giải quyết', 'Service date', 'YYYY-MM-DD hoặc DD/MM/YYYY', 'YYYY-MM-DD or DD/MM/YYYY'),
    fixed(
      'surveyor',
      'surveyor',
      false,
      'Người thu phiếu',
      'Collected by',
      'mã cán bộ; để trống = người nhập',
      'staff id; empty = the importer',
    ),
    fixed(
      'startedAt',
      'startedAt',
      false,
      'Bắt đầu điền phiếu',
      'Form started',
      'YYYY-MM-DD HH:mm (giờ Việt Nam) hoặc ISO 8601 có múi giờ',
      'YYYY-MM-DD HH:mm (Vietnam time) or ISO 8601 with offset',
    ),
    fixed(
      'finishedAt',
      'finishedAt',
      false,
      'Hoàn thành phiếu',
      'Form finished',
      'YYYY-MM-DD HH:mm (giờ Việt Nam) hoặc ISO 8601 có múi giờ',
      'YYYY-MM-DD HH:mm (Vietnam time) or ISO 8601 with offset',
    ),
  ];
  const levels = `1–${maxLevel}`;
  for (const factor of questionnaire.factors) {
    for (const item of factor.items) {
      columns.push(fixed(item.id, 'item', true, item.vi, item.en, `${levels}; trống = không trả lời`, `${levels}; empty = not answered`));
    }
  }
  for (const field of questionnaire.profile) {
    const options = field.options.map((o) => o.id).join(' | ');
    columns.push(fixed(field.id, 'profile', false, field.vi, field.en, options, options));
  }
  for (const expectation of questionnaire.expectations) {
    const range = `1–${maxExpectationLevel}`;
    columns.push(
      fixed(
        expectation.id,
        'expectation',
        false,
        expectation.vi,
        expectation.en,
        `${range}; trống = không trả lời`,
        `${range}; empty = not answered`,
      ),
    );
  }
  columns.push(
    fixed('freeText', 'freeText', false, 'Ý kiến khác', 'Comments', 'văn bản, tối đa 2000 ký tự', 'text, at most 2000 characters'),
  );
  const ids = columns.map((c) => c.id.toLowerCase());
  const clash = ids.find((id, i) => ids.indexOf(id) !== i);
  if (clash !== undefined) throw new Error(`questionnaire ids clash with another column: ${clash}`);
  return { columns, maxLevel, maxExpectationLevel };
}

/** Where each column of the file is, by position; positions of blank header cells are absent. */
export interface ImportHeader {
  readonly layout: ImportLayout;
  /** columns[i] is the layout column at file position i, or null for a blank header cell (ignored). */
  readonly positions: readonly (ImportColumn | null)[];
}

/** A header that is not this layout: a 4xx naming each problem before anything is read or written. */
export function readImportHeader(cells: readonly string[], layout: ImportLayout): { header: ImportHeader } | { violations: Violation[] } {
  const byId = new Map(layout.columns.map((c) => [c.id.toLowerCase(), c]));
  const found: Violation[] = [];
  const seen = new Set<string>();
  const positions: (ImportColumn | null)[] = [];
  cells.forEach((raw, i) => {
    const name = raw.replace(/^\uFEFF/, '').trim();
    if (name === '') {
      positions.push(null);
      return;
    }
    const column = byId.get(name.toLowerCase());
    if (!column) {
      found.push(
        violation(
          `header.${i + 1}`,
          'column-unknown',
          'not a column of the campaign’s layout (download the template)',
          'không phải cột của mẫu nhập của đợt khảo sát (hãy tải mẫu)',
        ),
      );
      positions.push(null);
    } else if (seen.has(column.id)) {
      found.push(
        violation(`header.${i + 1}`, 'column-twice', `the column ${column.id} appears twice`, `cột ${column.id} xuất hiện hai lần`),
      );
      positions.push(null);
    } else {
      seen.add(column.id);
      positions.push(column);
    }
  });
  for (const column of layout.columns) {
    if (column.required && !seen.has(column.id)) {
      found.push(violation(column.id, 'column-missing', `the header has no column ${column.id}`, `dòng tiêu đề thiếu cột ${column.id}`));
    }
  }
  return found.length > 0 ? { violations: found } : { header: { layout, positions } };
}
