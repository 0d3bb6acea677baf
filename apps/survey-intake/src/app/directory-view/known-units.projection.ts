import { EventEnvelope, Topics, UnitRegistered } from '@hailong/contracts';
import { Projection, ProjectionBatch } from '@hailong/platform/messaging';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';

type UnitRegisteredData = ReturnType<typeof UnitRegistered.schema.parse>;

/** Intake's own copy of the directory, fed from the directory's topic, to check a response's unit. */
@Controller()
export class KnownUnitsProjection {
  @Projection({ name: 'known-units', topics: [Topics.directoryEvents], eventTypes: [UnitRegistered.type] })
  async apply(@Payload() { events, manager }: ProjectionBatch): Promise<void> {
    for (const event of events as EventEnvelope<'UnitRegistered', UnitRegisteredData>[]) {
      const unit = event.data;
      await manager.query(
        `INSERT INTO intake.known_units (unit_id, code, unit_type, name_vi, parent_id, valid_from)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (unit_id) DO NOTHING`,
        [unit.unitId, unit.code, unit.unitType, unit.nameVi, unit.parentId, unit.validFrom],
      );
    }
  }
}
