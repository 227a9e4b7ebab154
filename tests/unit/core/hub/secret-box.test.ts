import { chmodSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileSecretBox, SECRET_KEY_FILE, SecretBoxError } from '../../../../electron/core/hub/auth/secret-box';
import { makeTempDir } from '../../../helpers/temp-dir';

describe('file secret box (headless stream-key encryption)', () => {
  const dirs: Array<{ path: string; remove(): void }> = [];
  const tempDir = () => {
    const d = makeTempDir('anchor-box-');
    dirs.push(d);
    return d.path;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) d.remove();
  });

  it('seals to text without the secret, opens it again in a new box over the same dir, key file 0600, warns once', () => {
    const dir = tempDir();
    const warnings: string[] = [];
    const box = createFileSecretBox(dir, { warn: (m) => warnings.push(m) });
    const key = 'live_1234567890_SECRET_abcdef';
    const sealed = box.seal(key);
    expect(sealed).not.toContain(key);
    expect(Buffer.from(sealed.slice(4), 'base64').toString('latin1')).not.toContain(key);
    expect(box.seal(key)).not.toBe(sealed); // random IV per seal
    expect(createFileSecretBox(dir).open(sealed)).toBe(key);
    expect(statSync(join(dir, SECRET_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(box.protection).toBe('key-file');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('weaker');
  });

  it('refuses tampered text and text sealed with another key, without revealing anything', () => {
    const box = createFileSecretBox(tempDir());
    const sealed = box.seal('stream-key-xyz-123456');
    const raw = Buffer.from(sealed.slice(4), 'base64');
    raw[raw.length - 1] = raw[raw.length - 1]! ^ 1;
    expect(() => box.open(`fb1:${raw.toString('base64')}`)).toThrow(SecretBoxError);
    expect(() => createFileSecretBox(tempDir()).open(sealed)).toThrow(SecretBoxError);
    expect(() => box.open('ss1:abc')).toThrow('another kind of key store');
  });

  it('tightens a key file whose mode was loosened', () => {
    const dir = tempDir();
    createFileSecretBox(dir);
    const path = join(dir, SECRET_KEY_FILE);
    chmodSync(path, 0o644);
    createFileSecretBox(dir);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });
});
