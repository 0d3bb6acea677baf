import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { IsLocalDate } from '@hailong/platform/http';

/** A unit placed under another parent, e.g. communes under the provincial police once districts are dissolved. */
export class MoveUnitRequestDto {
  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'The new parent; null only for a provincial police' })
  @IsOptional()
  @IsUUID()
  parentId?: string | null;

  @IsLocalDate()
  effectiveDate!: string;
}
