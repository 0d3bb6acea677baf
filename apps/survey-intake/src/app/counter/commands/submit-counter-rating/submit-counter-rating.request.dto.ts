import { OmitType } from '@nestjs/swagger';
import { ResponseFormDto } from '../../../responses/response-form.dto';

/** The short citizen form: the answers; the visit (unit, procedure, campaign, day) comes from the token. */
export class SubmitCounterRatingRequestDto extends OmitType(ResponseFormDto, [
  'channel',
  'surveyorId',
  'procedureId',
  'serviceDate',
] as const) {}
