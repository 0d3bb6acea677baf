import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, Length } from 'class-validator';
import { nfc } from '../../../http/nfc';

export class EnrollTabletRequestDto {
  @ApiProperty({ example: 'Tổ công tác số 3 — máy 1' })
  @Transform(nfc)
  @IsString()
  @Length(1, 200)
  label!: string;
}
