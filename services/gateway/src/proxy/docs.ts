import { z } from 'zod';
import { httpRequest, type Logger, type OpenApiDocument } from '@mercato/kernel';
import type { Upstream } from './upstream.ts';

const REFRESH_MS = 30_000;
/** Until every upstream has answered once (they start together with the gateway), look again soon. */
const RETRY_MS = 1_000;

type Doc = { paths: Record<string, unknown>; schemas: Record<string, unknown>; tags: unknown[] };

/** What the gateway takes from an upstream's /docs/json; a document of another shape counts as no answer. */
const upstreamDoc = z.object({
  paths: z.record(z.string(), z.unknown()).optional(),
  components: z.object({ schemas: z.record(z.string(), z.unknown()).optional() }).optional(),
  tags: z.array(z.unknown()).optional(),
});

/**
 * The gateway's OpenAPI document in distributed mode: its own routes plus every service's,
 * fetched from each upstream's /docs/json and refreshed in the background.
 */
export class MergedDocs {
  private merged: Doc = { paths: {}, schemas: {}, tags: [] };
  /** Each upstream's last document: one that does not answer a refresh keeps its previous one. */
  private readonly docs = new Map<string, Doc>();
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  /** Every upstream has answered at least once. */
  private complete = false;

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
    this.timer = setTimeout(() => void this.refreshAndSchedule(), this.complete ? REFRESH_MS : RETRY_MS);
    this.timer.unref();
  }

  /**
   * Called before the document is served: while some upstream has never answered (the gateway
   * started before it listened), ask again now rather than serve a document without its routes.
   */
  async beforeServing(): Promise<void> {
    if (!this.complete) await this.refresh();
  }

  transform = (spec: Readonly<OpenApiDocument>): OpenApiDocument => ({
    ...spec,
    paths: { ...this.merged.paths, ...spec.paths },
    components: { ...spec.components, schemas: { ...this.merged.schemas, ...spec.components?.schemas } },
    tags: [...(spec.tags ?? []), ...this.merged.tags],
  });

  private async refresh(): Promise<void> {
    await Promise.all(
      this.upstreams.map(async (u) => {
        try {
          const res = await httpRequest(new URL('/docs/json', u.replicas[0].url), { method: 'GET', timeoutMs: 3000 });
          if (res.status < 200 || res.status >= 300) throw new Error(`${u.name} answered ${res.status}`);
          const doc = upstreamDoc.parse(JSON.parse(res.body.toString('utf8')));
          this.docs.set(u.name, { paths: doc.paths ?? {}, schemas: doc.components?.schemas ?? {}, tags: doc.tags ?? [] });
        } catch (err) {
          this.logger.debug({ err, upstream: u.name }, 'could not fetch the upstream OpenAPI document');
        }
      }),
    );
    const merged: Doc = { paths: {}, schemas: {}, tags: [] };
    for (const doc of this.docs.values()) {
      Object.assign(merged.paths, doc.paths);
      Object.assign(merged.schemas, doc.schemas);
      merged.tags.push(...doc.tags);
    }
    this.merged = merged;
    this.complete = this.docs.size === this.upstreams.length;
  }
}
