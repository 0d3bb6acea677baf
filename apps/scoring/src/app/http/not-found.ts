import { NotFoundException } from '@nestjs/common';

/** A 404 in the platform's error shape, naming the path parameter that names nothing. */
export function notFound(field: string, reason: string, reasonVi: string): NotFoundException {
  return new NotFoundException({
    statusCode: 404,
    error: 'Not Found',
    message: reason,
    messageVi: reasonVi,
    errors: [{ field, reason, reasonVi }],
  });
}

/** Scoring learns of a campaign from intake's events, so one just created may be unknown here for a moment. */
export const campaignUnknownToScoring = (): NotFoundException =>
  notFound('campaignId', 'scoring knows no such campaign (yet)', 'hệ thống chấm điểm chưa biết chiến dịch này');
