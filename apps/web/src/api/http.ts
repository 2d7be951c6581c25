import type { Endpoint } from './endpoints.ts';
import type { Problem } from './types.ts';

/** A failed call: the API's problem+json, or a network failure (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly errors: ReadonlyArray<{ field: string; message: string }>;

  constructor(problem: Problem) {
    super(problem.detail || problem.title || `Request failed (${problem.status})`);
    this.name = 'ApiError';
    this.status = problem.status;
    this.code = problem.code;
    this.errors = problem.errors ?? [];
  }

  get notFound() {
    return this.status === 404;
  }

  /**
   * The validation errors by field, with the location prefix removed:
   * `body.shippingAddress.city` -> `shippingAddress.city` for prefix `body.`.
   */
  fieldErrors(prefix = 'body.'): Record<string, string> {
    const out: Record<string, string> = {};
    for (const { field, message } of this.errors) {
      const key = field.startsWith(prefix) ? field.slice(prefix.length) : field;
      out[key] ??= message;
    }
    return out;
  }
}

/** A user-facing sentence for any error thrown by a call. */
export function messageOf(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error) return err.message;
  return 'Something went wrong.';
}

/** What the client needs from the session (the auth and cart stores provide it; no import cycle). */
export interface SessionHooks {
  accessToken(): string | null;
  /** Gets a fresh access token after `failed` was refused; null when the session is over. */
  refresh(failed: string): Promise<string | null>;
  cartId(): string;
}

let session: SessionHooks = { accessToken: () => null, refresh: async () => null, cartId: () => '' };

export function connectSession(hooks: SessionHooks) {
  session = hooks;
}

export type QueryValue = string | number | boolean | null | undefined;

export interface CallOptions {
  params?: Record<string, string>;
  query?: Record<string, QueryValue>;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export function urlFor(ep: Endpoint, params: Record<string, string> = {}, query: Record<string, QueryValue> = {}): string {
  const path = ep.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${ep.method} ${ep.path}: missing path parameter ${name}`);
    return encodeURIComponent(value);
  });
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (!ep.query?.includes(key)) throw new Error(`${ep.method} ${ep.path}: query parameter ${key} is not declared`);
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const qs = search.toString();
  return qs ? `${path}?${qs}` : path;
}

async function send(ep: Endpoint, url: string, token: string | null, opts: CallOptions): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  else if (ep.cart) headers['x-cart-id'] = session.cartId();
  try {
    return await fetch(url, {
      method: ep.method,
      headers,
      body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
      signal: opts.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError({ status: 0, code: 'network_error', detail: 'Cannot reach the shop. Check your connection and try again.' });
  }
}

async function parse<T>(res: Response): Promise<T> {
  const text = await res.text();
  const type = res.headers.get('content-type') ?? '';
  let body: unknown = undefined;
  if (text && type.includes('json')) {
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
  }
  if (res.ok) return body as T;
  const problem = (body && typeof body === 'object' ? body : {}) as Partial<Problem>;
  throw new ApiError({
    status: res.status,
    code: problem.code ?? `http_${res.status}`,
    title: problem.title,
    detail:
      problem.detail ??
      (res.status >= 500 ? 'The shop had a problem. Please try again.' : res.statusText || `Request failed (${res.status})`),
    errors: Array.isArray(problem.errors) ? problem.errors : [],
  });
}

/**
 * One API call. A 401 on a signed-in call refreshes the session once and repeats the call, so an
 * expired access token never shows; if the session cannot be refreshed a cart call falls back to the
 * anonymous cart and anything else fails with the 401.
 */
export async function call<T>(ep: Endpoint, opts: CallOptions = {}): Promise<T> {
  const url = urlFor(ep, opts.params, opts.query);
  const token = ep.anonymous ? null : session.accessToken();
  let res = await send(ep, url, token, opts);
  if (res.status === 401 && token) {
    const fresh = await session.refresh(token);
    if (fresh || ep.cart) res = await send(ep, url, fresh, opts);
  }
  return parse<T>(res);
}
