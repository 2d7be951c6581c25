import type { EventSchemas, TokenPair, User } from '@mercato/contracts';
import { AppError, newId, type ServiceContext } from '@mercato/kernel';
import { insertRefreshToken } from '../db/refresh-tokens-repo.ts';
import { findCredentials } from '../db/users-repo.ts';
import { verifyPassword } from '../security/passwords.ts';
import type { Throttle } from '../security/throttle.ts';
import type { SessionTokens } from './session-tokens.ts';

const invalidCredentials = () => new AppError(401, 'invalid_credentials', 'Wrong email or password');

export interface SignInAttempt {
  email: string;
  password: string;
  /** The client's address, counted against its own budget of failures. */
  address: string;
}

/** Tells the account's owner (through notifications) that failed sign-ins locked it. */
function announceLockout(ctx: ServiceContext<EventSchemas>, user: User, until: Date): Promise<void> {
  const payload = { userId: user.id, email: user.email, until: until.toISOString() };
  return ctx.db.transaction((tx) => Promise.resolve(void ctx.outbox.emit(tx, 'identity.sign_in_locked', user.id, payload)));
}

/**
 * Exchanges email and password for tokens, starting a new family of refresh tokens. The throttle
 * is asked before the password is checked, so a locked account refuses its right password too;
 * when a failure locks an account, its owner is told (`identity.sign_in_locked`).
 */
export async function signIn(
  ctx: ServiceContext<EventSchemas>,
  tokens: SessionTokens,
  throttle: Throttle,
  attempt: SignInAttempt,
): Promise<TokenPair> {
  const { email, password, address } = attempt;
  await throttle.checkAddress('sign_in', address);
  await throttle.checkAccount(email);
  const found = await findCredentials(ctx.db, email);
  if (!(await verifyPassword(found?.passwordHash ?? null, password)) || !found) {
    await throttle.countAddress('sign_in', address);
    const lockedUntil = await throttle.accountFailed(email);
    if (lockedUntil && found) await announceLockout(ctx, found.user, lockedUntil);
    throw invalidCredentials();
  }
  await throttle.accountSucceeded(email);
  const refresh = tokens.mintRefreshToken(found.user.id, newId());
  await insertRefreshToken(ctx.db, refresh.row);
  return tokens.tokenPair(found.user, refresh.token);
}
