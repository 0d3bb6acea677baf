import { Body, Controller } from '@nestjs/common';
import { UnitChange, UnitChangeEndpoint } from '../../http/unit-change.decorators';
import { UnitCommandRequest, UnitCommandRunner } from '../../http/unit-command.runner';
import { RenameUnitRequestDto } from './rename-unit.request.dto';

@Controller('units')
export class RenameUnitController {
  constructor(private readonly runner: UnitCommandRunner) {}

  @UnitChangeEndpoint('rename')
  handle(@Body() body: RenameUnitRequestDto, @UnitChange() change: UnitCommandRequest) {
    return this.runner.run(change, () => ({ type: 'RenameUnit', unitId: change.unitId, ...body }));
  }
}
