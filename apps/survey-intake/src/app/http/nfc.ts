/** Text is stored in Unicode NFC, trimmed, whatever form the caller's keyboard produced. */
export const nfc = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.normalize('NFC').trim() : value);
