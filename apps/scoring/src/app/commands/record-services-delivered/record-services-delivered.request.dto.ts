import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsNumber, IsOptional, IsUUID, Max, Min, ValidateNested } from 'class-validator';

export class UnitServicesDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  unitId!: string;

  @ApiProperty({ example: 1200, description: 'Services (dossiers) the unit delivered in the campaign period: N' })
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  servicesDelivered!: number;
}

/** N per unit for sample-size planning; a later entry for a unit replaces the earlier one. */
export class RecordServicesDeliveredRequestDto {
  @ApiPropertyOptional({ example: 0.05, description: 'Margin of error e; 5% when absent' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.001)
  @Max(0.5)
  marginOfError?: number;

  @ApiProperty({ type: [UnitServicesDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5000)
  @ValidateNested({ each: true })
  @Type(() => UnitServicesDto)
  units!: UnitServicesDto[];
}
