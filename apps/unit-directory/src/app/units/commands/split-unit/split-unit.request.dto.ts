import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsUUID } from 'class-validator';
import { IsLocalDate } from '@hailong/platform/http';

/** One unit split into several, registered beforehand; the unit ends on the date. */
export class SplitUnitRequestDto {
  @ApiProperty({ type: [String], format: 'uuid' })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  successorIds!: string[];

  @IsLocalDate()
  effectiveDate!: string;
}
