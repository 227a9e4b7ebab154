import { safeStorage } from 'electron';
import type { Logger } from '../hub/logger';
import { createFileSecretBox, SecretBoxError, type SecretBox } from '../hub/secret-box';

const PREFIX = 'ss1:';

/**
 * Stream keys encrypted with Electron's safeStorage: Keychain on macOS, DPAPI on Windows, libsecret/kwallet on Linux.
 * Where the OS offers no real key store (Linux `basic_text`, or none at all) it falls back to the data dir's key file,
 * with a warning: safeStorage's basic_text backend is a fixed, public key.
 * Call after `app.whenReady()` (safeStorage is not usable before).
 */
export function createSafeStorageBox(dataDir: string, log: Logger): SecretBox {
  const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os';
  if (!safeStorage.isEncryptionAvailable() || backend === 'basic_text' || backend === 'unknown') {
    log.warn('the OS keychain is not available; stream keys fall back to a key file in the data dir', { backend });
    return createFileSecretBox(dataDir, log);
  }
  // Keys sealed by an earlier headless run of the same data dir keep opening.
  let fileBox: SecretBox | null = null;
  return {
    protection: 'os-keychain',
    seal: (plain) => PREFIX + safeStorage.encryptString(plain).toString('base64'),
    open(sealed) {
      if (!sealed.startsWith(PREFIX)) {
        fileBox ??= createFileSecretBox(dataDir);
        return fileBox.open(sealed);
      }
      try {
        return safeStorage.decryptString(Buffer.from(sealed.slice(PREFIX.length), 'base64'));
      } catch {
        throw new SecretBoxError('The OS keychain cannot decrypt this stream key (another user or computer). Enter the key again.');
      }
    },
  };
}
