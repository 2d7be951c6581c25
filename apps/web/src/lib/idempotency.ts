import { randomUuid } from './ids.ts';

/**
 * One Idempotency-Key per attempt of a request that must happen once (a checkout, a return). Sending
 * the same body again (a double click, a retry after a network error or a timeout) reuses the key, so
 * the shop acts once; changing anything in it starts a new attempt with a new key (the shop answers 422
 * to a key reused for another body).
 */
export class RequestAttempt {
  private key: string | null = null;
  private body: string | null = null;

  /** `prefix` names the request in the key (`checkout-…`, `return-…`), for whoever reads the logs. */
  constructor(private readonly prefix: string) {}

  keyFor(body: unknown): string {
    const json = JSON.stringify(body);
    if (!this.key || json !== this.body) {
      this.key = `${this.prefix}-${randomUuid()}`;
      this.body = json;
    }
    return this.key;
  }

  /** After the request succeeded: the next one is a new attempt. */
  done() {
    this.key = null;
    this.body = null;
  }
}
