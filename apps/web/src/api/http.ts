/**
 * Every API call goes to this origin: the gateway routes /api/<service>/… and /auth/… to the services,
 * so the browser needs no CORS and the app needs no service addresses.
 */
export const API = {
  auth: '/auth',
  directory: '/api/directory',
  intake: '/api/intake',
  scoring: '/api/scoring',
  audit: '/api/audit',
} as const;

/** The services' error body: the same reason in English and Vietnamese, and the fields at fault. */
export interface ApiErrorBody {
  statusCode?: number;
  error?: string;
  message?: string | string[];
  messageVi?: string;
  errors?: { field: string; reason?: string; reasonVi?: string; reasons?: string[] }[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody | null,
  ) {
    super(Array.isArray(body?.message) ? body.message.join('; ') : (body?.message ?? `HTTP ${status}`));
    this.name = 'ApiError';
  }

  /** The message in the reader's language when the service gave one. */
  messageIn(language: string): string | null {
    if (language === 'vi' && this.body?.messageVi) return this.body.messageVi;
    return typeof this.body?.message === 'string' ? this.body.message : null;
  }
}

/** fetch itself failed: offline, gateway down, or the request was refused before any answer. */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'NetworkError';
  }
}

type UnauthorizedListener = () => void;
let onUnauthorized: UnauthorizedListener = () => undefined;

/** The session provider signs out when any call with a token is answered 401 (expired or revoked). */
export function setUnauthorizedListener(listener: UnauthorizedListener): () => void {
  onUnauthorized = listener;
  return () => {
    if (onUnauthorized === listener) onUnauthorized = () => undefined;
  };
}

export interface RequestOptions {
  token?: string | null;
  body?: unknown;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

export async function apiRequest<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      signal: options.signal,
      headers: {
        accept: 'application/json',
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...options.headers,
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new NetworkError(error);
  }
  const text = await response.text();
  let parsed: unknown = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
  }
  if (!response.ok) {
    if (response.status === 401 && options.token) onUnauthorized();
    throw new ApiError(response.status, parsed as ApiErrorBody | null);
  }
  return parsed as T;
}

export const apiGet = <T>(path: string, options?: RequestOptions) => apiRequest<T>('GET', path, options);
export const apiPost = <T>(path: string, body: unknown, options?: RequestOptions) => apiRequest<T>('POST', path, { ...options, body });

/** Query string from defined values only. */
export function query(params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
