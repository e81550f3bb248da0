import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { bundleBudgets } from './scripts/bench-bundle-sizes.js';

const root = path.resolve('src/web');

/**
 * The browser side: the staff app (staff.html), the public home's CSS entry (public/public.ts) and
 * the beneficiary portal's small script and styles (portal/portal.ts).
 * The server reads dist/web/.vite/manifest.json for the public entry and sends dist/web/staff.html
 * for /staff; every asset lives under /assets/.
 */
export default defineConfig({
  root,
  base: '/',
  // src/web/public holds the public entry's sources, not files to copy verbatim.
  publicDir: false,
  // bundleBudgets: gzipped first-load JS per entry, and a failed build over the public budget (issue 7 §5).
  plugins: [react(), bundleBudgets()],
  resolve: {
    alias: { '~plex-arabic': path.resolve('node_modules/@fontsource/ibm-plex-sans-arabic/files') },
  },
  build: {
    outDir: path.resolve('dist/web'),
    emptyOutDir: true,
    manifest: true,
    assetsDir: 'assets',
    reportCompressedSize: true,
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      input: {
        staff: path.join(root, 'staff.html'),
        public: path.join(root, 'public/public.ts'),
        complaints: path.join(root, 'complaints-public/main.ts'),
        portal: path.join(root, 'portal/portal.ts'),
        consent: path.join(root, 'consent-public/consent.ts'),
        ack: path.join(root, 'ack-public/ack.ts'),
      },
    },
  },
});
