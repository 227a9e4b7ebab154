import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { precompress } from '../scripts/vite-precompress';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  plugins: [precompress()],
  // The UI imports the studio's shared code (domain and protocol) as @shared/... (tsconfig.base.json says the same).
  resolve: { alias: { '@shared': fileURLToPath(new URL('../electron', import.meta.url)) } },
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    // The CSP forbids inline scripts and styles: keep every asset a file.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
