import { Body, Controller } from '@nestjs/common';
import { UnitChange, UnitChangeEndpoint } from '../../http/unit-change.decorators';
import { UnitCommandRequest, UnitCommandRunner } from '../../http/unit-command.runner';
import { CorrectUnitEventRequestDto } from './correct-unit-event.request.dto';

@Controller('units')
export class CorrectUnitEventController {
  constructor(private readonly runner: UnitCommandRunner) {}

  @UnitChangeEndpoint('corrections')
  handle(@Body() body: CorrectUnitEventRequestDto, @UnitChange() change: UnitCommandRequest) {
    return this.runner.run(change, (log) => body.toCommand(change.unitId, log));
  }
}
