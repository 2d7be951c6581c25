import type { EmailStatus } from '@mercato/contracts';

export const MAX_ATTEMPTS = 5;

/** Mail is queued for sending only when there is both a channel and an address; otherwise it is kept. */
export const initialEmailStatus = (hasAddress: boolean, delivering: boolean): EmailStatus =>
  hasAddress && delivering ? 'pending' : 'kept';

/** After a failed send: retry with a doubling delay (1 s, 2 s, 4 s, 8 s), then give up. */
export function afterFailure(attempts: number): { status: 'failed' } | { status: 'pending'; retryInMs: number } {
  if (attempts >= MAX_ATTEMPTS) return { status: 'failed' };
  return { status: 'pending', retryInMs: 1000 * 2 ** (attempts - 1) };
}
