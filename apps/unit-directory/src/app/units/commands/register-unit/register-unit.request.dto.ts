import { UNIT_TYPES, UnitType } from '@hailong/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';

import { nfc } from '../../http/nfc';

export class RegisterUnitRequestDto {
  @ApiPropertyOptional({ description: 'Chosen by the caller to make a retry safe; generated when absent.' })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiProperty({ example: '08740' })
  @Matches(/^[A-Za-z0-9._-]{1,32}$/)
  code!: string;

  @ApiProperty({ enum: UNIT_TYPES })
  @IsIn(UNIT_TYPES)
  unitType!: UnitType;

  @ApiProperty({ example: 'Công an phường Trưng Nhị' })
  @Transform(nfc)
  @IsString()
  @Length(1, 200)
  nameVi!: string;

  @ApiProperty({ example: 'Trung Nhi Ward Police' })
  @Transform(nfc)
  @IsString()
  @Length(1, 200)
  nameEn!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  parentId?: string;

  @ApiPropertyOptional({ example: '08740' })
  @IsOptional()
  @Matches(/^[0-9]{1,16}$/)
  areaCode?: string;

  @ApiProperty({ example: '2020-01-01', description: 'First day of validity, Asia/Ho_Chi_Minh' })
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  validFrom!: string;
}
