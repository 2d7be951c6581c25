import { duration } from '@mercato/kernel';
import { z } from 'zod';

const count = z.coerce.number().int().min(0);

export const identitySettings = z.object({
  JWT_ACCESS_TTL: duration.default(15 * 60_000),
  JWT_REFRESH_TTL: duration.default(30 * 24 * 3_600_000),
  SIGN_IN_FREE_FAILURES: z.coerce.number().int().min(1).default(5),
  SIGN_IN_FIRST_LOCK: duration.default(1_000),
  SIGN_IN_MAX_LOCK: duration.default(15 * 60_000),
  SIGN_IN_FAILURE_MEMORY: duration.default(24 * 3_600_000),
  SIGN_IN_FAILURES_PER_ADDRESS: count.default(20),
  SIGN_IN_ADDRESS_WINDOW: duration.default(15 * 60_000),
  REGISTRATIONS_PER_ADDRESS_PER_HOUR: count.default(10),
});

export type IdentitySettings = z.output<typeof identitySettings>;
