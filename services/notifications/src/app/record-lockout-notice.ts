import type { EventPayload } from '@mercato/contracts';
import { newId, type Tx } from '@mercato/kernel';
import { recordNotification } from '../db/notifications-repo.ts';
import { findAudience } from '../db/recipients-repo.ts';
import { initialEmailStatus } from '../domain/delivery.ts';
import { emailFor, lockoutMessage } from '../domain/messages.ts';
import type { Sending } from './record-notice.ts';

/**
 * Tells an account's owner that failed sign-ins locked it: an in-app notice and an email to the
 * account's address, whatever their order preferences, since it is about the account's safety.
 */
export async function recordLockoutNotice(tx: Tx, sending: Sending, payload: EventPayload<'identity.sign_in_locked'>): Promise<void> {
  const message = lockoutMessage(payload);
  const { recipient } = await findAudience(tx, payload.userId);
  const { subject, body } = emailFor(message, recipient?.name);
  const email = { channel: 'email' as const, to: payload.email, subject, body, status: initialEmailStatus(true, sending.email) };
  await recordNotification(tx, newId(), message, [email]);
}
