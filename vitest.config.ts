import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';
import { browserPlan } from './test/e2e/browser.ts';

/**
 * Three groups, one after the other: the parallel suite; then the browser tests, which time what a
 * user sees and so must not share two cores with clusters booting; then the tests that restart the
 * shared PostgreSQL, NATS and Redis servers, which nothing else may be using at that moment.
 */
// A shop's in-memory PGlite takes seconds to initialise, many more on two cores shared with booting clusters.
const shared = { testTimeout: 30_000, hookTimeout: 120_000, pool: 'forks' as const };
const BROWSER = 'test/e2e/**/*.test.ts';
const SERVER_RESTARTS = 'test/**/*.restarts-servers.test.ts';

// Workspace packages export their compiled dist/ by default; tests run their TypeScript sources. (Each
// project states it: an inline project does not inherit the root's resolve options.)
const conditions = ['@mercato/source', ...defaultServerConditions];
const sources = { resolve: { conditions }, ssr: { resolve: { conditions } } };

// No Chromium on this machine: outside CI the browser tests are skipped with one line; under CI=true they
// run and fail, saying why (see test/e2e/browser.ts).
const browser = browserPlan();
const skipBrowser = !browser.run && !browser.mandatory;
if (!browser.run) console.warn(browser.message);

export default defineConfig({
  test: {
    // `--project browser` alone, its tests skipped, is a pass and not "no test files found".
    passWithNoTests: skipBrowser,
    projects: [
      {
        ...sources,
        test: {
          ...shared,
          name: 'suite',
          include: ['packages/*/test/**/*.test.ts', 'services/*/test/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: [BROWSER, SERVER_RESTARTS],
          sequence: { groupOrder: 0 },
        },
      },
      { ...sources, test: { ...shared, name: 'browser', include: skipBrowser ? [] : [BROWSER], sequence: { groupOrder: 1 } } },
      {
        ...sources,
        test: { ...shared, name: 'server-restarts', include: [SERVER_RESTARTS], fileParallelism: false, sequence: { groupOrder: 2 } },
      },
    ],
  },
});
