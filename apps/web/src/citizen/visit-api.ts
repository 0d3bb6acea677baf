import { API, apiGet, apiRequest } from '../api/http';
import type { Labelled, RatingBody, RatingQuestions } from './rating-form-model';

/** GET /counter/visit as survey-intake answers it (apps/survey-intake/src/app/counter/queries/get-visit). */
export interface Visit {
  readonly unitId: string;
  readonly campaignId: string;
  readonly procedureId: string;
  readonly serviceDate: string;
  readonly expiresAt: string;
  readonly used: boolean;
  readonly unit: { readonly nameVi: string; readonly nameEn: string } | null;
  readonly procedure: Labelled | null;
  readonly form: RatingQuestions | null;
}

export interface RatingAccepted {
  readonly responseId: string;
  readonly created: boolean;
  /** The receipt on the audit, through the gateway: /api/audit/receipts/{responseId}. */
  readonly receiptPath: string;
}

/** GET /api/audit/receipts/{responseId}: where the response is in the ledger, and the checkpoint covering it once signed. */
export interface Receipt {
  readonly responseId: string;
  readonly ledger: string;
  readonly sequence: number;
  readonly hash: string;
  readonly status: 'covered' | 'awaiting-checkpoint';
}

export const VISIT_TOKEN_HEADER = 'x-visit-token';

/**
 * The token of the QR code's link: `…/counter#t=<token>`. It is in the fragment, which browsers never
 * send to a server, and travels to the API in a header only.
 */
export function tokenFromHash(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('t');
  return token && /^[A-Za-z0-9_-]{43}$/.test(token) ? token : null;
}

export const visitApi = {
  visit: (token: string, signal?: AbortSignal) =>
    apiGet<Visit>(`${API.intake}/counter/visit`, { headers: { [VISIT_TOKEN_HEADER]: token }, signal }),
  rate: (token: string, body: RatingBody) =>
    apiRequest<RatingAccepted>('POST', `${API.intake}/counter/ratings`, { body, headers: { [VISIT_TOKEN_HEADER]: token } }),
  // Only a path intake gave (under /api/audit/receipts/) is followed.
  receipt: (receiptPath: string, signal?: AbortSignal) => {
    if (!/^\/api\/audit\/receipts\/[0-9a-f-]{36}$/.test(receiptPath)) throw new Error(`not a receipt path: ${receiptPath}`);
    return apiGet<Receipt>(receiptPath, { signal });
  },
};
