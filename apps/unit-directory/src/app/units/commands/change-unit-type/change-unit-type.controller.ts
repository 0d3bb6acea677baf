import { Body, Controller } from '@nestjs/common';
import { UnitChange, UnitChangeEndpoint } from '../../http/unit-change.decorators';
import { UnitCommandRequest, UnitCommandRunner } from '../../http/unit-command.runner';
import { ChangeUnitTypeRequestDto } from './change-unit-type.request.dto';

@Controller('units')
export class ChangeUnitTypeController {
  constructor(private readonly runner: UnitCommandRunner) {}

  @UnitChangeEndpoint('change-type')
  handle(@Body() body: ChangeUnitTypeRequestDto, @UnitChange() change: UnitCommandRequest) {
    return this.runner.run(change, () => ({ type: 'ChangeUnitType', unitId: change.unitId, ...body }));
  }
}
