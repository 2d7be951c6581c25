#!/usr/bin/env node
// Writes a brotli (.br) and a gzip (.gz) copy next to every compressible file of the build, at the
// highest levels (done once per build, not per request). The gateway serves them as they are
// (@fastify/static's preCompressed) to clients that accept them. A copy no smaller than its file is not kept.
import { readdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|txt|xml|webmanifest|map|wasm)$/;
const MIN_BYTES = 1024;

async function* files(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (entry.isFile()) yield path;
  }
}

/** Precompresses every compressible file of dir; returns how many copies it wrote. */
export async function precompress(dir) {
  let written = 0;
  for await (const path of files(dir)) {
    if (!COMPRESSIBLE.test(path) || (await stat(path)).size < MIN_BYTES) continue;
    const data = await readFile(path);
    const copies = {
      '.br': brotliCompressSync(data, {
        params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: data.length },
      }),
      '.gz': gzipSync(data, { level: 9 }),
    };
    for (const [ext, copy] of Object.entries(copies)) {
      if (copy.length < data.length) {
        await writeFile(path + ext, copy);
        written++;
      } else await unlink(path + ext).catch(() => {});
    }
  }
  return written;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = process.argv[2] ?? fileURLToPath(new URL('../dist', import.meta.url));
  const n = await precompress(dir);
  console.log(`precompressed: ${n} .br/.gz files in ${dir}`);
}
