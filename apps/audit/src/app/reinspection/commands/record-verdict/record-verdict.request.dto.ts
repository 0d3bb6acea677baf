import { Verdict, VERDICTS } from '@hailong/audit/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

export class RecollectedAnswerDto {
  @ApiProperty({ example: 'A1' })
  @Matches(/^[A-Za-z0-9._-]{1,32}$/)
  itemId!: string;

  @ApiProperty({ nullable: true, minimum: 1, maximum: 5, description: 'null when the respondent left it unanswered' })
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(1)
  @Max(5)
  level!: number | null;
}

export class RecordVerdictRequestDto {
  @ApiProperty({ enum: VERDICTS })
  @IsIn(VERDICTS)
  verdict!: Verdict;

  @ApiPropertyOptional({
    type: [RecollectedAnswerDto],
    description: 'With answers-differ only: the answers as the respondent gives them now',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => RecollectedAnswerDto)
  recollectedAnswers?: RecollectedAnswerDto[];
}
