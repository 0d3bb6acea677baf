import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, Matches, Max, Min, ValidateNested } from 'class-validator';

export class PartitionOffsetDto {
  @IsInt()
  @Min(0)
  @Max(100000)
  partition!: number;

  /** The next offset to stop before, as Kafka prints it. */
  @Matches(/^\d{1,19}$/)
  nextOffset!: string;
}

/** How far to replay: one of `until`, `at` or `offsets` (none: up to the campaign's publication). */
export class ReplayCampaignRequestDto {
  @ApiPropertyOptional({
    enum: ['publication', 'end'],
    description: 'publication: the offsets CampaignScoresPublished records; end: where the topics end now',
  })
  @IsOptional()
  @IsIn(['publication', 'end'])
  until?: 'publication' | 'end';

  @ApiPropertyOptional({ description: 'Only events recorded at or before this instant (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  at?: string;

  @ApiPropertyOptional({ type: [PartitionOffsetDto], description: 'Next offset per partition of the response topic to stop before' })
  @IsOptional()
  @ArrayMaxSize(10000)
  @ValidateNested({ each: true })
  @Type(() => PartitionOffsetDto)
  offsets?: PartitionOffsetDto[];

  @ApiPropertyOptional({ description: 'Start over even if an interrupted replay of the same campaign and cut could resume' })
  @IsOptional()
  @IsBoolean()
  fresh?: boolean;
}
