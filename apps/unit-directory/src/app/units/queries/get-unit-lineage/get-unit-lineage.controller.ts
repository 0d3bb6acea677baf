import { ALL_ROLES } from '@hailong/contracts';
import { latestState, successorsOf, UnitState } from '@hailong/directory/domain';
import { AllowRoles } from '@hailong/platform/auth';
import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AsOfQueryDto, todayInVietnam } from '@hailong/platform/http';
import { DirectoryReader, unitIn } from '../../store/directory-reader';

interface LinkedUnit {
  readonly unitId: string;
  readonly code: string;
  readonly unitType: string;
  readonly nameVi: string;
  readonly nameEn: string;
  readonly validFrom: string;
  readonly validTo: string | null;
  /** How this unit's work passed on: merged, split or dissolved (active while it still carries on). */
  readonly status: string;
}

interface Predecessor extends LinkedUnit {
  readonly predecessors: readonly Predecessor[];
}

const link = (u: UnitState): LinkedUnit => ({
  unitId: u.unitId,
  code: u.code,
  unitType: u.unitType,
  nameVi: u.nameVi,
  nameEn: u.nameEn,
  validFrom: u.validFrom,
  validTo: u.validTo,
  status: u.status ?? 'active',
});

@ApiTags('units')
@ApiBearerAuth()
@Controller('units')
export class GetUnitLineageController {
  constructor(private readonly reader: DirectoryReader) {}

  /**
   * Where the unit came from (every unit merged, split or dissolved into it, through any chain), where
   * its work went, and who carries it on on `?on=` (today by default) — or that nobody knows.
   */
  @Get(':unitId/lineage')
  @AllowRoles(...ALL_ROLES)
  async lineage(@Param('unitId', new ParseUUIDPipe()) unitId: string, @Query() query: AsOfQueryDto) {
    const on = query.on ?? todayInVietnam();
    const log = await this.reader.current();
    const unit = unitIn(log, unitId);
    const histories = log.histories();
    const states = histories.map(latestState).filter((s): s is UnitState => s !== null);
    const byId = new Map(states.map((s) => [s.unitId, s]));
    const carriedOn = successorsOf(histories, unitId, on);
    return {
      unit: link(unit),
      predecessors: predecessorsOf(unitId, states, new Set([unitId])),
      successors: (unit.successorIds ?? [])
        .map((id) => byId.get(id))
        .filter((s): s is UnitState => !!s)
        .map(link),
      successorUnknown: unit.successorUnknown ?? false,
      carriedOnBy: {
        on,
        ...('unknown' in carriedOn ? { unknown: true, units: [] } : { unknown: false, units: resolve(carriedOn.resolved, byId) }),
      },
    };
  }
}

function predecessorsOf(unitId: string, states: readonly UnitState[], seen: Set<string>): Predecessor[] {
  return states
    .filter((s) => s.successorIds?.includes(unitId) && !seen.has(s.unitId))
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((s) => {
      seen.add(s.unitId);
      return { ...link(s), predecessors: predecessorsOf(s.unitId, states, seen) };
    });
}

function resolve(ids: readonly string[], byId: ReadonlyMap<string, UnitState>): LinkedUnit[] {
  return ids
    .map((id) => byId.get(id))
    .filter((s): s is UnitState => !!s)
    .map(link);
}
