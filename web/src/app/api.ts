/**
 * The one way the web talks to the server: same-origin JSON over fetch, the CSRF header on every
 * state-changing request, and every failure turned into an ApiError carrying a readable message.
 */

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type QueryParams = Record<string, string | number | boolean | null | undefined>;

/** Failure codes produced in the browser rather than by the server; the UI translates them. */
export type ClientErrorCode = 'NETWORK_ERROR' | 'BAD_RESPONSE' | 'SERVER_UNAVAILABLE';
const clientErrorCodes: readonly string[] = ['NETWORK_ERROR', 'BAD_RESPONSE', 'SERVER_UNAVAILABLE'];

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details: unknown = null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  get isClientSide(): boolean {
    return clientErrorCodes.includes(this.code);
  }
}

const csrfCookieName = 'dukao_csrf';
let sessionCsrfToken: string | null = null;
let unauthorizedHandler: (() => void) | null = null;

/** Keeps the token returned by login or /me, used when the CSRF cookie cannot be read. */
export function rememberCsrfToken(token: string | null): void {
  sessionCsrfToken = token;
}

/** Registers what happens when the server answers 401 (session gone); returns the unregister. */
export function setUnauthorizedHandler(handler: () => void): () => void {
  unauthorizedHandler = handler;
  return () => {
    if (unauthorizedHandler === handler) unauthorizedHandler = null;
  };
}

function readCookie(name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const [rawName, ...rest] = part.trim().split('=');
    if (rawName === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

/** The path with the non-empty query parameters appended. */
export function withQuery(path: string, query: QueryParams | undefined): string {
  if (!query) return path;
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

type JsonRead = { ok: true; value: unknown } | { ok: false };

async function readJson(response: Response): Promise<JsonRead> {
  const contentType = response.headers.get('content-type') ?? '';
  if (!contentType.includes('json')) return { ok: false };
  try {
    return { ok: true, value: await response.json() };
  } catch {
    return { ok: false };
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function toApiError(status: number, body: JsonRead): ApiError {
  if (body.ok && isRecord(body.value) && isRecord(body.value.error)) {
    const { code, message, details } = body.value.error;
    if (typeof message === 'string' && message) {
      return new ApiError(status, typeof code === 'string' ? code : 'UNKNOWN', message, details ?? null);
    }
  }
  if (status >= 500) return new ApiError(status, 'SERVER_UNAVAILABLE', '服务器暂时不可用，请稍后再试');
  return new ApiError(status, 'BAD_RESPONSE', '服务器返回了无法识别的数据，请稍后再试');
}

export interface RequestOptions {
  method?: Method;
  query?: QueryParams;
  body?: unknown;
  signal?: AbortSignal;
  /** A 401 here is an expected answer (login, /me), not an expired session. */
  expectsUnauthenticated?: boolean;
}

/** Sends one request and resolves with the parsed JSON body (undefined for 204), or throws ApiError. */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') {
    const token = readCookie(csrfCookieName) ?? sessionCsrfToken;
    if (token) headers['x-csrf-token'] = token;
  }

  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'NETWORK_ERROR', '无法连接服务器，请稍后再试');
  }

  if (response.status === 204) return undefined as T;
  const body = await readJson(response);
  if (response.ok) {
    if (!body.ok) throw new ApiError(response.status, 'BAD_RESPONSE', '服务器返回了无法识别的数据，请稍后再试');
    return body.value as T;
  }
  const error = toApiError(response.status, body);
  // The public pages never have a session to lose; a 401 there must not touch the signed-in state.
  if (response.status === 401 && !options.expectsUnauthenticated && !path.startsWith('/api/public/')) unauthorizedHandler?.();
  throw error;
}

/** True when the error is the server saying the record does not exist or is out of scope. */
export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}

export interface UploadOptions {
  file: Blob;
  contentType: string;
  query?: QueryParams;
  onProgress?: (loaded: number, total: number) => void;
  signal?: AbortSignal;
}

/**
 * Sends a file as the raw request body with the CSRF header — through XMLHttpRequest, because fetch
 * cannot report upload progress — and resolves with the parsed JSON reply, or throws ApiError.
 */
export function uploadFile<T>(path: string, options: UploadOptions): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', withQuery(path, options.query));
    xhr.withCredentials = true;
    xhr.setRequestHeader('Content-Type', options.contentType);
    xhr.setRequestHeader('Accept', 'application/json');
    const token = readCookie(csrfCookieName) ?? sessionCsrfToken;
    if (token) xhr.setRequestHeader('x-csrf-token', token);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) options.onProgress?.(event.loaded, event.total);
    };
    xhr.onload = () => {
      let body: JsonRead;
      try {
        body = { ok: true, value: JSON.parse(xhr.responseText) as unknown };
      } catch {
        body = { ok: false };
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        if (body.ok) resolve(body.value as T);
        else reject(new ApiError(xhr.status, 'BAD_RESPONSE', '服务器返回了无法识别的数据，请稍后再试'));
        return;
      }
      if (xhr.status === 401) unauthorizedHandler?.();
      reject(toApiError(xhr.status, body));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK_ERROR', '无法连接服务器，请稍后再试'));
    xhr.onabort = () => reject(new DOMException('Upload cancelled', 'AbortError'));
    options.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(options.file);
  });
}
