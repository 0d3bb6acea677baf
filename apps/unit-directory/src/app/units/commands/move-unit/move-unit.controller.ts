import { Body, Controller } from '@nestjs/common';
import { UnitChange, UnitChangeEndpoint } from '../../http/unit-change.decorators';
import { UnitCommandRequest, UnitCommandRunner } from '../../http/unit-command.runner';
import { MoveUnitRequestDto } from './move-unit.request.dto';

@Controller('units')
export class MoveUnitController {
  constructor(private readonly runner: UnitCommandRunner) {}

  @UnitChangeEndpoint('move')
  handle(@Body() body: MoveUnitRequestDto, @UnitChange() change: UnitCommandRequest) {
    return this.runner.run(change, () => ({
      type: 'MoveUnit',
      unitId: change.unitId,
      parentId: body.parentId ?? null,
      effectiveDate: body.effectiveDate,
    }));
  }
}
