import { duration } from '@mercato/kernel';
import { z } from 'zod';

export const identitySettings = z.object({
  JWT_ACCESS_TTL: duration.default(15 * 60_000),
  JWT_REFRESH_TTL: duration.default(30 * 24 * 3_600_000),
});

export type IdentitySettings = z.output<typeof identitySettings>;
