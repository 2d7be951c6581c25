import fastifyStatic from '@fastify/static';
import { notFoundHandler, type HttpApp } from '@mercato/kernel';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where `npm run build -w apps/web` puts the storefront. */
export const WEB_DIST_DIR = fileURLToPath(new URL('../../../../apps/web/dist', import.meta.url));

/** Paths the API owns: an unknown one there is a problem+json 404, never the web app. */
const API_PREFIXES = ['/api', '/internal', '/docs', '/health', '/metrics'];

/** Vite names what it puts in assets/ by content hash, so a file there never changes. */
const HASHED = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

const hidden = { schema: { hide: true } };

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Mercato</title></head>
<body>
<h1>Mercato is running</h1>
<p>The web app is not built. Build it with <code>npm run build -w apps/web</code> (<code>npm start</code> does it for you) and restart.</p>
<p>The API is here all the same: <a href="/docs">API docs</a>, <a href="/health">health</a>.</p>
</body>
</html>
`;

/**
 * Serves the built single-page app at `/`: its files as they are, and index.html for any other page
 * a browser asks for (the app routes on the client). Without a build, `/` says how to make one.
 */
export async function webAppRoutes(app: HttpApp, distDir: string = WEB_DIST_DIR) {
  if (!existsSync(join(distDir, 'index.html'))) {
    app.get('/', hidden, async (_req, reply) =>
      reply.type('text/html; charset=utf-8').header('cache-control', REVALIDATE).send(NOT_BUILT_PAGE),
    );
    return;
  }
  const root = resolve(distDir);
  await app.register(async (scope) => {
    // serve: false — the catch-all below decides what each path is; the plugin only streams files.
    await scope.register(fastifyStatic, { root, serve: false, preCompressed: true });
    scope.get('/*', hidden, async (req, reply) => {
      const path = req.url.split('?')[0];
      if (API_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`))) return notFoundHandler(req, reply);
      const file = path === '/' ? null : await fileIn(root, path);
      if (file) return send(reply, file, file.startsWith(`assets${sep}`) ? HASHED : REVALIDATE);
      if (path === '/' || acceptsHtml(req)) return send(reply, 'index.html', REVALIDATE);
      return notFoundHandler(req, reply);
    });
  });
}

/**
 * The build writes a .br and a .gz copy of each compressible file (apps/web/scripts/precompress.mjs):
 * a client that accepts one gets it as it is; other files are compressed on the fly by the HTTP factory.
 * Either way the answer depends on Accept-Encoding, and caches are told so.
 */
function send(reply: FastifyReply, file: string, cacheControl: string) {
  return reply.header('cache-control', cacheControl).header('vary', 'accept-encoding').sendFile(file, { cacheControl: false });
}

const acceptsHtml = (req: FastifyRequest) => (req.headers.accept ?? '').includes('text/html');

/** The path of a regular file under root that the URL path names, relative to root; null otherwise. */
async function fileIn(root: string, urlPath: string): Promise<string | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  const full = resolve(root, `.${decoded}`);
  if (!full.startsWith(root + sep)) return null;
  const info = await stat(full).catch(() => null);
  return info?.isFile() ? relative(root, full) : null;
}
