import type { Logger } from '@mercato/kernel';
import type { Upstream } from './upstream.ts';

const REFRESH_MS = 30_000;
/** Until every upstream has answered once (they start together with the gateway), look again soon. */
const RETRY_MS = 1_000;

/**
 * The gateway's OpenAPI document in distributed mode: its own routes plus every service's,
 * fetched from each upstream's /docs/json and refreshed in the background.
 */
export class MergedDocs {
  /** The last document each upstream gave: one that fails to answer a refresh keeps its paths. */
  private readonly documents = new Map<string, any>();
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly upstreams: Upstream[],
    private readonly logger: Logger,
  ) {}

  start() {
    void this.refreshAndSchedule();
  }

  stop() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private async refreshAndSchedule() {
    await this.refresh();
    if (this.stopped) return;
    const complete = this.documents.size === this.upstreams.length;
    this.timer = setTimeout(() => void this.refreshAndSchedule(), complete ? REFRESH_MS : RETRY_MS);
    this.timer.unref();
  }

  transform = (spec: Record<string, any>) => {
    const docs = [...this.documents.values()];
    return {
      ...spec,
      paths: Object.assign({}, ...docs.map((d) => d.paths), spec.paths),
      components: { ...spec.components, schemas: Object.assign({}, ...docs.map((d) => d.components?.schemas), spec.components?.schemas) },
      tags: [...(spec.tags ?? []), ...docs.flatMap((d) => d.tags ?? [])],
    };
  };

  private async refresh(): Promise<void> {
    await Promise.all(
      this.upstreams.map(async (u) => {
        try {
          const res = await fetch(new URL('/docs/json', u.replicas[0]!.url), { signal: AbortSignal.timeout(3000) });
          if (!res.ok) throw new Error(`${u.name} answered ${res.status}`);
          this.documents.set(u.name, await res.json());
        } catch (err) {
          this.logger.debug({ err, upstream: u.name }, 'could not fetch the upstream OpenAPI document');
        }
      }),
    );
  }
}
