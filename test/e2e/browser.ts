/**
 * Where the browser tests find a Chromium: CHROMIUM_PATH; else a chromium or chrome in PATH; else one
 * that Playwright downloaded into its cache. Without one, the browser tests are skipped with one printed
 * line outside CI and fail in CI (CI=true), as the distributed suite does.
 */
import { accessSync, constants, readdirSync } from 'node:fs';
import { homedir, platform } from 'node:os';
import { delimiter, join } from 'node:path';

const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];

export const HOW_TO_GET_ONE =
  'install Chromium (Debian/Ubuntu: apt-get install chromium; macOS: brew install --cask chromium), ' +
  'or run `npx playwright-core install chromium`, or set CHROMIUM_PATH';

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function list(dir: string): string[] {
  try {
    return readdirSync(dir).sort().reverse(); // newest revision first
  } catch {
    return [];
  }
}

/** Chromium builds Playwright keeps in its cache (PLAYWRIGHT_BROWSERS_PATH or the platform's default). */
function playwrightCache(env: NodeJS.ProcessEnv, home: string, os: NodeJS.Platform): string[] {
  const cache =
    env.PLAYWRIGHT_BROWSERS_PATH && env.PLAYWRIGHT_BROWSERS_PATH !== '0'
      ? env.PLAYWRIGHT_BROWSERS_PATH
      : os === 'darwin'
        ? join(home, 'Library/Caches/ms-playwright')
        : join(home, '.cache/ms-playwright');
  const found: string[] = [];
  for (const dir of list(cache).filter((d) => d.startsWith('chromium'))) {
    const base = join(cache, dir);
    found.push(
      join(base, 'chrome-linux64/chrome'),
      join(base, 'chrome-linux/chrome'),
      join(base, 'chrome-linux/headless_shell'),
      join(base, 'chrome-headless-shell-linux64/chrome-headless-shell'),
      join(base, 'chrome-mac/Chromium.app/Contents/MacOS/Chromium'),
      join(base, 'chrome-mac-arm64/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing'),
    );
  }
  return found;
}

/** The first Chromium found, or null. `env`, `home` and `os` are parameters so tests can fake them. */
export function findChromium(
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
  os: NodeJS.Platform = platform(),
): string | null {
  if (env.CHROMIUM_PATH) return executable(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : null;
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const name of NAMES) if (executable(join(dir, name))) return join(dir, name);
  }
  for (const path of playwrightCache(env, home, os)) if (executable(path)) return path;
  if (os === 'darwin') {
    for (const app of [
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    ]) {
      if (executable(app)) return app;
    }
  }
  return null;
}

export type BrowserPlan = { run: true; chromium: string } | { run: false; mandatory: boolean; message: string };

/** Run with the Chromium found; without one, skip (one line says how to get one), or fail under CI=true. */
export function browserPlan(env: NodeJS.ProcessEnv = process.env, chromium: string | null = findChromium(env)): BrowserPlan {
  if (chromium) return { run: true, chromium };
  const why = env.CHROMIUM_PATH ? `CHROMIUM_PATH=${env.CHROMIUM_PATH} is not an executable` : 'no Chromium or Chrome found';
  if (env.CI === 'true')
    return {
      run: false,
      mandatory: true,
      message: `the browser tests need a browser and CI makes them mandatory: ${why}; ${HOW_TO_GET_ONE}`,
    };
  return { run: false, mandatory: false, message: `SKIPPING the browser tests: ${why}; to run them, ${HOW_TO_GET_ONE}` };
}
