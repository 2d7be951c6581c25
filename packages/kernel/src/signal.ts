/** A wake-up flag: `wait` resolves on the next `notify` or after the timeout, whichever is first. */
export class Signal {
  private pending = false;
  private waiter: (() => void) | null = null;

  notify(): void {
    this.pending = true;
    this.waiter?.();
  }

  wait(timeoutMs: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiter = null;
        this.pending = false;
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.waiter = done;
    });
  }
}

/**
 * Resolves once the event loop has turned: what is already under way (the rest of a socket read,
 * transactions about to commit) gets there first, so the caller takes it all in one go.
 */
export const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
