import { ApiProperty } from '@nestjs/swagger';
import { IsUUID, Matches } from 'class-validator';
import { IDEMPOTENCY_KEY, ResponseFormDto } from '../../response-form.dto';

export { AnswerDto } from '../../response-form.dto';

export class SubmitResponseRequestDto extends ResponseFormDto {
  @ApiProperty({ description: 'The same key always yields the same response; a retry never counts twice.' })
  @Matches(IDEMPOTENCY_KEY)
  idempotencyKey!: string;

  @ApiProperty({ description: 'An open campaign that uses this method' })
  @IsUUID()
  campaignId!: string;

  @ApiProperty({ description: 'The unit as it was on the service date' })
  @IsUUID()
  unitId!: string;
}
