import { SERVICES } from '@hailong/contracts';
import { z } from 'zod';
import { checkpointFields, PublishedCheckpointKey, verifyCheckpointSignature } from './checkpoint-signing';
import { LedgerObservation } from './observation';

const hash = z.string().regex(/^[0-9a-f]{64}$/);

/**
 * What a respondent keeps: their response's id, the event that accepted it, its ledger place and hash,
 * and (once one exists) the signed checkpoint covering that place. Extra fields (the log location,
 * hints) are allowed and ignored, so the JSON of GET /receipts/{responseId} is a receipt as it stands.
 */
export const receiptSchema = z.object({
  responseId: z.uuid(),
  eventId: z.uuid(),
  ledger: z.enum(SERVICES),
  sequence: z.number().int().positive(),
  hash,
  checkpoint: checkpointFields.nullable().optional(),
});
export type Receipt = z.output<typeof receiptSchema>;

export interface ReceiptVerdict {
  readonly verified: boolean;
  readonly reason: string;
  readonly reasonVi: string;
  /** Ledger places whose hashes were walked, from the checkpoint's head down to the receipt's place. */
  readonly placesChecked: number;
  readonly checkpoint: { readonly checkpointId: string; readonly keyId: string; readonly sequence: number; readonly hash: string } | null;
}

const refuse = (reason: string, reasonVi: string, placesChecked = 0, checkpoint: ReceiptVerdict['checkpoint'] = null): ReceiptVerdict => ({
  verified: false,
  reason,
  reasonVi,
  placesChecked,
  checkpoint,
});

/**
 * Checks a receipt with nothing but the log, a checkpoint and the published keys: the checkpoint's
 * signature, then the hash chain from the checkpoint's head back to the receipt's place — each step the
 * event whose hash the one above names as its predecessor — and finally that the event reached is the
 * receipt's: same hash, same event id, same response. Any event on the way altered, removed or replaced
 * breaks the walk. Extra events (relay repeats, insertions) do not matter: only the hashes named are followed.
 */
export function verifyReceipt(input: {
  readonly receipt: unknown;
  readonly checkpoint?: unknown;
  readonly keys: readonly PublishedCheckpointKey[];
  readonly observations: Iterable<LedgerObservation>;
}): ReceiptVerdict {
  const parsed = receiptSchema.safeParse(input.receipt);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return refuse(
      `not a receipt: ${issue.path.join('.') || '(root)'}: ${issue.message}`,
      `không phải biên nhận hợp lệ: ${issue.path.join('.') || '(gốc)'}`,
    );
  }
  const receipt = parsed.data;
  const checkpointInput = input.checkpoint ?? receipt.checkpoint;
  if (!checkpointInput) {
    return refuse(
      'no checkpoint covers this receipt yet: nothing signed to check it against',
      'chưa có điểm kiểm tra nào bao phủ biên nhận này',
    );
  }
  const signature = verifyCheckpointSignature(checkpointInput, input.keys);
  if (!signature.valid) return refuse(`checkpoint refused: ${signature.reason}`, `điểm kiểm tra bị từ chối: ${signature.reasonVi}`);
  const checkpoint = checkpointFields.parse(checkpointInput);
  const summary = { checkpointId: checkpoint.checkpointId, keyId: checkpoint.keyId, sequence: checkpoint.sequence, hash: checkpoint.hash };
  if (checkpoint.ledger !== receipt.ledger) {
    return refuse(
      `the checkpoint is of ledger ${checkpoint.ledger}, the receipt of ${receipt.ledger}`,
      'điểm kiểm tra thuộc sổ cái khác',
      0,
      summary,
    );
  }
  if (checkpoint.sequence < receipt.sequence) {
    return refuse(
      `the checkpoint ends at place ${checkpoint.sequence}, before the receipt's place ${receipt.sequence}`,
      `điểm kiểm tra dừng ở vị trí ${checkpoint.sequence}, trước vị trí ${receipt.sequence} của biên nhận`,
      0,
      summary,
    );
  }

  // Only the places the walk needs, by hash: a repeat or a competing event at a place costs nothing.
  const byPlace = new Map<number, Map<string, LedgerObservation>>();
  for (const o of input.observations) {
    if (o.source !== receipt.ledger || !o.ledger) continue;
    if (o.ledger.sequence < receipt.sequence || o.ledger.sequence > checkpoint.sequence) continue;
    const atPlace = byPlace.get(o.ledger.sequence) ?? new Map<string, LedgerObservation>();
    if (!atPlace.has(o.hash)) atPlace.set(o.hash, o);
    byPlace.set(o.ledger.sequence, atPlace);
  }
  let expected = checkpoint.hash;
  let checked = 0;
  for (let s = checkpoint.sequence; s >= receipt.sequence; s -= 1) {
    const found = byPlace.get(s)?.get(expected);
    if (!found) {
      const present = byPlace.get(s)?.size ?? 0;
      return refuse(
        present
          ? `the log's event at place ${s} is not the one the chain names (hash ${expected.slice(0, 12)}…): it was altered or replaced`
          : `the log has no event at place ${s}: it was removed`,
        present
          ? `sự kiện ở vị trí ${s} không phải sự kiện mà chuỗi băm ghi nhận: đã bị sửa hoặc thay thế`
          : `nhật ký không có sự kiện ở vị trí ${s}: đã bị xóa`,
        checked,
        summary,
      );
    }
    checked += 1;
    if (s === receipt.sequence) {
      if (found.hash !== receipt.hash) {
        return refuse(
          `the event the checkpoint's chain holds at place ${s} has another hash than the receipt`,
          'mã băm của biên nhận khác với sự kiện trên chuỗi',
          checked,
          summary,
        );
      }
      if (found.eventId !== receipt.eventId || found.responseId !== receipt.responseId) {
        return refuse(
          `the event at place ${s} is not the receipt's event or response`,
          `sự kiện ở vị trí ${s} không phải sự kiện của biên nhận`,
          checked,
          summary,
        );
      }
      break;
    }
    expected = (found.ledger as { previousHash: string }).previousHash;
  }
  return {
    verified: true,
    reason: `response ${receipt.responseId} is in ${receipt.ledger}'s ledger at place ${receipt.sequence}, under checkpoint ${checkpoint.checkpointId} signed by key ${checkpoint.keyId} at place ${checkpoint.sequence}`,
    reasonVi: `phản hồi ${receipt.responseId} có trong sổ cái ${receipt.ledger} ở vị trí ${receipt.sequence}, được bao phủ bởi điểm kiểm tra đã ký ở vị trí ${checkpoint.sequence}`,
    placesChecked: checked,
    checkpoint: summary,
  };
}
