import { ResponseData } from '@hailong/contracts';
import { IntakeRuleViolation, refuseIf, violation } from '../rule-violation';

export type ResponseStatus = 'valid' | 'voided' | 'replaced';

/** A response's place in its life: it counts while valid; voided and replaced ones stay in the log. */
export interface ResponseState {
  readonly responseId: string;
  readonly unitId: string;
  readonly campaignId: string | null;
  readonly status: ResponseStatus;
  /** The response that replaced it, once corrected. */
  readonly replacedBy: string | null;
  readonly respondentKeyId: string | null;
}

export type ResponseEvent =
  | { readonly type: 'ResponseSubmitted'; readonly data: ResponseData }
  | { readonly type: 'ResponseVoided'; readonly data: { responseId: string; unitId: string; campaignId: string | null; reason: string } }
  | { readonly type: 'ResponseCorrected'; readonly data: { responseId: string; reason: string; replacement: ResponseData } };

export type ResponseCommand =
  | { readonly type: 'VoidResponse'; readonly responseId: string; readonly reason: string }
  | { readonly type: 'CorrectResponse'; readonly responseId: string; readonly reason: string; readonly replacement: ResponseData };

/** Every response by id, as the events left them. */
export type Responses = ReadonlyMap<string, ResponseState>;

const fresh = (data: ResponseData): ResponseState => ({
  responseId: data.responseId,
  unitId: data.unitId,
  campaignId: data.campaignId,
  status: 'valid',
  replacedBy: null,
  respondentKeyId: data.personal?.respondentKeyId ?? null,
});

export function evolveResponses(responses: Responses, event: ResponseEvent): Responses {
  const next = new Map(responses);
  switch (event.type) {
    case 'ResponseSubmitted':
      next.set(event.data.responseId, fresh(event.data));
      break;
    case 'ResponseVoided': {
      const voided = next.get(event.data.responseId);
      if (voided) next.set(voided.responseId, { ...voided, status: 'voided' });
      break;
    }
    case 'ResponseCorrected': {
      const original = next.get(event.data.responseId);
      if (original) next.set(original.responseId, { ...original, status: 'replaced', replacedBy: event.data.replacement.responseId });
      next.set(event.data.replacement.responseId, fresh(event.data.replacement));
      break;
    }
  }
  return next;
}

/**
 * Voiding or correcting names an actor (in the event's envelope) and a reason, and never edits the
 * original. Only a response that still counts can be voided or corrected: a replaced one is corrected
 * through its replacement.
 */
export function decideResponse(command: ResponseCommand, state: ResponseState | null): ResponseEvent[] {
  if (!state) throw new IntakeRuleViolation([violation('responseId', 'response-unknown', 'no such response', 'không có phiếu này')]);
  const current = state;
  if (current.status === 'voided') {
    refuseIf([violation('responseId', 'response-voided', 'the response is already void', 'phiếu đã bị hủy')]);
  }
  if (current.status === 'replaced') {
    refuseIf([
      violation(
        'responseId',
        'response-replaced',
        'the response was replaced by a correction: correct or void that one',
        'phiếu đã được thay bằng phiếu sửa: hãy sửa hoặc hủy phiếu đó',
      ),
    ]);
  }
  if (command.reason.trim().length === 0) {
    refuseIf([violation('reason', 'reason-missing', 'say why', 'cần nêu lý do')]);
  }
  switch (command.type) {
    case 'VoidResponse':
      return [
        {
          type: 'ResponseVoided',
          data: { responseId: current.responseId, unitId: current.unitId, campaignId: current.campaignId, reason: command.reason },
        },
      ];
    case 'CorrectResponse': {
      const { replacement } = command;
      refuseIf([
        ...(replacement.unitId.toLowerCase() !== current.unitId.toLowerCase()
          ? [
              violation(
                'unitId',
                'correction-changes-unit',
                'a correction keeps the unit: void the response and enter it again under the right unit',
                'phiếu sửa giữ nguyên đơn vị: hãy hủy phiếu và nhập lại cho đúng đơn vị',
              ),
            ]
          : []),
        ...(replacement.campaignId !== current.campaignId
          ? [violation('campaignId', 'correction-changes-campaign', 'a correction keeps the campaign', 'phiếu sửa giữ nguyên đợt khảo sát')]
          : []),
        ...(replacement.responseId === current.responseId
          ? [violation('responseId', 'replacement-same-id', 'the replacement needs an id of its own', 'phiếu thay thế cần mã riêng')]
          : []),
      ]);
      return [{ type: 'ResponseCorrected', data: { responseId: current.responseId, reason: command.reason, replacement } }];
    }
  }
}

/** Responses that count, per unit: submitted or put in as a correction, and neither voided nor replaced since. */
export function validResponsesByUnit(responses: Responses): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of responses.values()) {
    if (r.status === 'valid') counts.set(r.unitId, (counts.get(r.unitId) ?? 0) + 1);
  }
  return counts;
}
