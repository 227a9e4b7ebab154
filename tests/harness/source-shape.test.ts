import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The shape "one feature, one folder" promises a newcomer, kept by a test instead of by memory: no backend folder
 * over 15 files (a folder that grows splits into named subfolders), no source file over 400 lines unless it says at
 * its top why (`Over 400 lines on purpose: ...`), and README's walk through one scene switch names files that exist.
 */
const ROOT = join(__dirname, '../..');
const MAX_FILES_PER_FOLDER = 15;
const MAX_LINES = 400;
const REASON = /Over 400 lines on purpose: \S/;

interface SourceFile {
  path: string;
  text: string;
}

/** Backend folders holding more than the limit of source files (subfolders not counted). */
function crowdedFolders(files: readonly SourceFile[]): string[] {
  const counts = new Map<string, number>();
  for (const f of files) if (/^(electron|agency\/server)\//.test(f.path)) counts.set(dirname(f.path), (counts.get(dirname(f.path)) ?? 0) + 1);
  return [...counts].filter(([, n]) => n > MAX_FILES_PER_FOLDER).map(([dir, n]) => `${dir} (${n} files)`);
}

/** Source files over the line limit whose first comment does not give the reason. */
function longFilesWithoutReason(files: readonly SourceFile[]): string[] {
  return files
    .filter((f) => f.text.split('\n').length - 1 > MAX_LINES && !REASON.test(f.text.split('\n').slice(0, 5).join('\n')))
    .map((f) => `${f.path} (${f.text.split('\n').length - 1} lines)`);
}

/** Paths README's scene-switch walk names (relative to electron/ or renderer/src/features/scenes/ when short). */
function walkPaths(readme: string): string[] {
  const start = readme.indexOf('### One scene switch');
  const end = readme.indexOf('\n## ', start);
  const section = readme.slice(start, end === -1 ? undefined : end);
  return [...section.matchAll(/`([\w./-]+\.tsx?)`/g)].map((m) => m[1]!);
}

function missingWalkPaths(readme: string, exists: (path: string) => boolean): string[] {
  return walkPaths(readme).filter((p) => ![p, `electron/${p}`, `renderer/src/features/scenes/${p}`].some(exists));
}

const sources: SourceFile[] = execFileSync('git', ['ls-files', 'electron', 'renderer/src', 'agency', 'scripts', 'bench'], { cwd: ROOT, encoding: 'utf8' })
  .split('\n')
  .filter((p) => /\.(ts|tsx|mjs)$/.test(p) && existsSync(join(ROOT, p)))
  .map((path) => ({ path, text: readFileSync(join(ROOT, path), 'utf8') }));

describe('source shape', () => {
  it('the rules catch what they are for (fixture)', () => {
    const line = 'x\n';
    const fixture: SourceFile[] = [
      ...Array.from({ length: 16 }, (_, i) => ({ path: `electron/features/big/hub/f${i}.ts`, text: line })),
      ...Array.from({ length: 15 }, (_, i) => ({ path: `electron/features/ok/hub/f${i}.ts`, text: line })),
      { path: 'electron/long.ts', text: line.repeat(401) },
      { path: 'electron/long-why.ts', text: `// Over 400 lines on purpose: one state machine.\n${line.repeat(401)}` },
      { path: 'electron/exactly.ts', text: line.repeat(400) },
    ];
    expect(crowdedFolders(fixture)).toEqual(['electron/features/big/hub (16 files)']);
    expect(longFilesWithoutReason(fixture)).toEqual(['electron/long.ts (401 lines)']);
    const readme = '### One scene switch\n1. `core/hub/a.ts` then `scene-button.tsx` and `gone.ts`\n## Tests\n`not-in-walk.ts`';
    expect(missingWalkPaths(readme, (p) => p === 'electron/core/hub/a.ts' || p === 'renderer/src/features/scenes/scene-button.tsx')).toEqual(['gone.ts']);
  });

  it(`no backend folder holds more than ${MAX_FILES_PER_FOLDER} source files`, () => {
    expect(sources.length).toBeGreaterThan(100);
    expect(crowdedFolders(sources)).toEqual([]);
  });

  it(`no source file is over ${MAX_LINES} lines without the reason at its top`, () => {
    expect(longFilesWithoutReason(sources)).toEqual([]);
  });

  it("README's walk through one scene switch names files that exist", () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(walkPaths(readme).length).toBeGreaterThan(15);
    expect(missingWalkPaths(readme, (p) => existsSync(join(ROOT, p)))).toEqual([]);
  });
});
