import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
// `npm run dev:web` proxies the API to a running node (BH_DEV_API, default the demo's VN-QN node).
const api = process.env.BH_DEV_API ?? 'http://127.0.0.1:8080';

export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1600,
  },
  server: {
    // The audit verifier is shared with the server (src/platform/audit/verify.ts).
    fs: { allow: [repoRoot] },
    proxy: { '/api': api, '/.well-known': api },
  },
});
