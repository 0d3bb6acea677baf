import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, Length, Matches } from 'class-validator';
import { nfc } from '../../../http/nfc';
import { IDEMPOTENCY_KEY, ResponseFormDto } from '../../response-form.dto';

/** The whole form as it should have been keyed in; the unit and the campaign stay those of the original. */
export class CorrectResponseRequestDto extends ResponseFormDto {
  @ApiProperty({ description: 'The same key always yields the same correction.' })
  @Matches(IDEMPOTENCY_KEY)
  idempotencyKey!: string;

  @ApiProperty({ example: 'Câu A2 nhập nhầm mức', description: 'Why; recorded in the event' })
  @Transform(nfc)
  @IsString()
  @Length(1, 500)
  reason!: string;
}
