import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'mercato-audit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs bin/audit.sh with an `npm` that answers as told, and records how it was called. */
function auditWith(output: string, rc: number) {
  const npm = join(dir, 'npm');
  writeFileSync(npm, `#!/bin/sh\necho "$@" > "${dir}/args"\necho '${output}'\nexit ${rc}\n`);
  chmodSync(npm, 0o755);
  const res = spawnSync('bash', [join(ROOT, 'bin/audit.sh')], {
    env: { ...process.env, PATH: `${dir}:${process.env.PATH}` },
    encoding: 'utf8',
  });
  return { status: res.status, out: res.stdout + res.stderr, args: readFileSync(join(dir, 'args'), 'utf8').trim() };
}

describe('CI', () => {
  it('audits the production dependencies at level high, and fails on a finding', () => {
    const clean = auditWith('found 0 vulnerabilities', 0);
    expect(clean.status).toBe(0);
    expect(clean.args).toBe('audit --omit=dev --audit-level=high');
    const finding = auditWith('1 high severity vulnerability', 1);
    expect(finding.status).toBe(1);
    const offline = auditWith('npm error audit endpoint returned an error', 1);
    expect(offline.status).toBe(0);
    expect(offline.out).toContain('NOT audited');
  });

  it('.ci/run is CI: CI=true, the audit, then the README’s test command', () => {
    const script = readFileSync(join(ROOT, '.ci/run'), 'utf8');
    const at = (s: string) => script.indexOf(s);
    expect(at('export CI=true')).toBeGreaterThan(-1);
    expect(at('bin/audit.sh')).toBeGreaterThan(at('npm ci'));
    expect(at('npm test')).toBeGreaterThan(at('bin/audit.sh'));
    expect(at('export CI=true')).toBeLessThan(at('npm test'));
  });
});
