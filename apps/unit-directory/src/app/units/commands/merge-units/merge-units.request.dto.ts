import { UNIT_TYPES, UnitType } from '@hailong/contracts';
import { MergeUnits } from '@hailong/directory/domain';
import { badRequest, IsLocalDate } from '@hailong/platform/http';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  isUUID,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { randomUUID } from 'node:crypto';
import { nfc } from '../../http/nfc';

/** A new unit registered by the merger itself, valid from its date; it may reuse a merged unit's code. */
export class NewSuccessorDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Chosen by the caller to make a retry safe; generated when absent' })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiProperty({ example: '08707' })
  @Matches(/^[A-Za-z0-9._-]{1,32}$/)
  code!: string;

  @ApiProperty({ enum: UNIT_TYPES })
  @IsIn(UNIT_TYPES)
  unitType!: UnitType;

  @ApiProperty({ example: 'Công an phường Vĩnh Yên' })
  @Transform(nfc)
  @IsString()
  @Length(1, 200)
  nameVi!: string;

  @ApiProperty({ example: 'Vinh Yen Ward Police' })
  @Transform(nfc)
  @IsString()
  @Length(1, 200)
  nameEn!: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  parentId?: string;

  @ApiPropertyOptional({ example: '08707' })
  @IsOptional()
  @Matches(/^[0-9]{1,16}$/)
  areaCode?: string;
}

/** Several units merged into one successor: an existing unit that carries on, or a new one. */
export class MergeUnitsRequestDto {
  @ApiProperty({ type: [String], format: 'uuid' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  unitIds!: string[];

  @ApiPropertyOptional({ format: 'uuid', description: 'An existing successor; or give `successor` to register a new one' })
  @IsOptional()
  @IsUUID()
  successorId?: string;

  @ApiPropertyOptional({ type: NewSuccessorDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => NewSuccessorDto)
  successor?: NewSuccessorDto;

  @IsLocalDate()
  effectiveDate!: string;

  @ApiPropertyOptional({
    description: 'The version (ETag) of each merged unit as you read it, by unit id; any that changed since gives 412',
    example: { '6c1f0c3e-8a43-4c1e-9d3b-1c7a9e0f5b21': 3 },
  })
  @IsOptional()
  @ValidateBy({
    name: 'isVersionMap',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'object' &&
        value !== null &&
        Object.entries(value).every(([id, v]) => isUUID(id) && Number.isInteger(v) && v >= 1),
      defaultMessage: () => '$property must map unit ids (UUID) to versions (whole numbers from 1)',
    },
  })
  expectedVersions?: Record<string, number>;

  toCommand(): MergeUnits {
    const { unitIds, effectiveDate } = this;
    if (!this.successor) {
      if (!this.successorId) {
        throw badRequest([
          {
            field: 'successorId',
            reason: 'name an existing successorId or describe a new successor',
            reasonVi: 'cần nêu đơn vị kế thừa (successorId) hoặc mô tả đơn vị kế thừa mới (successor)',
          },
        ]);
      }
      return { type: 'MergeUnits', unitIds, successorId: this.successorId, effectiveDate };
    }
    const successor = {
      ...this.successor,
      unitId: this.successor.unitId ?? randomUUID(),
      parentId: this.successor.parentId ?? null,
      areaCode: this.successor.areaCode ?? null,
    };
    return { type: 'MergeUnits', unitIds, successorId: this.successorId ?? successor.unitId, successor, effectiveDate };
  }
}
