import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

// A fake `electron`: the binary cannot run here. The fake keychain XORs with a byte so sealed text differs from plain.
const fake = vi.hoisted(() => ({ available: true, backend: 'gnome_libsecret', reEncrypt: false, broken: false }));
vi.mock('electron', () => ({
  safeStorage: {
    isAsyncEncryptionAvailable: async () => fake.available,
    getSelectedStorageBackend: () => fake.backend,
    encryptStringAsync: async (plain: string) => Buffer.from(Buffer.from(plain, 'utf8').map((b) => b ^ 0x5a)),
    decryptStringAsync: async (sealed: Buffer) => {
      if (fake.broken) throw new Error('keychain locked');
      return { result: Buffer.from(sealed.map((b) => b ^ 0x5a)).toString('utf8'), shouldReEncrypt: fake.reEncrypt };
    },
  },
}));

import { createFileSecretBox, createKeychainSecretBox, SECRET_KEY_FILE, SecretBoxError } from '../../../electron/core/hub/auth/secret-box';
import { loadKeychainDataKey, SEALED_DATA_KEY_FILE } from '../../../electron/main/keychain-data-key';
import { makeTempDir } from '../../helpers/temp-dir';

const quiet = () => {
  const lines: string[] = [];
  return { lines, log: { warn: (m: string) => lines.push(m), error: (m: string) => lines.push(m) } };
};

describe('keychain data key (desktop app) and the hub box that uses it', () => {
  const dir = makeTempDir('anchor-kc-');
  afterEach(() => Object.assign(fake, { available: true, backend: 'gnome_libsecret', reEncrypt: false, broken: false }));

  it('makes one data key, sealed by the keychain, and gives the same key back on the next start', async () => {
    const { log, lines } = quiet();
    const key = await loadKeychainDataKey(dir.path, log);
    expect(key?.length).toBe(32);
    const sealed = readFileSync(join(dir.path, SEALED_DATA_KEY_FILE));
    expect(sealed.includes(Buffer.from(key!.toString('base64')))).toBe(false);
    expect((await loadKeychainDataKey(dir.path, log))?.equals(key!)).toBe(true);
    expect(lines).toEqual([]);
  });

  it('seals stream keys with that key, makes no key file, and still opens keys a headless run sealed', async () => {
    const key = (await loadKeychainDataKey(dir.path, quiet().log))!;
    const box = createKeychainSecretBox(key, dir.path);
    expect(box.protection).toBe('os-keychain');
    const sealed = box.seal('live_key_123456');
    expect(sealed.startsWith('kc1:')).toBe(true);
    expect(sealed).not.toContain('live_key_123456');
    expect(box.open(sealed)).toBe('live_key_123456');
    expect(existsSync(join(dir.path, SECRET_KEY_FILE))).toBe(false);
    const headless = createFileSecretBox(dir.path).seal('older_key_98765');
    expect(box.open(headless)).toBe('older_key_98765');
    expect(() => box.open('kc1:')).toThrow(SecretBoxError);
    expect(() => createKeychainSecretBox(Buffer.alloc(32, 7), dir.path).open(sealed)).toThrow(/another keychain key/);
  });

  it('re-seals the key when the keychain asks for it, and keeps the sealed file when the keychain refuses', async () => {
    const key = (await loadKeychainDataKey(dir.path, quiet().log))!;
    fake.reEncrypt = true;
    expect((await loadKeychainDataKey(dir.path, quiet().log))?.equals(key)).toBe(true);
    fake.reEncrypt = false;
    fake.broken = true;
    const before = readFileSync(join(dir.path, SEALED_DATA_KEY_FILE));
    const { log, lines } = quiet();
    expect(await loadKeychainDataKey(dir.path, log)).toBeNull();
    expect(lines.join('\n')).toContain('could not unseal');
    expect(readFileSync(join(dir.path, SEALED_DATA_KEY_FILE)).equals(before)).toBe(true);
  });

  it("gives no key on Linux's basic_text backend or without encryption (the hub falls back to its key file)", async () => {
    for (const setup of [() => (fake.backend = 'basic_text'), () => (fake.available = false)]) {
      setup();
      const { log, lines } = quiet();
      expect(await loadKeychainDataKey(dir.path, log)).toBeNull();
      expect(lines.join('\n')).toContain('keychain is not available');
      Object.assign(fake, { available: true, backend: 'gnome_libsecret' });
    }
    dir.remove();
  });
});
