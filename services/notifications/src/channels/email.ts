import nodemailer from 'nodemailer';

export interface OutgoingEmail {
  from: string;
  to: string;
  subject: string;
  text: string;
}

/** The email port: sends one message or throws. SMTP here; a provider API would be another adapter. */
export interface EmailChannel {
  send(mail: OutgoingEmail): Promise<void>;
}

/** Timeouts stay well inside the sender's lease, so a stalled server cannot make another replica send twice. */
export function smtpChannel(url: string): EmailChannel {
  const transport = nodemailer.createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
  return {
    async send(mail) {
      await transport.sendMail(mail);
    },
  };
}
