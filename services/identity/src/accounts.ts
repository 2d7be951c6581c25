import { emailAddress, type RegisterInput, type User, type UserRole } from '@mercato/contracts';
import { newId, type ServiceContext } from '@mercato/kernel';
import { emailTaken, insertUser } from './db/users-repo.ts';
import { hashPassword } from './security/passwords.ts';

/** Null when the email is taken. The user and its `user.registered` event commit together. */
export async function createUser(ctx: ServiceContext, input: RegisterInput, roles: UserRole[]): Promise<User | null> {
  // Hashed before the transaction opens: the embedded database runs one transaction at a time.
  const passwordHash = await hashPassword(input.password);
  return ctx.db.transaction(async (tx) => {
    const user = await insertUser(tx, { id: newId(), email: input.email, name: input.name, passwordHash, roles });
    if (user) ctx.outbox.emit(tx, 'user.registered', user.id, { userId: user.id, email: user.email, name: user.name });
    return user;
  });
}

/** Creates the configured admin on first start; an existing account, its password included, is left alone. */
export async function ensureAdmin(ctx: ServiceContext): Promise<void> {
  const email = emailAddress.parse(ctx.config.MERCATO_ADMIN_EMAIL);
  if (await emailTaken(ctx.db, email)) return;
  await createUser(ctx, { email, name: 'Administrator', password: ctx.config.MERCATO_ADMIN_PASSWORD }, ['admin', 'customer']);
}
