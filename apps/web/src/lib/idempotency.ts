import { randomUuid } from './ids.ts';

/**
 * One Idempotency-Key per checkout attempt. Sending the same order again (a double click, a retry
 * after a network error or a timeout) reuses the key, so the shop places it once; changing anything in
 * the order starts a new attempt with a new key (the shop answers 422 to a key reused for another body).
 */
export class CheckoutAttempt {
  private key: string | null = null;
  private body: string | null = null;

  keyFor(body: unknown): string {
    const json = JSON.stringify(body);
    if (!this.key || json !== this.body) {
      this.key = `checkout-${randomUuid()}`;
      this.body = json;
    }
    return this.key;
  }

  /** After the order is placed: the next checkout is a new attempt. */
  done() {
    this.key = null;
    this.body = null;
  }
}
