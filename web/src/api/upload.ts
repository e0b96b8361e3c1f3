import i18n from '../i18n';
import { ApiError, UNAUTHORIZED_EVENT } from './client';

/** A random UUID (v4), also where `crypto.randomUUID` is missing (pages served over plain HTTP on a LAN). */
export function uuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export interface UploadResult<T> {
  status: number;
  body: T;
}

/**
 * Sends a file as the request body with XMLHttpRequest, reporting the bytes sent as they go
 * (`fetch` cannot report upload progress). Answers the node's JSON for the given statuses and
 * throws ApiError for any other answer.
 */
export function uploadFile<T>(
  url: string,
  file: Blob,
  options: { contentType: string; accept: readonly number[]; onProgress?: (sent: number, total: number) => void; signal?: AbortSignal },
): Promise<UploadResult<T>> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', i18n.language || 'en');
    xhr.setRequestHeader('Content-Type', options.contentType);
    xhr.upload.onprogress = (e) => options.onProgress?.(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.upload.onload = () => options.onProgress?.(file.size, file.size);
    xhr.onerror = () => reject(new ApiError(0, 'BH_NETWORK', i18n.t('error.network')));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    xhr.onload = () => {
      let parsed: unknown;
      try {
        parsed = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        parsed = undefined;
      }
      if (options.accept.includes(xhr.status) && parsed !== undefined) return resolve({ status: xhr.status, body: parsed as T });
      if (xhr.status === 401) window.dispatchEvent(new Event(UNAUTHORIZED_EVENT));
      const err = parsed as { code?: unknown; message?: unknown } | undefined;
      if (err && typeof err.code === 'string' && typeof err.message === 'string') return reject(new ApiError(xhr.status, err.code, err.message));
      reject(new ApiError(xhr.status, `HTTP_${xhr.status}`, i18n.t('error.http', { status: xhr.status })));
    };
    options.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}
