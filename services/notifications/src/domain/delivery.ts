import type { EmailStatus, NotificationPreferences } from '@mercato/contracts';
import { emailFor, smsFor, type Message } from './messages.ts';

export const MAX_ATTEMPTS = 5;

/** Mail is queued for sending only when there is both a channel and an address; otherwise it is kept. */
export const initialEmailStatus = (hasAddress: boolean, delivering: boolean): EmailStatus =>
  hasAddress && delivering ? 'pending' : 'kept';

/** A customer who never chose hears by email. */
export const DEFAULT_PREFERENCES: NotificationPreferences = { email: true, sms: false, phone: null };

export interface Audience {
  recipient: { email: string; name: string } | null;
  preferences: NotificationPreferences;
}

export interface NewOutgoing {
  channel: 'email' | 'sms';
  to: string;
  subject: string;
  body: string;
  status: EmailStatus;
}

/**
 * What goes out besides the in-app notice, by the customer's preferences: the email (kept with no
 * address until the registration arrives), and the SMS; each queued only when its channel sends.
 */
export function outgoingFor(
  message: Message,
  { recipient, preferences }: Audience,
  sending: { email: boolean; sms: boolean },
): NewOutgoing[] {
  const out: NewOutgoing[] = [];
  if (preferences.email) {
    const { subject, body } = emailFor(message, recipient?.name);
    out.push({
      channel: 'email',
      to: recipient?.email ?? '',
      subject,
      body,
      status: initialEmailStatus(recipient !== null, sending.email),
    });
  }
  if (preferences.sms && preferences.phone) {
    out.push({ channel: 'sms', to: preferences.phone, subject: '', body: smsFor(message), status: sending.sms ? 'pending' : 'kept' });
  }
  return out;
}

/** After a failed send: retry with a doubling delay (1 s, 2 s, 4 s, 8 s), then give up. */
export function afterFailure(attempts: number): { status: 'failed' } | { status: 'pending'; retryInMs: number } {
  if (attempts >= MAX_ATTEMPTS) return { status: 'failed' };
  return { status: 'pending', retryInMs: 1000 * 2 ** (attempts - 1) };
}
