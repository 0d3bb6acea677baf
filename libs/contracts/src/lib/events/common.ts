import { z } from 'zod';

/** A calendar date in Asia/Ho_Chi_Minh, as people and decrees state them: YYYY-MM-DD. */
export const localDate = z.iso.date();

export const uuid = z.uuid();

/** Normalised text with a length limit; Vietnamese text is stored in Unicode NFC. */
export const text = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => s === s.normalize('NFC'), 'must be Unicode NFC');
