import { cpus, totalmem } from 'node:os';
import type { DatabaseCeiling, GatewayCeiling } from './ceilings.ts';
import { INVARIANTS, type Invariants } from './invariants.ts';
import type { LatencySummary } from './stats.ts';

export interface Machine {
  cpus: number;
  model: string;
  memoryMb: number;
  node: string;
  platform: string;
}

export interface Ceilings {
  database: DatabaseCeiling;
  gateway: GatewayCeiling;
  /** confirmedPerSecond ÷ the database's single-row commit rate. */
  throughputVsDatabase: number | null;
  /** confirmedPerSecond ÷ the gateway's no-op request rate. */
  throughputVsGateway: number | null;
}

export interface Report {
  mode: 'embedded' | 'cluster';
  orders: number;
  concurrency: number;
  /** Present when orders were started at a fixed rate (--rate), per second. */
  rate?: number;
  durationS: number;
  confirmedPerSecond: number;
  placeLatencyMs: LatencySummary;
  endToEndLatencyMs: LatencySummary;
  statusCounts: Record<string, number>;
  invariants: Invariants;
  ceilings: Ceilings;
  machine: Machine;
  run: {
    startedAt: string;
    url: string;
    booted: boolean;
    seed: number;
    /** sse: outcomes pushed on live streams; poll: read from the open-order lists. */
    tracking: 'sse' | 'poll';
    /**
     * CPU time the system's processes used during the checkouts: per order, and as cores kept busy
     * (1 = one core). Compares runs on a busy machine better than wall-clock rates. Null for --url.
     */
    systemCpu: { msPerOrder: number; utilization: number } | null;
    /** Database transactions per order (PostgreSQL's own counts, per service database); null in embedded mode and for --url. */
    transactionsPerOrder: { total: number; byService: Record<string, number> } | null;
    duplicateSubmissions: number;
    errors: number;
    errorSamples: string[];
  };
}

export function machine(): Machine {
  const list = cpus();
  return {
    cpus: list.length,
    model: list[0]?.model.trim() ?? 'unknown',
    memoryMb: Math.round(totalmem() / 2 ** 20),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}

export const allInvariantsHold = (inv: Invariants) => INVARIANTS.every((k) => inv[k].ok);

const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - s.length));
const lat = (l: LatencySummary) => `p50 ${l.p50}  p95 ${l.p95}  p99 ${l.p99}  max ${l.max}`;

/** The human-readable summary printed on stdout. */
export function renderTable(r: Report): string {
  const tx = r.run.transactionsPerOrder;
  const rows: Array<[string, string]> = [
    ['mode', `${r.mode}${r.run.booted ? '' : ` (running at ${r.run.url})`}`],
    ['orders / concurrency', `${r.orders} / ${r.concurrency}${r.rate ? ` at most ${r.rate} orders/s (open loop)` : ' (closed loop)'}`],
    ['duration', `${r.durationS} s`],
    ['confirmed orders/s', String(r.confirmedPerSecond)],
    ['place latency (ms)', lat(r.placeLatencyMs)],
    [
      'end-to-end latency (ms)',
      `${lat(r.endToEndLatencyMs)}  (outcomes ${r.run.tracking === 'sse' ? 'pushed on live streams' : 'polled'})`,
    ],
    [
      'statuses',
      Object.entries(r.statusCounts)
        .map(([k, v]) => `${k} ${v}`)
        .join(', '),
    ],
    ['system CPU', r.run.systemCpu ? `${r.run.systemCpu.msPerOrder} ms per order, ${r.run.systemCpu.utilization} cores busy` : 'n/a'],
    ...(tx
      ? [
          [
            'transactions per order',
            `${tx.total} (${Object.entries(tx.byService)
              .filter(([, n]) => n > 0)
              .map(([s, n]) => `${s} ${n}`)
              .join(', ')})`,
          ] as [string, string],
        ]
      : []),
    ['duplicate submissions', String(r.run.duplicateSubmissions)],
    ['errors', r.run.errors ? `${r.run.errors}: ${r.run.errorSamples.slice(0, 3).join(' | ')}` : '0'],
    [
      `${r.ceilings.database.engine} commits/s`,
      `${r.ceilings.database.commitsPerSecond}  (throughput ratio ${r.ceilings.throughputVsDatabase ?? 'n/a'})`,
    ],
    [
      `gateway no-op req/s`,
      `${r.ceilings.gateway.requestsPerSecond} at concurrency ${r.ceilings.gateway.concurrency}  (throughput ratio ${r.ceilings.throughputVsGateway ?? 'n/a'})`,
    ],
    ['machine', `${r.machine.cpus} × ${r.machine.model}, ${r.machine.memoryMb} MB, node ${r.machine.node}`],
    ...INVARIANTS.map((k): [string, string] => [k, `${r.invariants[k].ok ? 'ok  ' : 'FAIL'}  ${r.invariants[k].detail}`]),
  ];
  const width = Math.max(...rows.map(([k]) => k.length)) + 2;
  return rows.map(([k, v]) => pad(k, width) + v).join('\n') + '\n';
}
