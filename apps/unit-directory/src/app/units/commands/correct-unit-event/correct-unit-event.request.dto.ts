import { CORRECTABLE_EVENT_TYPES, UNIT_TYPES, UnitType } from '@hailong/contracts';
import { CorrectUnitEvent, DirectoryRuleViolation, effectiveDateOf } from '@hailong/directory/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsDefined, IsIn, IsObject, IsOptional, IsString, IsUUID, Length, Matches, ValidateNested } from 'class-validator';
import { nfc } from '../../http/nfc';
import { DirectoryLog } from '../../store/directory-log';

/** The values the mistaken event should have carried; only the fields given are corrected. */
export class UnitCorrectionsDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,32}$/)
  code?: string;

  @ApiPropertyOptional({ enum: UNIT_TYPES })
  @IsOptional()
  @IsIn(UNIT_TYPES)
  unitType?: UnitType;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(nfc)
  @IsString()
  @Length(1, 200)
  nameVi?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(nfc)
  @IsString()
  @Length(1, 200)
  nameEn?: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID()
  parentId?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @Matches(/^[0-9]{1,16}$/)
  areaCode?: string | null;
}

/** Corrects a mistaken event of the unit with a compensating one; history itself is never edited. */
export class CorrectUnitEventRequestDto {
  @ApiProperty({
    format: 'uuid',
    description: `The id of the mistaken event (one of ${CORRECTABLE_EVENT_TYPES.join(', ')}) in this unit's history`,
  })
  @IsUUID()
  correctedEventId!: string;

  @ApiProperty({ type: UnitCorrectionsDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => UnitCorrectionsDto)
  corrections!: UnitCorrectionsDto;

  @ApiProperty({ example: 'Tên tiếng Anh bị gõ sai' })
  @Transform(nfc)
  @IsString()
  @Length(1, 1000)
  reason!: string;

  /** The mistaken event's type and date come from the unit's own history, never from the caller. */
  toCommand(unitId: string, log: DirectoryLog): CorrectUnitEvent {
    const corrected = log.event(this.correctedEventId);
    if (!corrected || corrected.unitId !== unitId) {
      throw new DirectoryRuleViolation(
        'correctedEventId',
        'event-unknown',
        `event ${this.correctedEventId} is not in the history of unit ${unitId}`,
        `sự kiện ${this.correctedEventId} không có trong lịch sử của đơn vị ${unitId}`,
      );
    }
    return {
      type: 'CorrectUnitEvent',
      unitId,
      correctedEventId: this.correctedEventId,
      correctedEventType: corrected.event.type,
      effectiveDate: effectiveDateOf(corrected.event),
      corrections: Object.fromEntries(Object.entries(this.corrections).filter(([, value]) => value !== undefined)),
      reason: this.reason,
    };
  }
}
