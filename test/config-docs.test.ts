import { platformSettings } from '@mercato/kernel';
import { SERVICE_NAMES, loadService } from '@mercato/host';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';

/** The launcher's own variables: read by the cluster launcher alone, never by a service process. */
const LAUNCHER_ONLY = ['MERCATO_REPLICAS', 'MERCATO_NODE_ARGS'];
const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

/** A settings row's first cell: one variable, or two written `A` / `B`. */
const VARIABLES = /^`[A-Z][A-Z0-9_]+`( \/ `[A-Z][A-Z0-9_]+`)*$/;

interface Row {
  owner: string;
  variable: string;
  documentedDefault: string;
}

/** The README's settings tables: `| var | default | meaning |` (the platform's) and `| service | var | default | meaning |`. */
function documentedRows(): Row[] {
  const rows: Row[] = [];
  for (const line of README.split('\n')) {
    const cells = line
      .split(/(?<!\\)\|/)
      .slice(1, -1)
      .map((c) => c.trim());
    const [first, second, third] = cells;
    const platform = cells.length === 3 && VARIABLES.test(first);
    const service = cells.length === 4 && /^[a-z]+$/.test(first) && VARIABLES.test(second);
    if (!platform && !service) continue;
    const [owner, vars, defaults] = platform ? ['platform', first, second] : [first, second, third];
    const names = vars.split(' / ').map((v) => v.replace(/`/g, ''));
    const values = defaults.split(' / ');
    names.forEach((variable, i) => rows.push({ owner, variable, documentedDefault: values[i] ?? values[0] }));
  }
  return rows;
}

/** What a default written in the README means: a value in backticks, or nothing (none, unset, set by the launcher). */
const written = (cell: string) => (/^`.*`$/.test(cell) ? cell.slice(1, -1) : undefined);

describe("the README's configuration tables", () => {
  const rows = documentedRows();

  it('name every setting of the platform with its default, and nothing the platform does not read', () => {
    const shape = platformSettings.shape as Record<string, z.ZodType>;
    const documented = rows.filter((r) => r.owner === 'platform' && !LAUNCHER_ONLY.includes(r.variable));
    expect(documented.map((r) => r.variable).sort()).toEqual(Object.keys(shape).sort());
    for (const row of documented)
      expect([row.variable, shape[row.variable].parse(written(row.documentedDefault))]).toEqual([
        row.variable,
        shape[row.variable].parse(undefined),
      ]);
  });

  it("name every service's own settings under that service, with their defaults", async () => {
    for (const name of SERVICE_NAMES) {
      const module = await loadService(name);
      const shape = ((module.settings as z.ZodObject | undefined)?.shape ?? {}) as Record<string, z.ZodType>;
      const documented = rows.filter((r) => r.owner === name);
      expect([name, documented.map((r) => r.variable).sort()]).toEqual([name, Object.keys(shape).sort()]);
      for (const row of documented) {
        expect([name, row.variable, shape[row.variable].parse(written(row.documentedDefault))]).toEqual([
          name,
          row.variable,
          shape[row.variable].parse(undefined),
        ]);
      }
    }
  });

  it('list only owners that exist, and the launcher settings the launcher reads', () => {
    const owners = new Set(rows.map((r) => r.owner));
    for (const owner of owners) expect(['platform', ...SERVICE_NAMES]).toContain(owner);
    const launcher = readFileSync(new URL('../packages/host/src/distributed/cluster.ts', import.meta.url), 'utf8');
    for (const variable of LAUNCHER_ONLY) {
      expect(rows.map((r) => r.variable)).toContain(variable);
      expect(launcher + readFileSync(new URL('../bin/cluster.ts', import.meta.url), 'utf8')).toContain(variable);
    }
  });
});
