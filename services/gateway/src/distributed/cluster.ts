import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { SERVICE_NAMES } from '../services.ts';

const ROOT = fileURLToPath(new URL('../../../..', import.meta.url));

export interface ClusterProcess {
  name: string;
  label: string;
  url: string;
  child: ChildProcess;
}

export interface ClusterOptions {
  /** Environment for every process (DATABASE_URL, NATS_URL, REDIS_URL, MERCATO_NAMESPACE, ...). */
  env: Record<string, string | undefined>;
  /** `inventory=2,orders=2`: how many processes of each service (gateway included). */
  replicas?: string;
  /** Node.js options for every process, such as --cpu-prof (which NODE_OPTIONS may not carry). */
  nodeArgs?: string[];
  gatewayPort: number;
  /** Where each process's output lines go, prefixed with its label. */
  log?: (line: string) => void;
  readyTimeoutMs?: number;
}

export interface Cluster {
  gatewayUrl: string;
  processes: ClusterProcess[];
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export function parseReplicas(spec: string | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of (spec ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^([a-z]+)=(\d+)$/.exec(part);
    if (!m || Number(m[2]) < 1 || Number(m[2]) > 16) throw new Error(`MERCATO_REPLICAS: "${part}" is not name=count (1..16)`);
    out[m[1]!] = Number(m[2]);
  }
  return out;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

async function waitReady(p: ClusterProcess, deadline: number): Promise<void> {
  for (;;) {
    if (p.child.exitCode !== null) throw new Error(`${p.label} exited with code ${p.child.exitCode}`);
    try {
      const res = await fetch(`${p.url}/health/ready`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${p.label} was not ready in time`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
  });
}

/**
 * Starts every service as its own OS process, then the gateway, against the servers named in
 * `env`, and waits until all of them report ready.
 */
export async function startCluster(opts: ClusterOptions): Promise<Cluster> {
  const replicas = parseReplicas(opts.replicas);
  const unknown = Object.keys(replicas).filter((n) => n !== 'gateway' && !SERVICE_NAMES.includes(n));
  if (unknown.length) throw new Error(`MERCATO_REPLICAS names unknown services: ${unknown.join(', ')}`);
  const plan: Array<{ name: string; label: string; port: number }> = [];
  for (const name of SERVICE_NAMES)
    for (let i = 1; i <= (replicas[name] ?? 1); i++) plan.push({ name, label: `${name}.${i}`, port: await freePort() });
  const gateways = replicas.gateway ?? 1;
  for (let i = 1; i <= gateways; i++) plan.push({ name: 'gateway', label: `gateway.${i}`, port: i === 1 ? opts.gatewayPort : await freePort() });

  const serviceUrls = SERVICE_NAMES.map((name) => `${name}=${plan.filter((p) => p.name === name).map((p) => `http://127.0.0.1:${p.port}`).join('|')}`).join(',');
  const processes = plan.map(({ name, label, port }): ClusterProcess => {
    const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), '--import', 'tsx', 'bin/mercato.ts', 'serve', name], {
      cwd: ROOT,
      env: { ...process.env, ...opts.env, PORT: String(port), HOST: '127.0.0.1', SERVICE_URLS: serviceUrls },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [child.stdout!, child.stderr!])
      createInterface({ input: stream }).on('line', (line) => opts.log?.(`[${label}] ${line}`));
    child.once('exit', (code, signal) => opts.log?.(`[${label}] exited (${signal ?? code})`));
    return { name, label, url: `http://127.0.0.1:${port}`, child };
  });

  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    for (const p of processes) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill(signal);
    await Promise.all(processes.map((p) => exited(p.child)));
  };
  try {
    const deadline = Date.now() + (opts.readyTimeoutMs ?? 90_000);
    await Promise.all(processes.map((p) => waitReady(p, deadline)));
  } catch (e) {
    await stop('SIGKILL');
    throw e;
  }
  return { gatewayUrl: processes.find((p) => p.name === 'gateway')!.url, processes, stop };
}
