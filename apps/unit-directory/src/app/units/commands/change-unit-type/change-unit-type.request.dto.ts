import { UNIT_TYPES, UnitType } from '@hailong/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { IsLocalDate } from '@hailong/platform/http';

/** A commune becoming a ward, for instance, or a unit registered under the wrong type from some date on. */
export class ChangeUnitTypeRequestDto {
  @ApiProperty({ enum: UNIT_TYPES })
  @IsIn(UNIT_TYPES)
  unitType!: UnitType;

  @IsLocalDate()
  effectiveDate!: string;
}
