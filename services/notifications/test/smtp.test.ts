import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smtpChannel } from '../src/channels/email.ts';

/** Just enough of an SMTP server to receive one plain-text message per session. */
function fakeSmtpServer(received: Array<{ from: string; to: string[]; data: string }>): Server {
  return createServer((socket) => {
    let mail = { from: '', to: [] as string[], data: '' };
    let inData = false;
    let buffer = '';
    socket.write('220 fake ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      let end: number;
      while ((end = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            received.push(mail);
            mail = { from: '', to: [], data: '' };
            socket.write('250 queued\r\n');
          } else mail.data += `${line}\n`;
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'MAIL') mail.from = line.slice(10).trim();
        if (verb === 'RCPT') mail.to.push(line.slice(8).trim());
        if (verb === 'DATA') inData = true;
        if (verb === 'QUIT') socket.end('221 bye\r\n');
        else socket.write(verb === 'DATA' ? '354 go on\r\n' : '250 ok\r\n');
      }
    });
  });
}

describe('SMTP channel', () => {
  const received: Array<{ from: string; to: string[]; data: string }> = [];
  const server = fakeSmtpServer(received);
  let url: string;

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    url = `smtp://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends a message through the server named by SMTP_URL', async () => {
    await smtpChannel(url).send({
      from: 'Mercato <shop@mercato.local>',
      to: 'ada@example.com',
      subject: 'Order confirmed (order #0ABC1234)',
      text: 'Hi Ada,\n\nYour order is confirmed.\n\nMercato',
    });
    expect(received).toHaveLength(1);
    expect(received[0].from).toBe('<shop@mercato.local>');
    expect(received[0].to).toEqual(['<ada@example.com>']);
    expect(received[0].data).toContain('Subject: Order confirmed (order #0ABC1234)');
    expect(received[0].data).toContain('Your order is confirmed.');
  });

  it('fails the send when the server refuses the connection', async () => {
    await expect(smtpChannel('smtp://127.0.0.1:1').send({ from: 'a@b.c', to: 'd@e.f', subject: 's', text: 't' })).rejects.toThrow();
  });
});
