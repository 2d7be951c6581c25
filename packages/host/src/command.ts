import { fileURLToPath } from 'node:url';

/** The repository's root, where `bin/` is (this file is at packages/host/{src,dist}/command.{ts,js}). */
export const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** True when this code runs compiled (dist/*.js under plain node), false when it runs its TypeScript sources. */
export const COMPILED = !import.meta.url.endsWith('.ts');

/**
 * The Node.js arguments that run `mercato <args>` the way this process runs: plain node on the compiled
 * bin/dist/mercato.js when compiled, the sources through tsx (workspace packages resolved to their
 * sources by the `@mercato/source` export condition) otherwise. Relative to ROOT.
 */
export function mercatoCommand(args: string[], compiled = COMPILED): string[] {
  return compiled ? ['bin/dist/mercato.js', ...args] : ['--conditions=@mercato/source', '--import', 'tsx', 'bin/mercato.ts', ...args];
}
