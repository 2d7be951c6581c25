import { z } from 'zod';
import { pageQuery, uuid } from './common.ts';

export const USER_ROLES = ['customer', 'admin', 'ops'] as const;
export const userRole = z.enum(USER_ROLES);
export type UserRole = z.infer<typeof userRole>;

/** Stored and compared lowercased, so two spellings of one address are one account. */
export const emailAddress = z.string().trim().toLowerCase().max(254).email();

/** The password policy, here so the storefront can check it before sending. */
export const newPassword = z
  .string()
  .min(10, 'must be at least 10 characters')
  .max(200)
  .regex(/\p{L}/u, 'must contain a letter')
  .regex(/\p{Nd}/u, 'must contain a digit');

export const registerInput = z.object({
  email: emailAddress,
  password: newPassword,
  name: z.string().trim().min(1).max(100),
});
export type RegisterInput = z.infer<typeof registerInput>;

/** No policy on login: an account made under an older policy must still be able to sign in. */
export const loginInput = z.object({
  email: emailAddress,
  password: z.string().min(1).max(200),
});

export const refreshInput = z.object({ refreshToken: z.string().min(1).max(512) });

export const tokenPair = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  tokenType: z.literal('Bearer'),
  /** Seconds until the access token expires. */
  expiresIn: z.number().int(),
});
export type TokenPair = z.infer<typeof tokenPair>;

export const user = z.object({
  id: uuid,
  email: z.string(),
  name: z.string(),
  roles: z.array(userRole),
  createdAt: z.string(),
});
export type User = z.infer<typeof user>;

export const userListQuery = pageQuery;

export const userRolesInput = z.object({
  roles: z
    .array(userRole)
    .min(1)
    .max(USER_ROLES.length)
    .refine((roles) => new Set(roles).size === roles.length, 'each role may appear once'),
});

export const jsonWebKeySet = z.object({
  keys: z.array(
    z.object({ kty: z.string(), crv: z.string(), x: z.string(), y: z.string(), kid: z.string(), alg: z.string(), use: z.string() }),
  ),
});
export type JsonWebKeySet = z.infer<typeof jsonWebKeySet>;
