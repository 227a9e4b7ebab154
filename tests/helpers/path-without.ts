import { existsSync, mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { makeTempDir } from './temp-dir';

/**
 * A PATH like this process's, minus some programs: one folder of links to every program on PATH except `hidden`.
 * For a studio that must work without this computer's nginx and ffmpeg. `remove()` deletes the folder.
 */
export function pathWithout(hidden: readonly string[]): { PATH: string; remove(): void } {
  const dir = makeTempDir('anchor-path-');
  const bin = join(dir.path, 'bin');
  mkdirSync(bin);
  for (const folder of (process.env.PATH ?? '').split(delimiter).filter((f) => f && existsSync(f))) {
    for (const name of readdirSync(folder)) {
      if (hidden.includes(name) || existsSync(join(bin, name))) continue;
      symlinkSync(join(folder, name), join(bin, name));
    }
  }
  return { PATH: bin, remove: () => dir.remove() };
}
