import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { browserPlan, findChromium } from './e2e/browser.ts';

const root = mkdtempSync(join(tmpdir(), 'mercato-browser-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function fakeExecutable(path: string) {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, '#!/bin/sh\n');
  chmodSync(path, 0o755);
  return path;
}

describe('finding a browser for the browser tests', () => {
  const emptyHome = join(root, 'empty-home');
  const bin = join(root, 'bin');
  const chromeInPath = fakeExecutable(join(bin, 'google-chrome'));

  it('takes CHROMIUM_PATH first, then a chromium or chrome in PATH', () => {
    const custom = fakeExecutable(join(root, 'custom/chromium'));
    expect(findChromium({ CHROMIUM_PATH: custom, PATH: bin }, emptyHome, 'linux')).toBe(custom);
    expect(findChromium({ PATH: `${join(root, 'nothing')}:${bin}` }, emptyHome, 'linux')).toBe(chromeInPath);
    expect(findChromium({ CHROMIUM_PATH: join(root, 'missing'), PATH: bin }, emptyHome, 'linux')).toBeNull();
  });

  it('finds the newest Chromium in Playwright’s cache', () => {
    const home = join(root, 'home');
    fakeExecutable(join(home, '.cache/ms-playwright/chromium-1100/chrome-linux/chrome'));
    const newest = fakeExecutable(join(home, '.cache/ms-playwright/chromium-1200/chrome-linux64/chrome'));
    expect(findChromium({ PATH: '' }, home, 'linux')).toBe(newest);
    const elsewhere = fakeExecutable(join(root, 'pw/chromium_headless_shell-1200/chrome-linux/headless_shell'));
    expect(findChromium({ PATH: '', PLAYWRIGHT_BROWSERS_PATH: join(root, 'pw') }, emptyHome, 'linux')).toBe(elsewhere);
  });

  it('without one: skipped with a line saying how to get one, but mandatory under CI=true', () => {
    const none = { PATH: join(root, 'nothing') };
    expect(findChromium(none, emptyHome, 'linux')).toBeNull();
    const local = browserPlan(none, null);
    expect(local).toMatchObject({ run: false, mandatory: false });
    expect(!local.run && local.message).toMatch(
      /^SKIPPING the browser tests: .*apt-get install chromium.*playwright-core install chromium.*CHROMIUM_PATH/,
    );
    expect(browserPlan({ ...none, CI: 'true' }, null)).toMatchObject({ run: false, mandatory: true });
    expect(browserPlan({ CI: 'true' }, chromeInPath)).toEqual({ run: true, chromium: chromeInPath });
  });
});
