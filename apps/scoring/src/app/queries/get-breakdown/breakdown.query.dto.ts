import { CHANNELS } from '@hailong/contracts';
import { BREAKDOWN_DIMENSIONS, BreakdownDimension, PERIOD_SIZES, PeriodSize, Structure, STRUCTURES } from '@hailong/scoring/data-access';
import { LOCAL_DATE_MESSAGE } from '@hailong/platform/http';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsUUID, Matches } from 'class-validator';

const SLUG = /^[A-Za-z0-9._-]{1,32}$/;
export const TIMELINESS = ['on-time', 'late', 'all'] as const;

/** Which figures of a campaign, broken down how: every query parameter of the figure endpoints. */
export class BreakdownQueryDto {
  @ApiPropertyOptional({ enum: BREAKDOWN_DIMENSIONS, default: 'unit', description: 'The dimension of the groups' })
  @IsOptional()
  @IsIn(BREAKDOWN_DIMENSIONS)
  by?: BreakdownDimension;

  @ApiPropertyOptional({
    enum: STRUCTURES,
    default: 'as-it-was',
    description: 'Units as they were on each service date, or rolled up into the structure of `on` through the directory lineage',
  })
  @IsOptional()
  @IsIn(STRUCTURES)
  structure?: Structure;

  @ApiPropertyOptional({
    example: '2025-08-01',
    description: 'The structure date of a rolled-up breakdown (Asia/Ho_Chi_Minh); today when absent',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: LOCAL_DATE_MESSAGE })
  on?: string;

  @ApiPropertyOptional({ description: 'Only responses within this unit; with by=unit, its children are the groups (drill-down)' })
  @IsOptional()
  @IsUUID()
  under?: string;

  @ApiPropertyOptional({ enum: PERIOD_SIZES, default: 'month', description: 'Period of by=period (ISO weeks start on Monday)' })
  @IsOptional()
  @IsIn(PERIOD_SIZES)
  period?: PeriodSize;

  @ApiPropertyOptional({ example: 'respondentType', description: 'Profile field of by=respondentGroup' })
  @IsOptional()
  @Matches(SLUG)
  respondentField?: string;

  @ApiPropertyOptional({
    enum: TIMELINESS,
    default: 'on-time',
    description: 'Late responses (accepted after the close) are shown separately',
  })
  @IsOptional()
  @IsIn(TIMELINESS)
  responses?: (typeof TIMELINESS)[number];

  @ApiPropertyOptional({ example: '2022-04-01', description: 'First service date counted' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: LOCAL_DATE_MESSAGE })
  from?: string;

  @ApiPropertyOptional({ example: '2022-05-31', description: 'Last service date counted' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: LOCAL_DATE_MESSAGE })
  to?: string;

  @ApiPropertyOptional({ enum: CHANNELS })
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: string;

  @ApiPropertyOptional({ example: 'passport' })
  @IsOptional()
  @Matches(SLUG)
  procedureId?: string;
}
