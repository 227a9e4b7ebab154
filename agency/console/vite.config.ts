import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { precompress } from '../../scripts/vite-precompress';

const root = fileURLToPath(new URL('.', import.meta.url));

// The agency console: a plain web page served by every agency node (dist/agency-console).
export default defineConfig({
  root,
  base: '/',
  plugins: [precompress()],
  build: {
    outDir: fileURLToPath(new URL('../../dist/agency-console', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    // The node's CSP forbids inline scripts and styles: keep every asset a file.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
