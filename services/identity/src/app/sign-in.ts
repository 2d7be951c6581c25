import type { TokenPair } from '@mercato/contracts';
import { AppError, newId, type Db } from '@mercato/kernel';
import { insertRefreshToken } from '../db/refresh-tokens-repo.ts';
import { findCredentials } from '../db/users-repo.ts';
import { verifyPassword } from '../security/passwords.ts';
import type { SessionTokens } from './session-tokens.ts';

const invalidCredentials = () => new AppError(401, 'invalid_credentials', 'Wrong email or password');

/** Exchanges email and password for tokens, starting a new family of refresh tokens. */
export async function signIn(db: Db, tokens: SessionTokens, email: string, password: string): Promise<TokenPair> {
  const found = await findCredentials(db, email);
  if (!(await verifyPassword(found?.passwordHash ?? null, password)) || !found) throw invalidCredentials();
  const refresh = tokens.mintRefreshToken(found.user.id, newId());
  await insertRefreshToken(db, refresh.row);
  return tokens.tokenPair(found.user, refresh.token);
}
