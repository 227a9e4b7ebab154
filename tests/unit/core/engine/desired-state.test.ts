import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DESIRED_FILE, DesiredStore } from '../../../../electron/core/engine/desired-state';
import { makeTempDir } from '../../../helpers/temp-dir';

describe('the engine restore file (engine-desired.json)', () => {
  let dir: ReturnType<typeof makeTempDir>;
  beforeEach(() => (dir = makeTempDir('anchor-desired-')));
  afterEach(() => dir.remove());
  const fail = (err: unknown) => {
    throw err;
  };

  it('keeps that the show is live, never the stream target (its key stays in memory)', () => {
    const store = new DesiredStore(dir.path, fail);
    store.update((d) => (d.stream = { target: { server: 'rtmp://example.com/live', key: 'KEY-in-memory-31f0' }, isLive: true }));
    expect(store.value.stream.target?.key).toBe('KEY-in-memory-31f0');
    const file = readFileSync(join(dir.path, DESIRED_FILE), 'utf8');
    expect(file).not.toContain('KEY-in-memory-31f0');
    expect(JSON.parse(file).stream).toEqual({ target: null, isLive: true });
    expect(new DesiredStore(dir.path, fail).value.stream).toEqual({ target: null, isLive: true });
  });

  it('rewrites at once a file an earlier version saved with a key, before anything changes', () => {
    writeFileSync(join(dir.path, DESIRED_FILE), JSON.stringify({ program: 'Main', stream: { target: { server: 'rtmp://example.com/live', key: 'KEY-old-file-8b2e' }, isLive: true } }));
    const store = new DesiredStore(dir.path, fail);
    expect(store.value).toMatchObject({ program: 'Main', stream: { target: null, isLive: true } });
    expect(readFileSync(join(dir.path, DESIRED_FILE), 'utf8')).not.toContain('KEY-old-file-8b2e');
  });
});
