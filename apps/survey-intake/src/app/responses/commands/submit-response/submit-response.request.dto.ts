import { CHANNELS, Channel } from '@hailong/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

export class AnswerDto {
  @ApiProperty({ example: 'A1' })
  @Matches(/^[A-Za-z0-9._-]{1,32}$/)
  itemId!: string;

  @ApiProperty({ nullable: true, minimum: 1, maximum: 5, description: 'null = not answered' })
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(1)
  @Max(5)
  level!: number | null;
}

export class SubmitResponseRequestDto {
  @ApiProperty({ description: 'The same key always yields the same response; a retry never counts twice.' })
  @Matches(/^[A-Za-z0-9._:-]{8,128}$/)
  idempotencyKey!: string;

  @ApiProperty()
  @IsUUID()
  unitId!: string;

  @ApiProperty({ enum: CHANNELS, default: 'paper' })
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: Channel;

  @ApiProperty({ type: [AnswerDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => AnswerDto)
  answers!: AnswerDto[];
}
