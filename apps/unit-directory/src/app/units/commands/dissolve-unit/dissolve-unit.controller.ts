import { Body, Controller } from '@nestjs/common';
import { UnitChange, UnitChangeEndpoint } from '../../http/unit-change.decorators';
import { UnitCommandRequest, UnitCommandRunner } from '../../http/unit-command.runner';
import { DissolveUnitRequestDto } from './dissolve-unit.request.dto';

@Controller('units')
export class DissolveUnitController {
  constructor(private readonly runner: UnitCommandRunner) {}

  @UnitChangeEndpoint('dissolve')
  handle(@Body() body: DissolveUnitRequestDto, @UnitChange() change: UnitCommandRequest) {
    return this.runner.run(change, () => body.toCommand(change.unitId));
  }
}
