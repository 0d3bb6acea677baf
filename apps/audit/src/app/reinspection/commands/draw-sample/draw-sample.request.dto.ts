import { STRATIFICATIONS, Stratification } from '@hailong/audit/domain';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsNumber, IsOptional, Max, Min } from 'class-validator';

export class DrawSampleRequestDto {
  @ApiPropertyOptional({
    enum: STRATIFICATIONS,
    default: 'unit',
    description: 'Strata: per unit, per unit and surveyor/device, or per unit and channel',
  })
  @IsOptional()
  @IsIn(STRATIFICATIONS)
  strata?: Stratification;

  @ApiPropertyOptional({ example: 0.15, description: 'Share of each stratum to draw, in (0, 1]: ceil(share × N). Give this or size.' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.0001)
  @Max(1)
  share?: number;

  @ApiPropertyOptional({ example: 5, description: 'Responses to draw from each stratum (all of a smaller one). Give this or share.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  size?: number;

  @ApiPropertyOptional({ description: 'Unsigned 32-bit seed; a fresh random one when absent. Recorded in the event either way.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(0xffffffff)
  seed?: number;
}
