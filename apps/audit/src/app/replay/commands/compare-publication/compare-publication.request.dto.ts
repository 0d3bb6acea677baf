import { ApiProperty } from '@nestjs/swagger';
import { IsObject } from 'class-validator';

export class ComparePublicationRequestDto {
  @ApiProperty({ description: 'The data of a CampaignScoresPublished event (checked against its contract schema)' })
  @IsObject()
  published!: Record<string, unknown>;
}
