import type { EventSchemas, RegisterInput, User } from '@mercato/contracts';
import { conflict, type ServiceContext } from '@mercato/kernel';
import type { Throttle } from '../security/throttle.ts';
import { createAccount } from './create-account.ts';

/**
 * A customer account; 409 email_taken when the email (in any letter case) has one already, 429 when
 * the client's address has registered its budget of accounts this hour.
 */
export async function register(
  ctx: ServiceContext<EventSchemas>,
  throttle: Throttle,
  input: RegisterInput,
  address: string,
): Promise<User> {
  await throttle.spendAddress('registration', address);
  const created = await createAccount(ctx, input, ['customer']);
  if (!created) throw conflict('email_taken', 'An account with this email already exists');
  return created;
}
