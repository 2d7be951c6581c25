/**
 * Prints the functions with the most self time in a V8 .cpuprofile (from `node --cpu-prof`),
 * and the same grouped by package, which is usually the faster read.
 *   npx tsx bench/src/profile-top.ts /tmp/prof/CPU.*.cpuprofile [--top 30] [--from-s 12 --to-s 40]
 * (--from-s/--to-s keep the samples of that window, seconds from the start of the profile).
 */
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: Node[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface Row {
  name: string;
  selfMs: number;
  share: number;
}

/** Self time per function and per package, from a profile's samples. Pure. */
export function topSelfTime(
  profile: Profile,
  top = 30,
  window: { fromS?: number; toS?: number } = {},
): { functions: Row[]; packages: Row[]; totalMs: number } {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  const from = (window.fromS ?? 0) * 1e6;
  const to = (window.toS ?? Infinity) * 1e6;
  let t = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i] ?? 0;
    if (t < from || t > to) continue;
    self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const fn = new Map<string, number>();
  const pkg = new Map<string, number>();
  let total = 0;
  for (const [id, us] of self) {
    const n = byNode.get(id)!;
    const url = n.callFrame.url.replace(/^file:\/\//, '');
    const where = url ? `${url.replace(/^.*node_modules\//, '').replace(/^.*\/work\/main\//, '')}:${n.callFrame.lineNumber + 1}` : '';
    const key = `${n.callFrame.functionName || '(anonymous)'} ${where}`.trim();
    fn.set(key, (fn.get(key) ?? 0) + us);
    const p =
      /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1] ??
      (url.startsWith('node:')
        ? 'node internals'
        : url
          ? url
              .replace(/^.*\/work\/main\//, '')
              .split('/')
              .slice(0, 2)
              .join('/')
          : n.callFrame.functionName);
    pkg.set(p, (pkg.get(p) ?? 0) + us);
    total += us;
  }
  const rows = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, selfMs: Math.round(us / 100) / 10, share: Math.round((us / total) * 1000) / 10 }));
  return { functions: rows(fn), packages: rows(pkg), totalMs: Math.round(total / 1000) };
}

if (process.argv[1]?.endsWith('profile-top.ts')) {
  const args = process.argv.slice(2);
  const topIdx = args.indexOf('--top');
  const top = topIdx >= 0 ? Number(args.splice(topIdx, 2)[1]) : 30;
  const fromIdx = args.indexOf('--from-s');
  const fromS = fromIdx >= 0 ? Number(args.splice(fromIdx, 2)[1]) : undefined;
  const toIdx = args.indexOf('--to-s');
  const toS = toIdx >= 0 ? Number(args.splice(toIdx, 2)[1]) : undefined;
  for (const file of args) {
    const r = topSelfTime(JSON.parse(readFileSync(file, 'utf8')), top, { fromS, toS });
    console.log(`${file}: ${r.totalMs} ms sampled`);
    console.log('\nby package');
    for (const row of r.packages) console.log(`${String(row.selfMs).padStart(9)} ms ${String(row.share).padStart(5)}%  ${row.name}`);
    console.log('\nby function');
    for (const row of r.functions) console.log(`${String(row.selfMs).padStart(9)} ms ${String(row.share).padStart(5)}%  ${row.name}`);
  }
}
