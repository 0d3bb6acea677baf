import { Body, Controller } from '@nestjs/common';
import { UnitChange, UnitChangeEndpoint } from '../../http/unit-change.decorators';
import { UnitCommandRequest, UnitCommandRunner } from '../../http/unit-command.runner';
import { SplitUnitRequestDto } from './split-unit.request.dto';

@Controller('units')
export class SplitUnitController {
  constructor(private readonly runner: UnitCommandRunner) {}

  @UnitChangeEndpoint('split')
  handle(@Body() body: SplitUnitRequestDto, @UnitChange() change: UnitCommandRequest) {
    return this.runner.run(change, () => ({ type: 'SplitUnit', unitId: change.unitId, ...body }));
  }
}
