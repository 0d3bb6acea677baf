import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export const DIFFERING_ANSWERS = ['exclude', 'use-recollected'] as const;

export class DifferingAnswersDto {
  @ApiPropertyOptional({
    enum: DIFFERING_ANSWERS,
    default: 'exclude',
    description: 'What re-inspected figures do with a response whose answers differ: leave it out, or count the re-collected answers',
  })
  @IsOptional()
  @IsIn(DIFFERING_ANSWERS)
  differingAnswers?: (typeof DIFFERING_ANSWERS)[number];
}
