import { defineService } from '@mercato/kernel';
import { fileURLToPath } from 'node:url';
import { ensureAdmin } from './accounts.ts';
import { deleteExpiredRefreshTokens } from './db/refresh-tokens-repo.ts';
import { identityRoutes } from './http/routes.ts';
import { createSessions } from './sessions.ts';
import { loadSigningKeys } from './security/signing-keys.ts';
import { identitySettings } from './settings.ts';

/** Small batches keep each delete short, since the embedded database runs one statement at a time. */
const PURGE_BATCH = 1000;

/** Accounts, passwords and tokens: the one service that signs access tokens; every other one only verifies them. */
export const identityService = defineService()({
  name: 'identity',
  publicPaths: ['/api/auth', '/api/users', '/.well-known'],
  migrationsDir: fileURLToPath(new URL('../migrations', import.meta.url)),
  settings: identitySettings,
  async create(ctx) {
    const keys = await loadSigningKeys(ctx.db);
    await ensureAdmin(ctx);
    const sessions = createSessions(ctx.db, ctx.settings, keys);
    return {
      routes: (app) => identityRoutes(app, ctx, sessions, keys.jwks),
      timers: [
        {
          name: 'identity.purge-expired-refresh-tokens',
          everyMs: 3_600_000,
          async run() {
            let deleted: number;
            do deleted = await deleteExpiredRefreshTokens(ctx.db, PURGE_BATCH);
            while (deleted === PURGE_BATCH);
          },
        },
      ],
      exports: { jwks: () => keys.jwks },
    };
  },
});
