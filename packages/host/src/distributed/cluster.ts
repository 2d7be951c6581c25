import { generatedServiceSecret, httpRequest } from '@mercato/kernel';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { mercatoCommand, ROOT } from '../command.ts';
import { SERVICE_NAMES } from '../services.ts';

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
  /** Picks a free port for a process (tests hand out a taken one to see the launcher recover). */
  pickPort?: () => Promise<number>;
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
  for (const part of (spec ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = /^([a-z]+)=(\d+)$/.exec(part);
    if (!m || Number(m[2]) < 1 || Number(m[2]) > 16) throw new Error(`MERCATO_REPLICAS: "${part}" is not name=count (1..16)`);
    out[m[1]] = Number(m[2]);
  }
  return out;
}

export function pickFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** A process could not listen: another program took the port picked for it before it started. */
class PortTaken extends Error {}

/** How many times a launch starts over on new ports when a picked port was taken. */
const LAUNCH_ATTEMPTS = 3;

interface Launching extends ClusterProcess {
  /** What this process answers /health/ready with, so that a stranger on its port is not taken for it. */
  instance: string;
  /** Its port was picked here (not the gateway port the caller asked for), so another one will do. */
  picked: boolean;
  portTaken: boolean;
}

async function waitReady(p: Launching, deadline: number): Promise<void> {
  for (;;) {
    if (p.child.exitCode !== null) {
      if (p.portTaken && p.picked) throw new PortTaken(`${p.label} found ${p.url} taken`);
      throw new Error(`${p.label} exited with code ${p.child.exitCode}`);
    }
    try {
      const res = await httpRequest(new URL('/health/ready', p.url), { method: 'GET', timeoutMs: 1000 });
      if (res.status === 200 && (JSON.parse(res.body.toString('utf8')) as { instance?: unknown }).instance === p.instance) return;
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
 * `env`, and waits until all of them report ready. A `gatewayPort` of 0 picks a free one.
 */
export async function startCluster(opts: ClusterOptions): Promise<Cluster> {
  const replicas = parseReplicas(opts.replicas);
  const unknown = Object.keys(replicas).filter((n) => n !== 'gateway' && !SERVICE_NAMES.includes(n));
  if (unknown.length) throw new Error(`MERCATO_REPLICAS names unknown services: ${unknown.join(', ')}`);
  // Every process of the cluster shares one service credential: the caller's, or a fresh one.
  const serviceSecret = opts.env.SERVICE_SECRET || generatedServiceSecret();
  // Ports are picked free here and bound by the processes a moment later. A program that takes one
  // in between (another cluster starting, as test files do in parallel) costs a launch on new
  // ports, rather than a cluster that talks to a stranger on that port.
  for (let attempt = 1; ; attempt++) {
    try {
      return await launch(opts, replicas, serviceSecret);
    } catch (e) {
      if (!(e instanceof PortTaken) || attempt === LAUNCH_ATTEMPTS) throw e;
      opts.log?.(`${e.message}; starting the cluster again on other ports`);
    }
  }
}

async function launch(opts: ClusterOptions, replicas: Record<string, number>, serviceSecret: string): Promise<Cluster> {
  const pickPort = opts.pickPort ?? pickFreePort;
  const plan: Array<{ name: string; label: string; port: number; picked: boolean }> = [];
  for (const name of SERVICE_NAMES)
    for (let i = 1; i <= (replicas[name] ?? 1); i++) plan.push({ name, label: `${name}.${i}`, port: await pickPort(), picked: true });
  const gateways = replicas.gateway ?? 1;
  for (let i = 1; i <= gateways; i++) {
    const asked = i === 1 && opts.gatewayPort !== 0;
    plan.push({ name: 'gateway', label: `gateway.${i}`, port: asked ? opts.gatewayPort : await pickPort(), picked: !asked });
  }

  const serviceUrls = SERVICE_NAMES.map(
    (name) =>
      `${name}=${plan
        .filter((p) => p.name === name)
        .map((p) => `http://127.0.0.1:${p.port}`)
        .join('|')}`,
  ).join(',');
  const processes = plan.map(({ name, label, port, picked }): Launching => {
    const instance = `${label}-${randomUUID()}`;
    // Plain node on the compiled bin when this launcher runs compiled, tsx on the sources otherwise.
    const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), ...mercatoCommand(['serve', name])], {
      cwd: ROOT,
      env: {
        ...process.env,
        ...opts.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        SERVICE_URLS: serviceUrls,
        SERVICE_SECRET: serviceSecret,
        MERCATO_INSTANCE: instance,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const p: Launching = { name, label, url: `http://127.0.0.1:${port}`, child, instance, picked, portTaken: false };
    for (const stream of [child.stdout, child.stderr])
      createInterface({ input: stream }).on('line', (line) => {
        if (line.includes('EADDRINUSE')) p.portTaken = true;
        opts.log?.(`[${label}] ${line}`);
      });
    child.once('exit', (code, signal) => opts.log?.(`[${label}] exited (${signal ?? code})`));
    return p;
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
  return {
    gatewayUrl: processes.find((p) => p.name === 'gateway')!.url,
    processes: processes.map(({ name, label, url, child }) => ({ name, label, url, child })),
    stop,
  };
}
