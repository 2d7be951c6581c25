import type { Db, Logger, Timer } from '@mercato/kernel';
import { claimDueEmails, markAttemptFailed, markSent } from '../db/emails-repo.ts';
import { afterFailure } from '../domain/delivery.ts';
import type { EmailChannel } from './email.ts';

const BATCH = 20;

/** Sends pending mail outside any event transaction, so a slow or failing SMTP server never holds one open. */
export function emailSender(db: Db, channel: EmailChannel, from: string, logger: Logger): Timer {
  return {
    name: 'notifications.send-emails',
    everyMs: 1000,
    async run() {
      let claimed: number;
      do {
        const due = await claimDueEmails(db, BATCH);
        claimed = due.length;
        for (const mail of due) {
          try {
            await channel.send({ from, to: mail.to, subject: mail.subject, text: mail.body });
            await markSent(db, mail.id);
          } catch (e) {
            const attempts = mail.attempts + 1;
            const next = afterFailure(attempts);
            logger.warn({ err: e, emailId: mail.id, attempts, next: next.status }, 'email not sent');
            await markAttemptFailed(db, mail.id, attempts, (e as Error).message ?? String(e), next);
          }
        }
        // A full batch means a backlog: keep going rather than wait a second per twenty emails.
      } while (claimed === BATCH);
    },
  };
}
