import { DirectoryLookup, UnitState } from '@hailong/directory/domain';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

interface UnitRow {
  unit_id: string;
  code: string;
  unit_type: UnitState['unitType'];
  name_vi: string;
  name_en: string;
  parent_id: string | null;
  area_code: string | null;
  valid_from: string;
  valid_to: string | null;
  version: number;
}

export function toUnitState(row: UnitRow): UnitState {
  return {
    unitId: row.unit_id,
    code: row.code,
    unitType: row.unit_type,
    nameVi: row.name_vi,
    nameEn: row.name_en,
    parentId: row.parent_id,
    areaCode: row.area_code,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    version: row.version,
  };
}

const COLUMNS = `unit_id, code, unit_type, name_vi, name_en, parent_id, area_code,
  to_char(valid_from, 'YYYY-MM-DD') AS valid_from, to_char(valid_to, 'YYYY-MM-DD') AS valid_to, version`;

/**
 * The directory's store: unit event streams plus the current state of every unit. Writes go through
 * one transaction that appends the stream events (unique (unit_id, version) = optimistic concurrency),
 * updates the state and fills the outbox.
 */
@Injectable()
export class UnitStore {
  async load(manager: EntityManager, unitId: string): Promise<UnitState | null> {
    const rows: UnitRow[] = await manager.query(`SELECT ${COLUMNS} FROM directory.units WHERE unit_id = $1`, [unitId]);
    return rows.length ? toUnitState(rows[0]) : null;
  }

  /** A lookup over what the transaction can see, with the rows it needs read up front. */
  async lookup(manager: EntityManager, ids: readonly string[], codes: readonly string[]): Promise<DirectoryLookup> {
    const rows: UnitRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM directory.units WHERE unit_id = ANY($1::uuid[]) OR code = ANY($2::text[])`,
      [ids, codes],
    );
    const units = rows.map(toUnitState);
    return {
      unitOn: (id, date) =>
        units.find((u) => u.unitId === id && u.validFrom <= date && (u.validTo === null || date < u.validTo)) ?? null,
      unitsWithCodeDuring: (code) => units.filter((u) => u.code === code),
    };
  }

  async save(
    manager: EntityManager,
    state: UnitState,
    events: readonly { id: string; type: string; data: unknown; occurredAt: string }[],
  ): Promise<void> {
    const first = state.version - events.length + 1;
    for (const [i, event] of events.entries()) {
      await manager.query(
        `INSERT INTO directory.unit_events (unit_id, version, event_id, event_type, data, occurred_at)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [state.unitId, first + i, event.id, event.type, JSON.stringify(event.data), event.occurredAt],
      );
    }
    await manager.query(
      `INSERT INTO directory.units (unit_id, code, unit_type, name_vi, name_en, parent_id, area_code, valid_from, valid_to, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (unit_id) DO UPDATE SET code = EXCLUDED.code, unit_type = EXCLUDED.unit_type, name_vi = EXCLUDED.name_vi,
         name_en = EXCLUDED.name_en, parent_id = EXCLUDED.parent_id, area_code = EXCLUDED.area_code,
         valid_from = EXCLUDED.valid_from, valid_to = EXCLUDED.valid_to, version = EXCLUDED.version`,
      [state.unitId, state.code, state.unitType, state.nameVi, state.nameEn, state.parentId, state.areaCode, state.validFrom, state.validTo, state.version],
    );
  }
}
