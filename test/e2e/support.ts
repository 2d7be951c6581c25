/**
 * Browser end-to-end support: builds the web app when its sources changed, starts a real shop
 * (`mercato start`, seeded, on a fresh data directory) that serves it, and drives a Chromium (found
 * by browser.ts: CHROMIUM_PATH, PATH, Playwright's cache) through playwright-core. A failing step saves a screenshot in test-results/; any console error the
 * test did not expect fails it.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { http, kill, startShopProcess, type ShopProcess } from '../support/process.ts';
import { browserPlan } from './browser.ts';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const WEB = join(ROOT, 'apps/web');
const DIST_INDEX = join(WEB, 'dist/index.html');
const LOCK = join(WEB, '.build-lock');
export const RESULTS_DIR = join(ROOT, 'test-results');
const plan = browserPlan();
/** The Chromium the tests drive (see browser.ts); vitest.config.ts skips these tests when there is none outside CI. */
export const CHROMIUM = plan.run ? plan.chromium : null;

function newestMtime(path: string): number {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function builtTime(): number {
  try {
    return statSync(DIST_INDEX).mtimeMs;
  } catch {
    return 0;
  }
}

function sourcesTime(): number {
  return Math.max(
    ...[
      join(WEB, 'src'),
      join(WEB, 'public'),
      join(WEB, 'index.html'),
      join(WEB, 'vite.config.ts'),
      join(WEB, 'scripts'),
      join(ROOT, 'packages/contracts/src'),
    ].map(newestMtime),
  );
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function run(cmd: string, args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}:\n${out}`))));
  });
}

/**
 * Builds apps/web/dist unless it is newer than every source. Test files run in parallel, so the build
 * is guarded by a lock directory (mkdir is atomic): the first builds, the others wait and reuse it.
 */
export async function ensureWebBuilt(): Promise<void> {
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (builtTime() > sourcesTime()) return;
    try {
      mkdirSync(LOCK);
    } catch {
      // Someone else is building; a lock older than three minutes is left over from a killed run.
      try {
        if (Date.now() - statSync(LOCK).mtimeMs > 180_000) rmSync(LOCK, { recursive: true, force: true });
      } catch {
        // Gone meanwhile.
      }
      if (Date.now() > deadline) throw new Error('timed out waiting for another web build');
      await sleep(250);
      continue;
    }
    try {
      if (builtTime() > sourcesTime()) return;
      await run(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], WEB);
      // As `npm run build -w apps/web` does: the .br and .gz copies the gateway serves.
      await run(process.execPath, [join(WEB, 'scripts/precompress.mjs')], WEB);
      return;
    } finally {
      rmSync(LOCK, { recursive: true, force: true });
    }
  }
}

export interface WebShop {
  url: string;
  shop: ShopProcess;
  browser: Browser;
  stop(): Promise<void>;
}

/** Builds the app if needed, then starts a seeded shop on a fresh data directory (with `env` on top) and one browser. */
export async function startWebShop(env: Record<string, string> = {}): Promise<WebShop> {
  if (!plan.run) throw new Error(plan.message);
  await ensureWebBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), 'mercato-e2e-'));
  const [shop, browser] = await Promise.all([
    startShopProcess({ MERCATO_DATA_DIR: dataDir, MERCATO_SEED: 'true', REGISTRATIONS_PER_ADDRESS_PER_HOUR: '0', ...env }, 150_000),
    launchBrowser(),
  ]);
  // The gateway names itself http://localhost:<port>; pin IPv4 so Chromium and Node agree.
  const url = shop.url.replace('localhost', '127.0.0.1');
  return {
    url,
    shop,
    browser,
    async stop() {
      await browser.close().catch(() => undefined);
      await kill(shop, 'SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function launchBrowser(): Promise<Browser> {
  if (!plan.run) throw new Error(plan.message);
  return chromium.launch({
    executablePath: plan.chromium,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/** An HTTP error status the test provokes on purpose (the browser logs those as console errors). */
export interface ExpectedHttpError {
  status: number;
  /** A part of the request URL. */
  url: string;
}

export interface PageSession {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions so far, minus the expected ones. */
  errors(): string[];
  expectHttpError(e: ExpectedHttpError): void;
}

/**
 * Runs `body` in a fresh browser context (its own storage: one visitor). On failure it saves a
 * screenshot to test-results/<name>.png; afterwards it fails on any unexpected console error.
 */
export async function withPage(
  browser: Browser,
  name: string,
  body: (s: PageSession) => Promise<void>,
  options: { viewport?: { width: number; height: number }; baseURL?: string } = {},
): Promise<void> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 860 },
    baseURL: options.baseURL,
    locale: 'en-US',
    timezoneId: 'UTC',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const expected: ExpectedHttpError[] = [];
  const seen: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    const where = msg.location().url ?? '';
    const status = /status of (\d{3})/.exec(text)?.[1];
    if (status && expected.some((e) => e.status === Number(status) && where.includes(e.url))) return;
    seen.push(`${text}${where ? ` (${where})` : ''}`);
  });
  page.on('pageerror', (err) => seen.push(`uncaught: ${err.stack ?? err.message}`));
  // Aborted requests are the page's own doing (a live stream closed on navigation); others are failures.
  page.on('requestfailed', (req) => {
    const why = req.failure()?.errorText ?? '';
    if (!why.includes('ERR_ABORTED')) seen.push(`request failed: ${req.method()} ${req.url()} (${why})`);
  });
  const session: PageSession = { context, page, errors: () => [...seen], expectHttpError: (e) => expected.push(e) };
  try {
    await body(session);
    if (seen.length) throw new Error(`console errors in the browser:\n${seen.join('\n')}`);
  } catch (err) {
    mkdirSync(RESULTS_DIR, { recursive: true });
    const file = join(RESULTS_DIR, `${name.replace(/[^a-z0-9-]+/gi, '-')}.png`);
    await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
    if (err instanceof Error) {
      err.message += `\n(screenshot: ${file}, at ${page.url()})`;
      if (seen.length) err.message += `\nconsole errors in the browser:\n${seen.join('\n')}`;
    }
    throw err;
  } finally {
    await context.close().catch(() => undefined);
  }
}

export async function apiLogin(base: string, email: string, password: string): Promise<string> {
  const res = await http(base, 'POST', '/api/auth/login', { body: { email, password } });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body as { accessToken: string }).accessToken;
}

export async function apiRegister(base: string, user: { email: string; password: string; name: string }): Promise<string> {
  const res = await http(base, 'POST', '/api/auth/register', { body: user });
  if (res.status !== 201) throw new Error(`register ${user.email}: ${res.status} ${JSON.stringify(res.body)}`);
  return apiLogin(base, user.email, user.password);
}

export const uniqueEmail = (prefix: string) => `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.com`;

export { http };
