import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, Matches } from 'class-validator';
import { LOCAL_DATE_MESSAGE } from './local-date';

/** `?on=YYYY-MM-DD`: the directory as it was on that date (Asia/Ho_Chi_Minh). */
export class AsOfQueryDto {
  @ApiPropertyOptional({ example: '2022-05-01', description: 'As it was on this date; today when absent' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: LOCAL_DATE_MESSAGE })
  on?: string;
}
