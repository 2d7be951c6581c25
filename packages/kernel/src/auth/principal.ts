export const ROLES = ['customer', 'admin', 'ops'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, as proven by a verified access token. */
export interface Principal {
  userId: string;
  email: string;
  name: string;
  roles: Role[];
}

export const JWT_ISSUER = 'mercato-identity';
export const JWT_AUDIENCE = 'mercato';

export const isAdmin = (p: Principal | null) => !!p?.roles.includes('admin');
/** Staff run the shop's operations (fulfilment, tracking): admins, and ops who have no other admin power. */
export const isStaff = (p: Principal | null) => !!p?.roles.some((r) => r === 'admin' || r === 'ops');
