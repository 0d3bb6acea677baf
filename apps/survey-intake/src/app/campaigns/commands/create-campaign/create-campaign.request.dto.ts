import { CHANNELS, Channel, UNIT_TYPES, UnitType } from '@hailong/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { nfc } from '../../../http/nfc';

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

export class PeriodDto {
  @ApiProperty({ example: '2022-04-01', description: 'First day, Asia/Ho_Chi_Minh' })
  @IsISO8601({ strict: true })
  @Matches(LOCAL_DATE, { message: '$property must be a date written YYYY-MM-DD' })
  from!: string;

  @ApiProperty({ example: '2022-05-31', description: 'Last day (included), Asia/Ho_Chi_Minh' })
  @IsISO8601({ strict: true })
  @Matches(LOCAL_DATE, { message: '$property must be a date written YYYY-MM-DD' })
  to!: string;
}

export class ScopeDto {
  @ApiPropertyOptional({ type: [String], description: 'Units in scope by id' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5000)
  @IsUUID('all', { each: true })
  unitIds?: string[];

  @ApiPropertyOptional({ enum: UNIT_TYPES, isArray: true, description: 'Units of these types on the service date' })
  @IsOptional()
  @IsArray()
  @IsIn(UNIT_TYPES, { each: true })
  unitTypes?: UnitType[];

  @ApiPropertyOptional({ description: 'Only units of those types at or below this unit on the service date' })
  @IsOptional()
  @IsUUID()
  withinUnitId?: string;
}

export class QuestionnaireChoiceDto {
  @ApiProperty({ example: 'current' })
  @Matches(/^[A-Za-z0-9._-]{1,32}$/)
  questionnaireId!: string;

  @ApiPropertyOptional({ description: 'The latest version when absent; the campaign pins the one it got' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class UnitTargetDto {
  @ApiProperty()
  @IsUUID()
  unitId!: string;

  @ApiProperty({ minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  target!: number;
}

export class TargetSampleDto {
  @ApiProperty({ minimum: 1, description: 'Responses wanted per unit' })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  perUnit!: number;

  @ApiPropertyOptional({ type: [UnitTargetDto], description: 'Units that need another target' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5000)
  @ValidateNested({ each: true })
  @Type(() => UnitTargetDto)
  byUnit?: UnitTargetDto[];
}

export class CreateCampaignRequestDto {
  @ApiPropertyOptional({ description: 'Chosen by the caller to make a retry safe; generated when absent' })
  @IsOptional()
  @IsUUID()
  campaignId?: string;

  @ApiProperty({ example: 'Khảo sát sự hài lòng năm 2022' })
  @Transform(nfc)
  @IsString()
  @Length(1, 200)
  nameVi!: string;

  @ApiProperty({ example: 'Satisfaction survey 2022' })
  @Transform(nfc)
  @IsString()
  @Length(1, 200)
  nameEn!: string;

  @ApiProperty({ type: PeriodDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => PeriodDto)
  period!: PeriodDto;

  @ApiProperty({ type: ScopeDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ScopeDto)
  scope!: ScopeDto;

  @ApiProperty({ enum: CHANNELS, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(CHANNELS, { each: true })
  methods!: Channel[];

  @ApiPropertyOptional({ type: QuestionnaireChoiceDto, description: "The default questionnaire ('current', latest version) when absent" })
  @IsOptional()
  @ValidateNested()
  @Type(() => QuestionnaireChoiceDto)
  questionnaire?: QuestionnaireChoiceDto;

  @ApiProperty({ type: TargetSampleDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => TargetSampleDto)
  targetSample!: TargetSampleDto;

  @ApiPropertyOptional({ default: 30, description: 'Below this many valid responses a unit is flagged, not ranked' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  minimumSample?: number;
}
