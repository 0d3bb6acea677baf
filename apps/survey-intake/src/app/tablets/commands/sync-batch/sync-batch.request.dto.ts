import { ApiProperty, OmitType } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsObject, IsUUID, Matches } from 'class-validator';
import { ResponseFormDto } from '../../../responses/response-form.dto';

/** One form as the tablet collected it offline, under the tablet's own id for it. */
export class TabletResponseDto extends OmitType(ResponseFormDto, ['channel', 'surveyorId'] as const) {
  @ApiProperty({
    example: 'r-000123',
    description: 'The tablet’s own id for this form: the same id is the same response, however often synced',
  })
  @Matches(/^[A-Za-z0-9._-]{1,64}$/)
  tabletResponseId!: string;

  @ApiProperty()
  @IsUUID()
  campaignId!: string;

  @ApiProperty()
  @IsUUID()
  unitId!: string;
}

/** Each response is checked on its own: one bad form never holds back the others. */
export class SyncBatchRequestDto {
  @ApiProperty({ type: [TabletResponseDto], maxItems: 500 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsObject({ each: true })
  responses!: Record<string, unknown>[];
}
