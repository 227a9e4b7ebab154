import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

// A fake `electron`: the binary cannot run here. The fake keychain XORs with a byte so sealed text differs from plain.
const fake = vi.hoisted(() => ({ available: true, backend: 'gnome_libsecret' }));
vi.mock('electron', () => ({
  safeStorage: {
    isEncryptionAvailable: () => fake.available,
    getSelectedStorageBackend: () => fake.backend,
    encryptString: (plain: string) => Buffer.from(Buffer.from(plain, 'utf8').map((b) => b ^ 0x5a)),
    decryptString: (sealed: Buffer) => {
      if (sealed.length === 0) throw new Error('bad');
      return Buffer.from(sealed.map((b) => b ^ 0x5a)).toString('utf8');
    },
  },
}));

import { createLogger } from '../../electron/hub/logger';
import { createFileSecretBox, SECRET_KEY_FILE, SecretBoxError } from '../../electron/hub/secret-box';
import { createSafeStorageBox } from '../../electron/main/safe-storage-box';
import { makeTempDir } from '../helpers/temp-dir';

describe('safeStorage secret box (desktop app)', () => {
  const dir = makeTempDir('anchor-ss-');
  afterEach(() => {
    fake.available = true;
    fake.backend = 'gnome_libsecret';
  });

  it('seals with the OS keychain, makes no key file, and still opens keys a headless run sealed', () => {
    const lines: string[] = [];
    const box = createSafeStorageBox(dir.path, createLogger({ sink: (l) => lines.push(l) }));
    expect(box.protection).toBe('os-keychain');
    const sealed = box.seal('live_key_123456');
    expect(sealed.startsWith('ss1:')).toBe(true);
    expect(sealed).not.toContain('live_key_123456');
    expect(box.open(sealed)).toBe('live_key_123456');
    expect(existsSync(join(dir.path, SECRET_KEY_FILE))).toBe(false);
    expect(lines).toEqual([]);
    const headless = createFileSecretBox(dir.path).seal('older_key_98765');
    expect(box.open(headless)).toBe('older_key_98765');
    expect(() => box.open('ss1:')).toThrow(SecretBoxError);
  });

  it("falls back to the key file with a warning on Linux's basic_text backend or without encryption", () => {
    for (const setup of [() => (fake.backend = 'basic_text'), () => (fake.available = false)]) {
      setup();
      const lines: string[] = [];
      const box = createSafeStorageBox(dir.path, createLogger({ sink: (l) => lines.push(l) }));
      expect(box.protection).toBe('key-file');
      expect(box.open(box.seal('k-1234567'))).toBe('k-1234567');
      expect(lines.join('\n')).toContain('keychain is not available');
      fake.available = true;
      fake.backend = 'gnome_libsecret';
    }
    dir.remove();
  });
});
