import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkImport, checkLayers, extractImports, formatViolation, isNodeBuiltin, layerOf } from '../helpers/layer-rules';

const repoRoot = join(import.meta.dirname, '..', '..');
const fixtureRoot = join(repoRoot, 'tests', 'fixtures', 'layers');

describe('layer rules', () => {
  it('the real source tree has no layer violations', () => {
    const violations = checkLayers(repoRoot).map(formatViolation);
    expect(violations).toEqual([]);
  });

  it('reports every deliberate violation in the fixture tree, and nothing else', () => {
    const reported = checkLayers(fixtureRoot);
    const lines = reported.map(formatViolation);
    const expected: Array<[where: string, rule: RegExp]> = [
      ['electron/hub/uses-electron.ts:3 imports electron', /only electron\/main and electron\/preload import electron/],
      ['electron/hub/uses-engine.ts:1 imports ../engine/launcher', /hub and engine never import each other/],
      ['electron/domain/reads-files.ts:4 imports node:fs', /electron\/domain is runtime-free: no Node builtins/],
      ['electron/protocol/sneaky.ts:5 imports ../hub/server', /electron\/protocol may import only .*not electron\/hub/],
      ['electron/protocol/sneaky.ts:7 imports crypto', /electron\/protocol is runtime-free: no Node builtins/],
      ['electron/protocol/sneaky.ts:10 imports react', /electron\/protocol is runtime-free: no react/],
      ['electron/engine/imports-main.ts:1 imports ../main/windows', /nothing imports electron\/main/],
      ['renderer/src/uses-path.ts:1 imports node:path', /renderer runs in a browser page: no Node builtins/],
      ['renderer/src/uses-hub.tsx:4 imports ../../electron/hub/server', /renderer may import only electron\/protocol, electron\/domain/],
    ];
    for (const [where, rule] of expected) {
      const line = lines.find((l) => l.startsWith(`${where}: `));
      expect(line, `expected a violation "${where}" in:\n${lines.join('\n')}`).toBeDefined();
      expect(line).toMatch(rule);
    }
    // Commented-out imports, imports inside strings or regexes, allowed layers and build config are not reported.
    expect(lines).toHaveLength(expected.length);
  });

  it('finds every import form and ignores comments and strings', () => {
    const source = [
      "import a from 'a';",
      "import type { B } from 'b';",
      "import 'side-effect';",
      'export {',
      '  c,',
      "} from 'c';",
      "export * from 'd';",
      "const e = require('e');",
      "const f = await import('f');",
      "type G = typeof import('g');",
      "// import h from 'h';",
      "/* import i from 'i'; */",
      "const j = \"import j from 'j'\";",
      'const k = `${"x"} from ${`nested`}`;',
      "const l = /from 'l'/g;",
      "const m = 4 / 2; import n from 'n';",
      "obj.from('o'); x.import('p');",
    ].join('\n');
    expect(extractImports(source)).toEqual([
      { specifier: 'a', line: 1 },
      { specifier: 'b', line: 2 },
      { specifier: 'side-effect', line: 3 },
      { specifier: 'c', line: 6 },
      { specifier: 'd', line: 7 },
      { specifier: 'e', line: 8 },
      { specifier: 'f', line: 9 },
      { specifier: 'g', line: 10 },
      { specifier: 'n', line: 16 },
    ]);
  });

  it('classifies layers, builtins and single imports', () => {
    expect(layerOf('electron/hub/server.ts')).toBe('electron/hub');
    expect(layerOf('renderer/src/app/app.tsx')).toBe('renderer');
    expect(layerOf('electron/hubcap/x.ts')).toBeNull();
    expect(isNodeBuiltin('fs/promises')).toBe(true);
    expect(isNodeBuiltin('node:test')).toBe(true);
    expect(isNodeBuiltin('zod')).toBe(false);
    expect(checkImport('electron/studio/studio.ts', '../hub/server')).toBeNull();
    expect(checkImport('electron/studio/engine-process.ts', '../engine/engine')).toBeNull();
    expect(checkImport('electron/main/windows.ts', 'electron')).toBeNull();
    expect(checkImport('electron/preload/preload.ts', 'electron')).toBeNull();
    expect(checkImport('renderer/src/hub/hub-client.ts', 'socket.io-client')).toBeNull();
    expect(checkImport('renderer/src/hub/hub-client.ts', 'socket.io')).toMatch(/no socket.io/);
    expect(checkImport('electron/domain/x.ts', 'socket.io-client')).toMatch(/runtime-free/);
    expect(checkImport('electron/domain/x.ts', 'better-sqlite3')).toMatch(/runtime-free/);
    expect(checkImport('electron/protocol/x.ts', 'obs-websocket-js')).toMatch(/runtime-free/);
    expect(checkImport('electron/protocol/x.ts', '../domain/roles')).toBeNull();
    expect(checkImport('electron/engine/x.ts', '../hub/server')).toMatch(/hub and engine never import each other/);
    expect(checkImport('electron/hub/x.ts', '../../renderer/src/main')).toMatch(/nothing outside renderer imports renderer/);
    expect(checkImport('electron/preload/x.ts', '../main/windows')).toMatch(/nothing imports electron\/main/);
    expect(checkImport('electron/stray.ts', 'zod')).toMatch(/outside every known layer/);
  });
});
