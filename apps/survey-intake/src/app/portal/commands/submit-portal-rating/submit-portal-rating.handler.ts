import { Actor } from '@hailong/platform/auth';
import { Injectable } from '@nestjs/common';
import { SubmitResponseHandler, SubmitResponseResult } from '../../../responses/commands/submit-response/submit-response.handler';
import { SubmitResponseRequestDto } from '../../../responses/commands/submit-response/submit-response.request.dto';
import { SubmitPortalRatingRequestDto } from './submit-portal-rating.request.dto';

/** The idempotency key a dossier's rating is stored under: the same dossier is one response, whichever key signed it. */
export const portalIdempotencyKey = (dossierId: string) => `portal:${dossierId}`;

/** Maps the portal's rating onto the one submission path: channel portal, the dossier as the idempotency key. */
@Injectable()
export class SubmitPortalRatingHandler {
  constructor(private readonly submissions: SubmitResponseHandler) {}

  execute(request: SubmitPortalRatingRequestDto, portal: Actor, correlationId: string): Promise<SubmitResponseResult> {
    const { dossierId, ...form } = request;
    const submission: SubmitResponseRequestDto = { ...form, channel: 'portal', idempotencyKey: portalIdempotencyKey(dossierId) };
    return this.submissions.execute(submission, portal, correlationId, {
      eventActor: { id: portal.id, kind: 'channel', roles: portal.roles },
      collectedBy: null,
    });
  }
}
