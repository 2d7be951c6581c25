import compress from '@fastify/compress';
import type { HttpApp } from './app.ts';

/**
 * Responses of 1 KiB or more go out brotli- or gzip-compressed when the client accepts it (JSON,
 * problem+json, text, scripts, styles, SVG), brotli at quality 4, which costs little CPU per request.
 * A stream of Server-Sent Events is never compressed: the plugin leaves text/event-stream alone, and
 * GET /api/events writes to the socket itself. A file served precompressed (.br, .gz) keeps its
 * Content-Encoding and is not compressed again. Request bodies are not decompressed: a compressed
 * upload is refused by the JSON parser like any other malformed body.
 */
export async function registerCompression(app: HttpApp) {
  await app.register(compress, { global: true, globalDecompression: false, encodings: ['br', 'gzip'], threshold: 1024 });
}
