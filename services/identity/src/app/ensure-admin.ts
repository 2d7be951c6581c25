import { emailAddress, type EventSchemas } from '@mercato/contracts';
import type { ServiceContext } from '@mercato/kernel';
import { emailTaken } from '../db/users-repo.ts';
import { createAccount } from './create-account.ts';

/** Creates the configured admin on first start; an existing account, its password included, is left alone. */
export async function ensureAdmin(ctx: ServiceContext<EventSchemas>): Promise<void> {
  const email = emailAddress.parse(ctx.config.MERCATO_ADMIN_EMAIL);
  if (await emailTaken(ctx.db, email)) return;
  await createAccount(ctx, { email, name: 'Administrator', password: ctx.config.MERCATO_ADMIN_PASSWORD }, ['admin', 'customer']);
}
