import type { EventSchemas } from '@mercato/contracts';
import { defineService } from '@mercato/kernel';
import { fileURLToPath } from 'node:url';
import { ensureAdmin } from './app/ensure-admin.ts';
import { purgeExpiredRefreshTokens } from './app/purge-expired-refresh-tokens.ts';
import { sessionTokens } from './app/session-tokens.ts';
import { identityRoutes } from './http/routes.ts';
import { loadSigningKeys } from './security/signing-keys.ts';
import { Throttle } from './security/throttle.ts';
import { identitySettings } from './settings.ts';

/** Accounts, passwords and tokens: the one service that signs access tokens; every other one only verifies them. */
export const identityService = defineService<EventSchemas>()({
  name: 'identity',
  publicPaths: ['/api/auth', '/api/users', '/.well-known'],
  migrationsDir: fileURLToPath(new URL('../migrations', import.meta.url)),
  settings: identitySettings,
  async create(ctx) {
    const keys = await loadSigningKeys(ctx.db);
    await ensureAdmin(ctx);
    const tokens = sessionTokens(ctx.settings, keys);
    const throttle = new Throttle(ctx.cache, ctx.settings);
    return {
      routes: (app) => identityRoutes(app, ctx, { tokens, throttle, jwks: keys.jwks }),
      timers: [{ name: 'identity.purge-expired-refresh-tokens', everyMs: 3_600_000, run: () => purgeExpiredRefreshTokens(ctx.db) }],
      exports: { jwks: () => keys.jwks },
    };
  },
});
