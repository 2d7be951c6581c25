import type { z } from 'zod';
import { AppError, unavailable } from '../errors.ts';
import { httpRequest } from './http-request.ts';
import type { HttpApp } from '../http/app.ts';
import { serviceCredentialHeaders, type ServiceCredential } from '../http/service-credential.ts';

export interface ClientRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * A call to another service's HTTP API whose answer is parsed with the contract's schema: what the
 * caller gets is what the schema says, and an answer that is not is the upstream's fault (502).
 */
export interface ServiceClient {
  call<S extends z.ZodType>(schema: S, req: ClientRequest): Promise<z.output<S>>;
}

type Send = (req: ClientRequest) => Promise<unknown>;

function parsed(service: string, send: Send): ServiceClient {
  return {
    async call(schema, req) {
      const result = schema.safeParse(await send(req));
      if (result.success) return result.data;
      const where = result.error.issues[0]?.path.join('.') || 'body';
      throw new AppError(502, 'upstream_malformed', `${service} answered ${req.method} ${req.path} with an unexpected body (${where})`);
    },
  };
}

function withQuery(path: string, query?: Record<string, string>) {
  return query && Object.keys(query).length ? `${path}?${new URLSearchParams(query)}` : path;
}

function failure(service: string, status: number, body: unknown): AppError {
  if (status >= 500) return unavailable('upstream_unavailable', `${service} answered ${status}`);
  const problem = (body && typeof body === 'object' ? body : {}) as { code?: unknown; detail?: unknown; errors?: unknown };
  return new AppError(
    status,
    typeof problem.code === 'string' ? problem.code : 'upstream_error',
    typeof problem.detail === 'string' ? problem.detail : `${service} answered ${status}`,
    Array.isArray(problem.errors) ? problem.errors : undefined,
  );
}

/** A body that is not JSON is as malformed as one that does not match its schema. */
function json(service: string, text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError(502, 'upstream_malformed', `${service} answered with a body that is not JSON`);
  }
}

/**
 * In one process the call goes through Fastify's inject: the same routing, validation and errors, no
 * socket. `app` says which app serves a path (the embedded shop keeps its internal routes off the gateway's).
 */
export function injectClient(service: string, app: (path: string) => HttpApp, credential: ServiceCredential): ServiceClient {
  const sent = serviceCredentialHeaders(credential);
  return parsed(service, async (req) => {
    const res = await app(req.path).inject({
      method: req.method,
      url: withQuery(req.path, req.query),
      ...(req.body !== undefined ? { payload: req.body as object } : {}),
      headers: { ...req.headers, ...sent },
    });
    const body = json(service, res.body);
    if (res.statusCode >= 400) throw failure(service, res.statusCode, body);
    return body;
  });
}

/** Across processes: HTTP with a timeout; safe (GET) requests are retried once on network errors. */
export function httpClient(service: string, baseUrl: string, credential: ServiceCredential, timeoutMs = 3000): ServiceClient {
  const sent = serviceCredentialHeaders(credential);
  return parsed(service, async (req) => {
    const attempts = req.method === 'GET' ? 2 : 1;
    let lastError: unknown;
    for (let i = 0; i < attempts; i++) {
      try {
        const res = await httpRequest(new URL(withQuery(req.path, req.query), baseUrl), {
          method: req.method,
          headers: { ...(req.body !== undefined ? { 'content-type': 'application/json' } : {}), ...req.headers, ...sent },
          body: req.body !== undefined ? JSON.stringify(req.body) : undefined,
          timeoutMs,
        });
        const body = json(service, res.body.toString('utf8'));
        if (res.status >= 400) throw failure(service, res.status, body);
        return body;
      } catch (e) {
        if (e instanceof AppError) throw e;
        lastError = e;
      }
    }
    throw unavailable('upstream_unavailable', `${service} unreachable: ${(lastError as Error)?.message}`);
  });
}
