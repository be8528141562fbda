/**
 * The one way the web app talks to the API: JSON in and out, the session cookie, and the CSRF
 * token sent back on every write. A refusal arrives as the API's error vocabulary
 * ({ error: { code, field, message (Chinese), messageEn } }) and is thrown as an ApiError, so a
 * page shows the server's own bilingual message; a request that never reached the server
 * (offline, server down) is an OfflineError, which the field pages treat as "queue it".
 */
export interface Bilingual {
  zh: string;
  en: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly field: string | undefined,
    readonly text: Bilingual,
  ) {
    super(text.en);
  }
}

export class OfflineError extends Error {
  constructor() {
    super('offline');
  }
}

let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

interface ErrorBody {
  error?: { code?: string; field?: string; message?: string; messageEn?: string };
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path.startsWith('/') ? path : `/api/v1/${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new OfflineError();
  }
  if (res.status === 204) return undefined as T;
  const json = (await res.json().catch(() => ({}))) as unknown;
  if (!res.ok) {
    const e = (json as ErrorBody).error;
    throw new ApiError(
      res.status,
      e?.code ?? `http.${res.status}`,
      e?.field,
      e?.message
        ? { zh: e.message, en: e.messageEn ?? e.message }
        : { zh: `请求失败（${res.status}）`, en: `request failed (${res.status})` },
    );
  }
  return json as T;
}

export const get = <T>(path: string): Promise<T> => api<T>('GET', path);
export const post = <T>(path: string, body?: unknown): Promise<T> => api<T>('POST', path, body ?? {});
export const put = <T>(path: string, body?: unknown): Promise<T> => api<T>('PUT', path, body ?? {});
