import type { EventSchemas, RegisterInput, User, UserRole } from '@mercato/contracts';
import { newId, type ServiceContext } from '@mercato/kernel';
import { insertUser } from '../db/users-repo.ts';
import { hashPassword } from '../security/passwords.ts';

/** Null when the email is taken. The user and its `user.registered` event commit together. */
export async function createAccount(ctx: ServiceContext<EventSchemas>, input: RegisterInput, roles: UserRole[]): Promise<User | null> {
  // Hashed before the transaction opens: the embedded database runs one transaction at a time.
  const passwordHash = await hashPassword(input.password);
  return ctx.db.transaction(async (tx) => {
    const user = await insertUser(tx, { id: newId(), email: input.email, name: input.name, passwordHash, roles });
    if (user) ctx.outbox.emit(tx, 'user.registered', user.id, { userId: user.id, email: user.email, name: user.name });
    return user;
  });
}
