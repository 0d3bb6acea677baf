import { API, ApiError, ApiErrorBody, NetworkError } from '../api/http';

export type ImportFormat = 'csv' | 'xlsx';

export const MEDIA_TYPES: Record<ImportFormat, string> = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export interface RowError {
  readonly field: string;
  readonly rule?: string;
  readonly reason: string;
  readonly reasonVi: string;
}

/** One row's outcome as POST /campaigns/{id}/imports reports it (apps/survey-intake/src/app/file-import). */
export type RowOutcome =
  | { readonly row: number; readonly formNumber: string | null; readonly outcome: 'accepted' | 'duplicate'; readonly responseId: string }
  | { readonly row: number; readonly formNumber: string | null; readonly outcome: 'refused'; readonly errors: readonly RowError[] };

export interface ImportReport {
  readonly importId: string;
  readonly campaignId: string;
  readonly format: ImportFormat;
  readonly rows: readonly RowOutcome[];
  readonly summary: { readonly rows: number; readonly accepted: number; readonly duplicates: number; readonly refused: number };
  readonly complete: boolean;
  readonly stopped: { readonly row: number | null; readonly rule: string; readonly reason: string; readonly reasonVi: string } | null;
}

/** The format a file's name says; the server checks the content anyway. */
export function formatOf(fileName: string): ImportFormat | null {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.xlsx')) return 'xlsx';
  return null;
}

async function send(path: string, init: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    throw new NetworkError(error);
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as ApiErrorBody | null;
    throw new ApiError(response.status, body);
  }
  return response;
}

const templatePath = (campaignId: string, format: ImportFormat) =>
  `${API.intake}/campaigns/${encodeURIComponent(campaignId)}/import-template?format=${format}`;

export const importApi = {
  /** The file itself is the body (not multipart), so a large file streams to the service row by row. */
  upload: async (token: string, campaignId: string, file: Blob, format: ImportFormat): Promise<ImportReport> => {
    const response = await send(`${API.intake}/campaigns/${encodeURIComponent(campaignId)}/imports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, accept: 'application/json', 'content-type': MEDIA_TYPES[format] },
      body: file,
    });
    return (await response.json()) as ImportReport;
  },
  /** The template needs the bearer token, so it is fetched and handed to the browser as a download. */
  template: async (token: string, campaignId: string, format: ImportFormat): Promise<{ blob: Blob; fileName: string }> => {
    const response = await send(templatePath(campaignId, format), { headers: { authorization: `Bearer ${token}` } });
    const disposition = response.headers.get('content-disposition') ?? '';
    const fileName = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `import-template.${format}`;
    return { blob: await response.blob(), fileName };
  },
};

/** Saves a blob under a name through a temporary link. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
