import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { ALL_ROLES, Role } from '@hailong/contracts';
import { normalizeUsername, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, USERNAME_PATTERN } from '../account-rules';

export class CreateAccountRequest {
  @ApiProperty({ example: 'nguyen.van.a', description: 'Stored lower-cased' })
  @Transform(({ value }) => (typeof value === 'string' ? normalizeUsername(value) : value))
  @IsString()
  @Matches(USERNAME_PATTERN, {
    message: 'username must be 3 to 64 letters, digits, ".", "_" or "-"',
  })
  username!: string;

  @ApiProperty({ format: 'password', minLength: PASSWORD_MIN_LENGTH })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(PASSWORD_MAX_LENGTH)
  password!: string;

  @ApiProperty({ example: 'Nguyễn Văn A' })
  // Vietnamese names are stored composed (NFC), whatever form the caller's keyboard produced.
  @Transform(({ value }) => (typeof value === 'string' ? value.normalize('NFC').trim() : value))
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  displayName!: string;

  @ApiProperty({ enum: ALL_ROLES, isArray: true })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @IsIn(ALL_ROLES, { each: true })
  roles!: Role[];

  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID()
  unitId?: string | null;
}
