import { KEY_DESTRUCTION_REASONS } from '@hailong/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';

export class DestroyRespondentKeyRequestDto {
  @ApiProperty({ enum: KEY_DESTRUCTION_REASONS, description: 'A code, never free text: the reason goes into the log in clear.' })
  @IsIn(KEY_DESTRUCTION_REASONS)
  reason!: (typeof KEY_DESTRUCTION_REASONS)[number];
}
