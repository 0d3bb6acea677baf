import { ALL_ROLES } from '@hailong/contracts';
import { evolve, nameMatches, stateOn, UnitHistory, UnitState } from '@hailong/directory/domain';
import { AllowRoles } from '@hailong/platform/auth';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DirectoryReader } from '../../store/directory-reader';
import { SearchUnitsQueryDto } from './search-units.query.dto';

@ApiTags('units')
@ApiBearerAuth()
@Controller('units')
export class SearchUnitsController {
  constructor(private readonly reader: DirectoryReader) {}

  /**
   * Units whose name, now or ever, contains every word of `q` — diacritics and case aside ("vinh yen"
   * finds "Vĩnh Yên", "d" finds "đ"). With `?on=`, only units valid that day, as named that day.
   * Units still in service come first.
   */
  @Get()
  @AllowRoles(...ALL_ROLES)
  async search(@Query() query: SearchUnitsQueryDto) {
    const log = await this.reader.current();
    const found = log.histories().flatMap((history) => {
      const states = statesOf(history);
      const shown = query.on ? stateOn(history, query.on) : states[states.length - 1];
      const candidates = query.on ? (shown ? [shown] : []) : states;
      const match = candidates.find((s) => nameMatches(query.q, s.nameVi) || nameMatches(query.q, s.nameEn));
      return shown && match ? [{ ...shown, matchedName: match.nameVi }] : [];
    });
    found.sort((a, b) => Number(a.validTo !== null) - Number(b.validTo !== null) || a.code.localeCompare(b.code));
    return { q: query.q, on: query.on ?? null, total: found.length, units: found.slice(0, query.limit) };
  }
}

/** The unit after each event of its stream: every name it has carried. */
function statesOf(history: UnitHistory): UnitState[] {
  const states: UnitState[] = [];
  history.reduce<UnitState | null>((state, event) => {
    const next = evolve(state, event);
    if (next) states.push(next);
    return next;
  }, null);
  return states;
}
