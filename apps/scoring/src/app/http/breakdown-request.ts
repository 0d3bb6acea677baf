import { Actor, confinedUnitOf, outsideYourUnit } from '@hailong/platform/auth';
import { badRequest, FieldError, todayInVietnam } from '@hailong/platform/http';
import { BreakdownRequest, BreakdownUnavailable } from '@hailong/scoring/data-access';
import { ConflictException, HttpException, NotFoundException } from '@nestjs/common';
import { BreakdownQueryDto } from '../queries/get-breakdown/breakdown.query.dto';

/** A validated query as the breakdown computation takes it; cross-field rules refused with a 400 naming the field. */
export function breakdownRequestOf(
  campaignId: string,
  query: BreakdownQueryDto,
  actor: Actor,
  overrides: Partial<BreakdownRequest> = {},
): BreakdownRequest {
  const request: BreakdownRequest = {
    campaignId: campaignId.toLowerCase(),
    by: query.by ?? 'unit',
    structure: query.structure ?? 'as-it-was',
    on: query.on ?? todayInVietnam(),
    under: query.under?.toLowerCase() ?? null,
    period: query.period ?? 'month',
    respondentField: query.respondentField ?? null,
    timeliness: query.responses ?? 'on-time',
    from: query.from ?? null,
    to: query.to ?? null,
    channel: query.channel ?? null,
    procedureId: query.procedureId ?? null,
    ...overrides,
  };
  const errors: FieldError[] = [];
  if (request.by === 'respondentGroup' && request.respondentField === null) {
    errors.push({
      field: 'respondentField',
      reason: 'by=respondentGroup needs the profile field to group by',
      reasonVi: 'by=respondentGroup cần trường hồ sơ để nhóm',
    });
  }
  if (request.from && request.to && request.from > request.to) {
    errors.push({ field: 'to', reason: 'must not be before from', reasonVi: 'không được trước ngày bắt đầu (from)' });
  }
  if (errors.length > 0) throw badRequest(errors);
  return withinActorsUnit(request, actor);
}

/**
 * DESIGN: staff see only their own unit and the units below it unless their role is province-wide. An
 * actor tied to a unit gets figures within it: `under` defaults to their unit, and another `under` is
 * refused unless the breakdown's own grouping keeps it inside (checked when the figures are computed).
 */
function withinActorsUnit(request: BreakdownRequest, actor: Actor): BreakdownRequest {
  const own = confinedUnitOf(actor);
  if (own === null) return request;
  if (request.under !== null && request.under !== own) throw outsideYourUnit('under');
  return { ...request, under: own };
}

/** BreakdownUnavailable → 404/409 with the usual body; anything else passes through. */
export function asHttpError(error: unknown): unknown {
  if (!(error instanceof BreakdownUnavailable)) return error;
  const body = {
    statusCode: error.status,
    error: error.status === 404 ? 'Not Found' : 'Conflict',
    message: error.reason,
    messageVi: error.reasonVi,
    errors: [{ field: error.field, reason: error.reason, reasonVi: error.reasonVi }],
  };
  return error.status === 404 ? new NotFoundException(body) : new ConflictException(body);
}

export async function answering<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const mapped = asHttpError(error);
    if (mapped instanceof HttpException) throw mapped;
    throw error;
  }
}
