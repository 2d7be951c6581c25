import Fastify, {
  LogController,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../errors.ts';
import { newId } from '../ids.ts';
import type { Logger } from '../logger.ts';
import type { TokenVerifier } from '../auth/verifier.ts';
import type { Principal } from '../auth/principal.ts';
import type { HealthChecks } from '../observability/health.ts';
import type { Metrics } from '../observability/metrics.ts';
import { notFoundHandler, sendProblem, toProblem } from './problem.ts';
import { clientErrorHandler, drainRefusedUpload, frameworkErrorHandler } from './framework-errors.ts';
import { refuseUnstorableStrings } from './hostile-strings.ts';
import { registerCompression } from './compression.ts';
import { DOCS_CONTENT_SECURITY_POLICY, registerSecurityHeaders } from './security.ts';
import { checkInternalRoute } from './service-credential.ts';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/** The app `createHttpApp` builds: Node's HTTP server, the platform's pino logger, zod schemas for routes. */
export type HttpApp = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, Logger, ZodTypeProvider>;

/** The parts of an OpenAPI document that the gateway merges; the rest passes through as it is. */
export interface OpenApiDocument {
  paths?: Record<string, unknown>;
  components?: { schemas?: Record<string, unknown>; [key: string]: unknown };
  tags?: unknown[];
  [key: string]: unknown;
}

export interface HttpAppOptions {
  logger: Logger;
  verifier: TokenVerifier;
  health: HealthChecks;
  metrics: Metrics;
  /** Serve the OpenAPI document and Swagger UI at /docs (the gateway does). */
  docs?: {
    title: string;
    version: string;
    description?: string;
    /** Rewrites the served document (the distributed gateway merges its upstreams' documents in). */
    transform?: (spec: Readonly<OpenApiDocument>) => OpenApiDocument;
  };
  bodyLimit?: number;
  /** Answered by /health/ready, so that a launcher knows it reached the process it started. */
  instance?: string;
  /**
   * Take the client address from X-Forwarded-For, and TLS from X-Forwarded-Proto (behind an ingress or nginx):
   * from any peer (true), or only from these addresses and CIDRs (`loopback,10.0.0.0/8`).
   */
  trustProxy?: boolean | string;
  /** The installation's service credential, which routes marked `internalOnly` demand; an app without one cannot have such routes. */
  serviceSecret?: string;
}

/**
 * The one HTTP factory: zod validation, problem+json errors (the framework's own included), security
 * headers, compression, refusal of strings PostgreSQL cannot store, bearer-token principal, the
 * service credential of internal routes, request ids, health and metrics routes. Every service and the gateway are built with it.
 */
export async function createHttpApp(opts: HttpAppOptions): Promise<HttpApp> {
  const app = Fastify({
    loggerInstance: opts.logger,
    // Per-request log lines cost more than the request on hot paths; metrics cover traffic.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: opts.bodyLimit ?? 256 * 1024,
    trustProxy: opts.trustProxy ?? false,
    requestIdHeader: 'x-request-id',
    genReqId: () => newId(),
    // What the router and Node's HTTP parser refuse is problem+json too.
    frameworkErrors: frameworkErrorHandler,
    clientErrorHandler,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler((error, req, reply) => {
    if ((error as { code?: string }).code === 'FST_ERR_CTP_BODY_TOO_LARGE') drainRefusedUpload(req, reply);
    if (error instanceof AppError && error.retryAfterSeconds !== undefined) reply.header('retry-after', error.retryAfterSeconds);
    return sendProblem(reply, toProblem(error, req.url, req.log));
  });
  app.setNotFoundHandler(notFoundHandler);
  app.addHook('onRoute', (route) => checkInternalRoute(route, opts.serviceSecret));
  await registerSecurityHeaders(app);
  await registerCompression(app);
  app.addHook('preValidation', refuseUnstorableStrings);

  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (req: FastifyRequest) => {
    const header = req.headers.authorization;
    if (!header) return;
    const [scheme, token] = header.split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) return;
    req.principal = await opts.verifier.verify(token);
  });
  app.addHook('onResponse', async (req, reply) => {
    opts.metrics.httpDuration.observe(
      { method: req.method, route: req.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });

  if (opts.docs) {
    await app.register(swagger, {
      openapi: {
        openapi: '3.0.3',
        info: { title: opts.docs.title, version: opts.docs.version, description: opts.docs.description },
        components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
      },
      transform: jsonSchemaTransform,
    });
    const transform = opts.docs.transform;
    await app.register(swaggerUi, {
      routePrefix: '/docs',
      // Swagger UI styles inline: a relaxed policy, for /docs alone.
      staticCSP: DOCS_CONTENT_SECURITY_POLICY,
      ...(transform ? { transformSpecification: (spec) => transform(spec) } : {}),
    });
  }

  const hide = { schema: { hide: true } };
  app.get('/health/live', hide, async () => ({ status: 'up' }));
  const ready = async (_req: FastifyRequest, reply: FastifyReply) => {
    const r = await opts.health.run();
    return reply
      .code(r.ok ? 200 : 503)
      .send({ status: r.ok ? 'up' : 'down', checks: r.checks, ...(opts.instance ? { instance: opts.instance } : {}) });
  };
  app.get('/health', hide, ready);
  app.get('/health/ready', hide, ready);
  app.get('/metrics', hide, async (_req, reply) => {
    reply.type(opts.metrics.registry.contentType);
    return opts.metrics.registry.metrics();
  });
  return app;
}
