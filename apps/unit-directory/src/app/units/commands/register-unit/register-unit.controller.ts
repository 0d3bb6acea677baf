import { Roles } from '@hailong/contracts';
import { Actor, AllowRoles, CurrentActor } from '@hailong/platform/auth';
import { CorrelationId } from '@hailong/platform/http';
import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { RegisterUnitHandler } from './register-unit.handler';
import { RegisterUnitRequestDto } from './register-unit.request.dto';

@ApiTags('units')
@ApiBearerAuth()
@Controller('units')
export class RegisterUnitController {
  constructor(private readonly handler: RegisterUnitHandler) {}

  @Post()
  @HttpCode(201)
  @AllowRoles(Roles.directoryEditor, Roles.admin)
  async register(
    @Body() body: RegisterUnitRequestDto,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
    @Res({ passthrough: true }) response: Response,
  ) {
    const unit = await this.handler.execute(body, actor, correlationId);
    response.setHeader('ETag', `"${unit.version}"`);
    response.setHeader('Location', `/units/${unit.unitId}`);
    return unit;
  }
}
