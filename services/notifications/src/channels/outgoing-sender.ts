import type { Db, Logger, Timer } from '@mercato/kernel';
import { claimDue, markAttemptFailed, markSent, type Channel } from '../db/outgoing-repo.ts';
import { afterFailure } from '../domain/delivery.ts';

const BATCH = 20;

export interface Outgoing {
  to: string;
  subject: string;
  body: string;
}

/**
 * Sends a channel's pending messages outside any event transaction, so that a slow or failing
 * server never holds one open; a failed send is retried with backoff, then given up.
 */
export function outgoingSender(db: Db, channel: Channel, send: (m: Outgoing) => Promise<void>, logger: Logger): Timer {
  return {
    name: `notifications.send-${channel}`,
    everyMs: 1000,
    async run() {
      let claimed: number;
      do {
        const due = await claimDue(db, channel, BATCH);
        claimed = due.length;
        for (const message of due) {
          try {
            await send({ to: message.to, subject: message.subject, body: message.body });
            await markSent(db, message.id);
          } catch (e) {
            const attempts = message.attempts + 1;
            const next = afterFailure(attempts);
            logger.warn({ err: e, messageId: message.id, channel, attempts, next: next.status }, 'message not sent');
            await markAttemptFailed(db, message.id, attempts, (e as Error).message ?? String(e), next);
          }
        }
        // A full batch means a backlog: keep going rather than wait a second per twenty messages.
      } while (claimed === BATCH);
    },
  };
}
