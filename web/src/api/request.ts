// The one HTTP client of the web app. Every call to the server goes through `request()`,
// which adds the headers the API expects (API.md "Conventions"), sends the session cookie,
// and turns every non-2xx answer into an `ApiError` carrying the server's error shape.

/** Base path of the API; the server serves the app and the API on one origin. */
export const API_BASE = '/api/v1';

/** One entry of `error.details`: a problem with one input field. */
export interface FieldError {
  field: string;
  code: string;
  message: string;
}

/** The `error` object of an error response, with whatever extra members the endpoint adds. */
export interface ApiErrorBody {
  code: string;
  message: string;
  details?: FieldError[];
  [extra: string]: unknown;
}

/** Codes the client itself uses when the server gave no error object. */
export const NETWORK_ERROR = 'network_error';
export const BAD_RESPONSE = 'bad_response';

/** A failed API call. `status` is 0 when the request never got an answer. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: FieldError[];
  /** The whole `error` object, for endpoint-specific members such as `tenants`. */
  readonly body: ApiErrorBody;
  /** Seconds from a `Retry-After` header (429, 503), when present. */
  readonly retryAfter: number | null;

  constructor(status: number, body: ApiErrorBody, retryAfter: number | null = null) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.details = body.details ?? [];
    this.body = body;
    this.retryAfter = retryAfter;
  }

  /** Messages of `details` keyed by field name (the first message wins). */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const d of this.details) {
      if (d.field && !(d.field in out)) out[d.field] = d.message;
    }
    return out;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

/** What the client needs from the rest of the app, supplied once at start-up. */
export interface RequestHooks {
  /** The current UI language, sent as Accept-Language. */
  locale(): string;
  /** Called when an authenticated call answers 401: the session is gone. */
  onUnauthorized(): void;
}

let hooks: RequestHooks = {
  locale: () => 'zh-CN',
  onUnauthorized: () => {},
};

export function configureRequest(next: Partial<RequestHooks>): void {
  hooks = { ...hooks, ...next };
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Serialised as JSON. */
  body?: unknown;
  query?: Record<string, string | number | boolean | null | undefined>;
  signal?: AbortSignal;
  /**
   * Whether a 401 means "the session expired" and should send the user to sign in.
   * Off for the sign-in calls themselves, where 401 means wrong credentials.
   */
  redirectOn401?: boolean;
}

function isFieldError(v: unknown): v is FieldError {
  return typeof v === 'object' && v !== null && typeof (v as FieldError).field === 'string';
}

/** Reads the API error shape out of a parsed body; null when the body is not one. */
export function parseErrorBody(json: unknown): ApiErrorBody | null {
  if (typeof json !== 'object' || json === null) return null;
  const error = (json as { error?: unknown }).error;
  if (typeof error !== 'object' || error === null) return null;
  const e = error as Record<string, unknown>;
  if (typeof e.code !== 'string') return null;
  const details = Array.isArray(e.details)
    ? e.details.filter(isFieldError).map((d) => ({
        field: d.field,
        code: typeof d.code === 'string' ? d.code : '',
        message: typeof d.message === 'string' ? d.message : '',
      }))
    : [];
  return { ...e, code: e.code, message: typeof e.message === 'string' ? e.message : '', details };
}

function parseRetryAfter(value: string | null): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return null;
  return Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

function buildUrl(path: string, query?: RequestOptions['query']): string {
  let url = API_BASE + (path.startsWith('/') ? path : `/${path}`);
  if (query) {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) {
      if (v !== undefined && v !== null) params.append(k, String(v));
    }
    const qs = params.toString();
    if (qs) url += `?${qs}`;
  }
  return url;
}

/** The ApiError of a non-2xx answer (`json`: its parsed body, if any); a 401 ends the session. */
function failure(response: Response, json: unknown, redirectOn401: boolean): ApiError {
  const parsed = parseErrorBody(json) ?? { code: BAD_RESPONSE, message: '' };
  const error = new ApiError(response.status, parsed, parseRetryAfter(response.headers.get('Retry-After')));
  if (response.status === 401 && redirectOn401) hooks.onUnauthorized();
  return error;
}

/** Sends one API request and returns the parsed JSON body (undefined for 204). */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': hooks.locale(),
    // The server requires this on cookie-authenticated writes (CSRF guard); a cross-site
    // form cannot set it. Sent on every request so no call can forget it.
    'X-Requested-With': 'xieli',
  };
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method: options.method ?? 'GET',
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, { code: NETWORK_ERROR, message: '' });
  }

  const text = response.status === 204 ? '' : await response.text();
  let json: unknown = undefined;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }

  if (!response.ok) throw failure(response, json, options.redirectOn401 !== false);
  if (text && json === undefined) {
    throw new ApiError(response.status, { code: BAD_RESPONSE, message: '' });
  }
  return json as T;
}

export interface RawRequestOptions {
  method?: 'GET' | 'POST' | 'PUT';
  /** Sent as it is (a file), with `contentType`. */
  body?: Blob;
  contentType?: string;
}

/**
 * A call whose body or answer is not JSON (a file up or down: imports, templates, the printed
 * quote, its PDF). The same headers, errors and 401 handling as `request()`; the caller reads the
 * response.
 */
export async function requestRaw(path: string, options: RawRequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { 'Accept-Language': hooks.locale(), 'X-Requested-With': 'xieli' };
  if (options.contentType) headers['Content-Type'] = options.contentType;
  let response: Response;
  try {
    response = await fetch(buildUrl(path), { method: options.method ?? 'GET', headers, body: options.body, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, { code: NETWORK_ERROR, message: '' });
  }
  if (!response.ok) {
    let json: unknown;
    try {
      json = JSON.parse(await response.text());
    } catch {
      json = undefined;
    }
    throw failure(response, json, true);
  }
  return response;
}
