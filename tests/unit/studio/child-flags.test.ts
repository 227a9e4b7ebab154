import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CHILD_V8_FLAGS, nodeChildSpawner, type ChildRole } from '../../../electron/studio/studio-child';
import { makeTempDir } from '../../helpers/temp-dir';

// The hub runs for whole shows with thousands of orders a minute: V8's defaults let its heap keep room for several
// times what is live (bench/hub-memory.ts: 180 MB at the seventh hour with the defaults, 131 with these flags).
describe('the studio children V8 flags', () => {
  const temps: { remove(): void }[] = [];
  afterEach(() => temps.splice(0).forEach((t) => t.remove()));

  it('caps the hub heap growth and leaves the engine on the defaults', async () => {
    const temp = makeTempDir('anchor-child-flags-');
    temps.push(temp);
    // Stand-ins for the bundles: each prints the options it was started with.
    const script = 'console.log(JSON.stringify({ argv: process.execArgv }));';
    for (const file of ['hub-process.cjs', 'engine-process.cjs']) writeFileSync(join(temp.path, file), script);
    const lines: Partial<Record<ChildRole, string>> = {};
    const spawn = nodeChildSpawner({ dir: temp.path, output: (role, line) => (lines[role] = line) });
    const ran = (['hub', 'engine'] as const).map((role) => new Promise<void>((resolve) => spawn(role).onExit(() => resolve())));
    await Promise.all(ran);
    expect(JSON.parse(lines.hub!).argv).toEqual(CHILD_V8_FLAGS.hub);
    expect(JSON.parse(lines.engine!).argv).toEqual([]);
    expect(CHILD_V8_FLAGS.hub).toEqual(expect.arrayContaining([expect.stringMatching(/^--max-semi-space-size=\d+$/), expect.stringMatching(/^--heap-growing-percent=\d+$/)]));
  });
});
