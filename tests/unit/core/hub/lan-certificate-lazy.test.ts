import { createRequire } from 'node:module';
import { sep } from 'node:path';
import { expect, it } from 'vitest';
import { createFileSecretBox } from '../../../../electron/core/hub/auth/secret-box';
import { makeTempDir } from '../../../helpers/temp-dir';

const require = createRequire(import.meta.url);
const isForgeLoaded = () => Object.keys(require.cache).some((file) => file.includes(`${sep}node-forge${sep}`));

// node-forge (377 kB of the hub's bundle, ~28 ms and ~1.7 MB of heap to load) only signs the LAN certificate, and LAN
// sharing is off until the anchor turns it on: a hub starting must not load it.
it('loads node-forge only when a LAN certificate is made, not when the hub starts', async () => {
  const { startHub } = await import('../../../../electron/core/hub/server');
  expect(startHub).toBeTypeOf('function');
  expect(isForgeLoaded()).toBe(false);
  const { lanCertificate } = await import('../../../../electron/core/hub/lan-certificate');
  const dir = makeTempDir('anchor-lan-lazy-');
  try {
    const made = await lanCertificate(dir.path, createFileSecretBox(dir.path), ['192.168.1.20'], { info: () => undefined });
    expect(made.cert).toContain('BEGIN CERTIFICATE');
    expect(isForgeLoaded()).toBe(true);
  } finally {
    dir.remove();
  }
});
