import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { safeStorage } from 'electron';

/** File in the data dir holding the data key, sealed by the OS keychain (useless without this user's keychain). */
export const SEALED_DATA_KEY_FILE = 'secret-box.keychain';

/** The logging this needs (the studio's Logger fits). */
interface KeyLog {
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

/**
 * The data key that encrypts stream keys at rest, kept sealed by Electron's safeStorage (Keychain on macOS, DPAPI on
 * Windows, libsecret/kwallet on Linux) and unsealed here, in the main process, to hand to the hub's process (the way
 * Signal Desktop hands its database key to its SQL worker). Null where the OS has no real key store (Linux
 * `basic_text` is a fixed, public key) or the keychain refuses: the hub then falls back to its key file, with a warning.
 * Call after `app.whenReady()`.
 */
export async function loadKeychainDataKey(dataDir: string, log: KeyLog): Promise<Buffer | null> {
  const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os';
  if (!(await safeStorage.isAsyncEncryptionAvailable()) || backend === 'basic_text' || backend === 'unknown') {
    log.warn('the OS keychain is not available; stream keys fall back to a key file in the data dir', { backend });
    return null;
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, SEALED_DATA_KEY_FILE);
  let sealed: Buffer | null = null;
  try {
    sealed = readFileSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  if (sealed) {
    try {
      const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(sealed);
      const key = Buffer.from(result, 'base64');
      if (key.length !== 32) throw new Error('the unsealed data key is not 32 bytes');
      if (shouldReEncrypt) await writeSealed(path, key);
      return key;
    } catch (err) {
      // Keep the sealed file: a keychain that is only locked now opens it on the next start.
      log.error('the OS keychain could not unseal the data key; stored stream keys must be entered again', { reason: (err as Error).message });
      return null;
    }
  }
  const key = randomBytes(32);
  await writeSealed(path, key);
  return key;
}

async function writeSealed(path: string, key: Buffer): Promise<void> {
  const sealed = await safeStorage.encryptStringAsync(key.toString('base64'));
  // Write then rename: a crash mid-write never leaves a half key that would lock out every stored stream key.
  const temp = `${path}.tmp`;
  writeFileSync(temp, sealed, { mode: 0o600 });
  renameSync(temp, path);
}
