import type { EventSchemas, RegisterInput, User } from '@mercato/contracts';
import { conflict, type ServiceContext } from '@mercato/kernel';
import { createAccount } from './create-account.ts';

/** A customer account; 409 email_taken when the email (in any letter case) has one already. */
export async function register(ctx: ServiceContext<EventSchemas>, input: RegisterInput): Promise<User> {
  const created = await createAccount(ctx, input, ['customer']);
  if (!created) throw conflict('email_taken', 'An account with this email already exists');
  return created;
}
