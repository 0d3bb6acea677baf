import { CHANNELS, Channel } from '@hailong/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  Equals,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsPhoneNumber,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateIf,
  ValidateNested,
  ValidationOptions,
} from 'class-validator';
import { nfc } from '../http/nfc';

const SLUG = /^[A-Za-z0-9._-]{1,32}$/;
const INSTANT_WITH_OFFSET = /(Z|[+-]\d{2}:\d{2})$/;

/** Profile answers: question id → option id, both as the questionnaire names them. */
function IsProfileAnswers(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isProfileAnswers',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' &&
          value !== null &&
          !Array.isArray(value) &&
          Object.keys(value).length <= 20 &&
          Object.entries(value).every(([k, v]) => SLUG.test(k) && typeof v === 'string' && /^[A-Za-z0-9<>+._-]{1,32}$/.test(v)),
        defaultMessage: () => '$property must map profile question ids to option ids',
      },
    },
    options,
  );
}

export class AnswerDto {
  @ApiProperty({ example: 'A1' })
  @Matches(SLUG)
  itemId!: string;

  @ApiProperty({ nullable: true, minimum: 1, maximum: 5, description: 'null = not answered' })
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(1)
  @Max(5)
  level!: number | null;
}

export class ExpectationDto {
  @ApiProperty({ example: 'X4' })
  @Matches(SLUG)
  itemId!: string;

  @ApiProperty({
    nullable: true,
    minimum: 1,
    maximum: 4,
    description: 'On the questionnaire’s expectation scale (1–4 by default); null = not answered',
  })
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(1)
  @Max(9)
  level!: number | null;
}

export class FormTimesDto {
  @ApiPropertyOptional({ example: '2022-04-12T09:20:00+07:00' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(INSTANT_WITH_OFFSET, { message: '$property must be a date and time with its offset' })
  startedAt?: string;

  @ApiPropertyOptional({ example: '2022-04-12T09:28:00+07:00' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(INSTANT_WITH_OFFSET, { message: '$property must be a date and time with its offset' })
  finishedAt?: string;
}

/** Optional ways to reach the respondent again: encrypted under their own key before anything is stored. */
export class ContactDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(nfc)
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ example: '0912345678', description: 'Any usual way of writing it; kept as +84…' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  @IsPhoneNumber('VN')
  phone?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(254)
  @IsEmail()
  email?: string;

  @ApiProperty({ description: 'The respondent agreed to be contacted (Decree 13/2023/NĐ-CP)' })
  @Equals(true, { message: '$property must be true: contact details need the respondent’s consent' })
  consent!: boolean;
}

/** What a paper form says, as staff key it in; shared by a new response and a correction. */
export class ResponseFormDto {
  @ApiPropertyOptional({ enum: CHANNELS, default: 'paper', description: 'The method; the campaign must use it' })
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: Channel;

  @ApiProperty({ example: 'id-card', description: 'From the questionnaire version’s procedure catalogue, for the unit’s type' })
  @Matches(SLUG)
  procedureId!: string;

  @ApiProperty({ example: '2022-04-12', description: 'When the service was delivered, Asia/Ho_Chi_Minh' })
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a date written YYYY-MM-DD' })
  serviceDate!: string;

  @ApiPropertyOptional({ description: 'Who collected the form; the signed-in staff member when absent' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9._:@-]{1,200}$/)
  surveyorId?: string;

  @ApiPropertyOptional({ type: FormTimesDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => FormTimesDto)
  form?: FormTimesDto;

  @ApiProperty({ type: [AnswerDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => AnswerDto)
  answers!: AnswerDto[];

  @ApiPropertyOptional({ type: [ExpectationDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ExpectationDto)
  expectations?: ExpectationDto[];

  @ApiPropertyOptional({ example: { respondentType: 'individual', ageGroup: '35-49' }, description: 'Profile question id → option id' })
  @IsOptional()
  @IsProfileAnswers()
  profile?: Record<string, string>;

  @ApiPropertyOptional({ maxLength: 2000, description: 'What the respondent wrote; encrypted like contact details' })
  @IsOptional()
  @Transform(nfc)
  @IsString()
  @MaxLength(2000)
  freeText?: string;

  @ApiPropertyOptional({ type: ContactDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ContactDto)
  contact?: ContactDto;
}

export const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,128}$/;
