import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, Length } from 'class-validator';
import { IsLocalDate } from '@hailong/platform/http';
import { nfc } from '../../http/nfc';

export class RenameUnitRequestDto {
  @ApiProperty({ example: 'Công an phường Hai Bà Trưng' })
  @Transform(nfc)
  @IsString()
  @Length(1, 200)
  nameVi!: string;

  @ApiProperty({ example: 'Hai Ba Trung Ward Police' })
  @Transform(nfc)
  @IsString()
  @Length(1, 200)
  nameEn!: string;

  @IsLocalDate()
  effectiveDate!: string;
}
