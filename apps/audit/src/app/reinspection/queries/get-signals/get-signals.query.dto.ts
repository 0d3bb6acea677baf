import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class SignalsQueryDto {
  @ApiPropertyOptional({ default: 60, description: 'A form finished in fewer seconds is implausibly fast' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(86400)
  minimumFormSeconds?: number;

  @ApiPropertyOptional({ default: 60, description: 'Responses of one surveyor or device closer than this form a burst' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(86400)
  burstGapSeconds?: number;

  @ApiPropertyOptional({ default: 3, description: 'Responses a burst needs' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2)
  @Max(10000)
  burstMinimumSize?: number;

  @ApiPropertyOptional({ default: 3, description: 'Responses of one source with one answer vector that make a signal' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2)
  @Max(10000)
  identicalMinimumSize?: number;
}
