/** Named readiness checks (database, bus, cache...); the service is ready when all pass. */
export class HealthChecks {
  private readonly checks = new Map<string, () => Promise<void>>();

  add(name: string, check: () => Promise<void>): void {
    this.checks.set(name, check);
  }

  /** Each check's state: `up`, or `down: <reason>`. */
  async run(): Promise<{ ok: boolean; checks: Record<string, string> }> {
    const entries = await Promise.all(
      [...this.checks].map(async ([name, check]) => {
        try {
          await withTimeout(check(), 2000);
          return [name, 'up'] as const;
        } catch (e) {
          return [name, `down: ${(e as Error).message}`] as const;
        }
      }),
    );
    return { ok: entries.every(([, s]) => s === 'up'), checks: Object.fromEntries(entries) };
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    p.finally(() => clearTimeout(t)).then(resolve, reject);
  });
}
