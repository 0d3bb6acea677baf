import { DissolveUnit } from '@hailong/directory/domain';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsUUID } from 'class-validator';
import { IsLocalDate } from '@hailong/platform/http';

/** A unit dissolved: name who takes over its procedures, or say honestly that nobody knows. */
export class DissolveUnitRequestDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The unit that takes over its procedures' })
  @IsOptional()
  @IsUUID()
  successorId?: string;

  @ApiPropertyOptional({ description: 'true when the successor is not known; then give no successorId' })
  @IsOptional()
  @IsBoolean()
  successorUnknown?: boolean;

  @IsLocalDate()
  effectiveDate!: string;

  /** Whether exactly one of the two is given is the domain's rule (422 successor-required), not repeated here. */
  toCommand(unitId: string): DissolveUnit {
    const { successorId, successorUnknown, effectiveDate } = this;
    return {
      type: 'DissolveUnit',
      unitId,
      successorId: successorId ?? null,
      successorUnknown: successorUnknown ?? false,
      effectiveDate,
    } as DissolveUnit;
  }
}
