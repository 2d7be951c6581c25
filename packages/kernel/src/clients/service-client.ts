import type { FastifyInstance } from 'fastify';
import { AppError, unavailable } from '../errors.ts';
import { httpRequest } from './http-request.ts';

export interface ClientRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A typed call to another service's HTTP API. */
export interface ServiceClient {
  request<T>(req: ClientRequest): Promise<T>;
}

function withQuery(path: string, query?: Record<string, string>) {
  return query && Object.keys(query).length ? `${path}?${new URLSearchParams(query)}` : path;
}

function failure(service: string, status: number, body: any): AppError {
  if (status >= 500) return unavailable('upstream_unavailable', `${service} answered ${status}`);
  return new AppError(status, body?.code ?? 'upstream_error', body?.detail ?? `${service} answered ${status}`, body?.errors);
}

/** In one process the call goes through Fastify's inject: the same routing, validation and errors, no socket. */
export function injectClient(service: string, app: () => FastifyInstance): ServiceClient {
  return {
    async request<T>(req: ClientRequest) {
      const res = await app().inject({
        method: req.method,
        url: withQuery(req.path, req.query),
        payload: req.body as any,
        headers: req.headers,
      });
      const body = res.body ? JSON.parse(res.body) : undefined;
      if (res.statusCode >= 400) throw failure(service, res.statusCode, body);
      return body as T;
    },
  };
}

/** Across processes: HTTP with a timeout; safe (GET) requests are retried once on network errors. */
export function httpClient(service: string, baseUrl: string, timeoutMs = 3000): ServiceClient {
  return {
    async request<T>(req: ClientRequest) {
      const attempts = req.method === 'GET' ? 2 : 1;
      let lastError: unknown;
      for (let i = 0; i < attempts; i++) {
        try {
          const res = await httpRequest(new URL(withQuery(req.path, req.query), baseUrl), {
            method: req.method,
            headers: { ...(req.body !== undefined ? { 'content-type': 'application/json' } : {}), ...req.headers },
            body: req.body !== undefined ? JSON.stringify(req.body) : undefined,
            timeoutMs,
          });
          const body = res.body.length ? JSON.parse(res.body.toString('utf8')) : undefined;
          if (res.status >= 400) throw failure(service, res.status, body);
          return body as T;
        } catch (e) {
          if (e instanceof AppError) throw e;
          lastError = e;
        }
      }
      throw unavailable('upstream_unavailable', `${service} unreachable: ${(lastError as Error)?.message}`);
    },
  };
}
