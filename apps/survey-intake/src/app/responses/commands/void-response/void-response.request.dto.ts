import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, Length } from 'class-validator';
import { nfc } from '../../../http/nfc';

export class VoidResponseRequestDto {
  @ApiProperty({ example: 'Phiếu nhập trùng', description: 'Why it must not count; recorded in the event' })
  @Transform(nfc)
  @IsString()
  @Length(1, 500)
  reason!: string;
}
