import vue from '@vitejs/plugin-vue';
import { defaultClientConditions, defineConfig } from 'vite';

/**
 * In production the gateway serves dist/ at / and the API on the same origin. In development
 * (`npm run dev -w apps/web`) Vite proxies the API to a running shop: MERCATO_API, default :8080.
 */
const api = process.env.MERCATO_API ?? 'http://localhost:8080';
const proxy = {
  '/api': { target: api, changeOrigin: true },
  '/docs': { target: api, changeOrigin: true },
  '/health': { target: api, changeOrigin: true },
};

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [vue()],
  // @mercato/contracts from its TypeScript sources, not its compiled dist/ (which the web build does not need).
  resolve: { conditions: ['@mercato/source', ...defaultClientConditions] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 600,
    // The build is a few seconds; rolldown's "slow plugin" report is noise here.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  server: { port: 5173, proxy },
  preview: { port: 4173, proxy },
});
