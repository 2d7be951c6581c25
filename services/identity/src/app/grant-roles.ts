import type { User, UserRole } from '@mercato/contracts';
import { notFound, type Queryable } from '@mercato/kernel';
import { setUserRoles } from '../db/users-repo.ts';

/** Replaces a user's roles; their next access token carries them. */
export async function grantRoles(db: Queryable, userId: string, roles: UserRole[]): Promise<User> {
  const updated = await setUserRoles(db, userId, roles);
  if (!updated) throw notFound('User');
  return updated;
}
