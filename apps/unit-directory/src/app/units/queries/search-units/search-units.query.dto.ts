import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsString, Length, Max, Min } from 'class-validator';
import { AsOfQueryDto } from '@hailong/platform/http';
import { nfc } from '../../http/nfc';

export class SearchUnitsQueryDto extends AsOfQueryDto {
  @ApiProperty({ example: 'vinh yen', description: 'Words of the name, with or without diacritics' })
  @Transform(nfc)
  @IsString()
  @Length(1, 100)
  q!: string;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit = 50;
}
