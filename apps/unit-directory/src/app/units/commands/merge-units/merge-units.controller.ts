import { Roles } from '@hailong/contracts';
import { Actor, AllowRoles, CurrentActor } from '@hailong/platform/auth';
import { CorrelationId } from '@hailong/platform/http';
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DirectoryWriter } from '../../store/directory-writer';
import { MergeUnitsRequestDto } from './merge-units.request.dto';

@ApiTags('units')
@ApiBearerAuth()
@Controller('units')
export class MergeUnitsController {
  constructor(private readonly writer: DirectoryWriter) {}

  /** Several units at once, so their versions come in the body rather than one If-Match header. */
  @Post('merge')
  @HttpCode(200)
  @AllowRoles(Roles.directoryEditor, Roles.admin)
  async merge(@Body() body: MergeUnitsRequestDto, @CurrentActor() actor: Actor, @CorrelationId() correlationId: string) {
    const command = body.toCommand();
    const { units } = await this.writer.execute(() => [command], {
      actor,
      correlationId,
      expectedVersions: new Map(Object.entries(body.expectedVersions ?? {})),
    });
    return {
      successor: units.find((u) => u.unitId === command.successorId),
      merged: units.filter((u) => u.unitId !== command.successorId),
    };
  }
}
