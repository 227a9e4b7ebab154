import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The renderer's imports of the studio's shared code (see renderer/vite.config.ts).
  resolve: { alias: { '@shared': fileURLToPath(new URL('./electron', import.meta.url)) } },
  test: {
    include: ['tests/harness/**/*.test.ts', 'tests/unit/**/*.test.{ts,tsx}', 'tests/integration/**/*.test.ts', 'tests/security/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration tests start real servers (OBS, nginx, Xvfb); two cores: keep files from fighting over them.
    fileParallelism: false,
  },
});
