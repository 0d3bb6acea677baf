import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsISO8601, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';

export class IssueVisitTokenRequestDto {
  @ApiProperty({ description: 'An open campaign that uses the counter method' })
  @IsUUID()
  campaignId!: string;

  @ApiProperty({ description: 'The unit whose counter handed the case back' })
  @IsUUID()
  unitId!: string;

  @ApiProperty({ example: 'id-card' })
  @Matches(/^[A-Za-z0-9._-]{1,32}$/)
  procedureId!: string;

  @ApiPropertyOptional({ example: '2022-04-12', description: 'The day the case was handed back; today in Vietnam when absent' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a date written YYYY-MM-DD' })
  serviceDate?: string;

  @ApiPropertyOptional({ description: 'How long the token can be used, in seconds (default COUNTER_TOKEN_VALID_MINUTES)' })
  @IsOptional()
  @IsInt()
  @Min(5)
  @Max(30 * 24 * 3600)
  validForSeconds?: number;
}
