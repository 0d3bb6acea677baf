import { ApiProperty, OmitType } from '@nestjs/swagger';
import { IsUUID, Matches } from 'class-validator';
import { ResponseFormDto } from '../../../responses/response-form.dto';

/** The portal's dossier numbers (such as H26.01-220412-0001): the rating's identity on the portal's side. */
export const DOSSIER_ID = /^[A-Za-z0-9._-]{1,100}$/;

/** A completed dossier's rating as the portal sends it; the channel is the portal, nobody collected it by hand. */
export class SubmitPortalRatingRequestDto extends OmitType(ResponseFormDto, ['channel', 'surveyorId'] as const) {
  @ApiProperty({ example: 'H26.01-220412-0001', description: 'The portal’s dossier id: one rating per dossier, however often it is sent' })
  @Matches(DOSSIER_ID)
  dossierId!: string;

  @ApiProperty({ description: 'An open campaign that uses the portal method' })
  @IsUUID()
  campaignId!: string;

  @ApiProperty({ description: 'The unit that handled the dossier, as it was on the service date' })
  @IsUUID()
  unitId!: string;
}
