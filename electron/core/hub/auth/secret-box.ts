import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../logger';

/**
 * Encrypts secrets (stream keys) before they are stored. The desktop app uses a data key sealed by the OS keychain
 * ({@link createKeychainSecretBox}); headless and tests use {@link createFileSecretBox}. Sealed text of one box opens
 * only in that box.
 */
export interface SecretBox {
  /** `os-keychain` when the OS protects the key; `key-file` when a file in the data dir does (weaker). */
  readonly protection: 'os-keychain' | 'key-file';
  /** Encrypts a secret into printable text for storage. */
  seal(plain: string): string;
  /** Decrypts what `seal` produced; throws {@link SecretBoxError} when it cannot (other computer, other keychain). */
  open(sealed: string): string;
}

/** A sealed secret could not be opened; the message never contains the secret. */
export class SecretBoxError extends Error {}

/** File (inside the data dir) holding the headless box's AES key. */
export const SECRET_KEY_FILE = 'secret-box.key';
const FILE_PREFIX = 'fb1:';
const KEYCHAIN_PREFIX = 'kc1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM with a random key kept in `<dataDir>/secret-box.key` (mode 0600). Anyone who can read the data dir can
 * decrypt, so this is weaker than the OS keychain: a warning is logged once.
 */
export function createFileSecretBox(dataDir: string, log?: Pick<Logger, 'warn'>): SecretBox {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, SECRET_KEY_FILE);
  const key = loadOrCreateKey(path);
  log?.warn('stream keys are encrypted with a key file in the data dir; protection is weaker than the OS keychain', {
    keyFile: path,
    advice: 'Keep the data dir private (it is created mode 0700); the desktop app uses the OS keychain instead.',
  });
  return aesBox(key, 'key-file', FILE_PREFIX, "The stored secret cannot be decrypted with this data dir's key file.");
}

/**
 * AES-256-GCM with a data key the desktop app keeps sealed by the OS keychain (Electron's safeStorage, in the main
 * process) and hands to the hub's process at start. Secrets sealed by an earlier headless run of the same data dir
 * (with its key file) keep opening.
 */
export function createKeychainSecretBox(dataKey: Buffer, dataDir: string): SecretBox {
  if (dataKey.length !== 32) throw new Error('The data key from the OS keychain must be 32 bytes.');
  const box = aesBox(dataKey, 'os-keychain', KEYCHAIN_PREFIX, 'This secret was sealed with another keychain key (another user or computer). Enter it again.');
  let fileBox: SecretBox | null = null;
  return {
    ...box,
    open(sealed) {
      if (!sealed.startsWith(FILE_PREFIX)) return box.open(sealed);
      fileBox ??= createFileSecretBox(dataDir);
      return fileBox.open(sealed);
    },
  };
}

function aesBox(key: Buffer, protection: SecretBox['protection'], prefix: string, wrongKey: string): SecretBox {
  return {
    protection,
    seal(plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return prefix + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    },
    open(sealed) {
      if (!sealed.startsWith(prefix)) throw new SecretBoxError('This secret was stored by another kind of key store.');
      const raw = Buffer.from(sealed.slice(prefix.length), 'base64');
      if (raw.length < IV_BYTES + TAG_BYTES) throw new SecretBoxError('The stored secret is damaged.');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
        decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
        return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
      } catch {
        throw new SecretBoxError(wrongKey);
      }
    },
  };
}

function loadOrCreateKey(path: string): Buffer {
  try {
    const key = readFileSync(path);
    if (key.length !== 32) throw new Error(`${path} is not a 32-byte key; move it away and re-enter the stream keys.`);
    // Tighten a key file someone loosened (copied data dir, umask).
    if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const key = randomBytes(32);
  try {
    // `wx`: two hubs starting at once never overwrite each other's key.
    writeFileSync(path, key, { mode: 0o600, flag: 'wx' });
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(path);
    throw err;
  }
}
