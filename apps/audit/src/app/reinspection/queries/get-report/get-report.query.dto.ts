import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { DifferingAnswersDto } from '../../commands/close-reinspection/close-reinspection.request.dto';

export const REPORT_FORMATS = ['xlsx', 'pdf'] as const;

export class ReportQueryDto extends DifferingAnswersDto {
  @ApiProperty({ enum: REPORT_FORMATS })
  @IsIn(REPORT_FORMATS)
  format!: (typeof REPORT_FORMATS)[number];
}
