import i18n from '../i18n';

/** An error answered by the node (`{code, message}`, message already in the UI language) or a network failure. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

/** Fired when the node answers 401: the session is gone, so the app shows the login page. */
export const UNAUTHORIZED_EVENT = 'bh:unauthorized';

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  /** Query parameters; a list repeats its key (`?area=a&area=b`). */
  query?: Record<string, string | number | boolean | undefined | null | readonly string[]>;
  signal?: AbortSignal;
  /** Do not announce a 401 (the login and "who am I" calls handle it themselves). */
  quiet401?: boolean;
}

/** A path with its query string. */
export function withQuery(path: string, query: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (Array.isArray(v)) for (const x of v as readonly string[]) params.append(k, x);
    else if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${path}${path.includes('?') ? '&' : '?'}${s}` : path;
}

function isErrorBody(v: unknown): v is { code: string; message: string } {
  return typeof v === 'object' && v !== null && typeof (v as { code?: unknown }).code === 'string' && typeof (v as { message?: unknown }).message === 'string';
}

/** Calls the node's API with the session cookie and the UI language; throws ApiError on failure. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': i18n.language || 'en' };
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let res: Response;
  try {
    res = await fetch(withQuery(path, options.query), {
      method: options.method ?? 'GET',
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'BH_NETWORK', i18n.t('error.network'));
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }
  if (!res.ok) {
    if (res.status === 401 && !options.quiet401) window.dispatchEvent(new Event(UNAUTHORIZED_EVENT));
    if (isErrorBody(parsed)) throw new ApiError(res.status, parsed.code, parsed.message);
    throw new ApiError(res.status, `HTTP_${res.status}`, i18n.t('error.http', { status: res.status }));
  }
  if (parsed === undefined) throw new ApiError(res.status, 'BH_BAD_RESPONSE', i18n.t('error.badResponse'));
  return parsed as T;
}

/** Whether an error is the node's "not signed in". */
export const isUnauthorized = (e: unknown): boolean => e instanceof ApiError && e.status === 401;

/** The message to show a person for any thrown value. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof Error && e.message) return e.message;
  return i18n.t('error.unknown');
}
