import { httpRequest } from '@mercato/kernel';

export interface OutgoingSms {
  to: string;
  text: string;
}

/** The SMS port: sends one message or throws. */
export interface SmsChannel {
  send(sms: OutgoingSms): Promise<void>;
}

/**
 * An SMS gateway reached by a webhook: POST `{to, text}` as JSON to SMS_URL (credentials in the URL
 * or in front of it); anything but a 2xx is a failure to retry.
 */
export function webhookSmsChannel(url: string): SmsChannel {
  return {
    async send(sms) {
      const res = await httpRequest(new URL(url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(sms),
        timeoutMs: 10_000,
      });
      if (res.status < 200 || res.status >= 300) throw new Error(`SMS gateway answered ${res.status}`);
    },
  };
}
