import helmet from '@fastify/helmet';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HttpApp } from './app.ts';

/**
 * The Content-Security-Policy of every response, the web app's included: scripts, styles and
 * connections from this origin only (Vite's build has no inline script), never framed.
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/**
 * Swagger UI (at /docs only) styles its widgets inline and draws icons from data: URLs; its
 * scripts are files all the same, so scripts stay 'self'.
 */
export const DOCS_CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; script-src-attr 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/** Sent only over TLS (directly, or per X-Forwarded-Proto from a trusted proxy): a year, subdomains included. */
export const HSTS = 'max-age=31536000; includeSubDomains';

const csp = Object.entries(CONTENT_SECURITY_POLICY)
  .map(([k, v]) => `${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} ${v.join(' ')}`)
  .join('; ');

/** What helmet sends, for answers given before any hook runs (framework errors, client errors). */
export const BASELINE_SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': csp,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

/** Security headers on every response (helmet), HSTS only when the request came over TLS. */
export async function registerSecurityHeaders(app: HttpApp) {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    // HSTS on plain HTTP is ignored by browsers at best and pins a dev machine's localhost at worst.
    strictTransportSecurity: false,
  });
  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    // req.protocol reads X-Forwarded-Proto only when trustProxy is on (TRUST_PROXY).
    if (req.protocol === 'https') reply.header('strict-transport-security', HSTS);
  });
}
