import { CsvRow, requiredCell } from './csv-rows';
import { ImportFormatError } from './import-errors';
import { ADMIN_KINDS, splitAdminName } from './police-names';

const COMMUNE_KINDS = ADMIN_KINDS.filter((k) => k.levels.includes('commune'))
  .map((k) => k.prefix)
  .join(', ');

/** A commune's full name, which must start with its kind ("Xã", "Phường", "Thị trấn"). */
export function communeNameCell<C extends string>(row: CsvRow<C>, column: C): string {
  const name = requiredCell(row, column);
  const split = splitAdminName(name);
  if (!split || !split.kind.levels.includes('commune'))
    throw new ImportFormatError(
      row.line,
      column,
      `"${name}" does not start with a kind of commune (${COMMUNE_KINDS})`,
      `"${name}" không bắt đầu bằng loại đơn vị hành chính cấp xã (${COMMUNE_KINDS})`,
    );
  return name;
}

/** No two rows with the same value in `column`. */
export function requireUniqueCells<R extends { line: number }>(rows: readonly R[], column: string, value: (row: R) => string): void {
  const seen = new Set<string>();
  for (const row of rows) {
    if (seen.has(value(row)))
      throw new ImportFormatError(row.line, column, `${value(row)} appears twice`, `${value(row)} xuất hiện hai lần`);
    seen.add(value(row));
  }
}
