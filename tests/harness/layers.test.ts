import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkImport, checkLayers, extractImports, findImportCycles, formatViolation, isNodeBuiltin, placeOf, readLayeredSources } from '../helpers/layer-rules';

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
      ['electron/core/hub/uses-electron.ts:3 imports electron', /only electron\/main and electron\/preload import electron/],
      ['electron/core/hub/uses-engine.ts:1 imports ../engine/launcher', /hub and engine never import each other/],
      ['electron/core/hub/registers-features.ts:2 imports ../../features/sales/hub/sales-feature', /core meets features only through their domain and protocol/],
      ['electron/core/domain/reads-files.ts:4 imports node:fs', /core\/domain is runtime-free: no Node builtins/],
      ['electron/core/protocol/sneaky.ts:5 imports ../hub/server', /core\/protocol may import only the protocol, domain tiers \(not core\/hub\)/],
      ['electron/core/protocol/sneaky.ts:7 imports crypto', /core\/protocol is runtime-free: no Node builtins/],
      ['electron/core/protocol/sneaky.ts:10 imports react', /core\/protocol is runtime-free: no react/],
      ['electron/core/engine/imports-main.ts:1 imports ../../main/windows', /nothing imports electron\/main/],
      ['electron/features/chat/hub/reads-sales.ts:2 imports ../../sales/hub/sales-feature', /a feature imports another feature only through its domain or protocol \(not features\/sales\/hub\)/],
      ['electron/features/output/tools/loose.ts:', /outside every known place/],
      ['renderer/src/uses-path.ts:1 imports node:path', /renderer runs in a browser page: no Node builtins/],
      ['renderer/src/uses-hub.tsx:4 imports ../../electron/core/hub/server', /renderer may import only the domain and protocol tiers \(not core\/hub\)/],
      ['renderer/src/uses-hub.tsx:5 imports @shared/core/engine/obs-supervisor', /renderer may import only the domain and protocol tiers \(not core\/engine\)/],
      ['agency/server/reads-engine.ts:3 imports ../../electron/core/engine/launcher', /agency\/server may import only the studio's domain and protocol tiers and core\/hub \(not core\/engine\)/],
      ['agency/server/reads-engine.ts:4 imports ../../electron/features/sales/hub/sales-feature', /\(not features\/sales\/hub\)/],
      ['agency/console/uses-server.ts:3 imports ../server/reads-engine', /agency\/console may not import agency\/server/],
      ['agency/console/uses-server.ts:4 imports node:fs', /agency\/console runs in a browser page: no Node builtins/],
      ['agency/shared/contract.ts:2 imports node:crypto', /agency\/shared is runtime-free: no Node builtins/],
      ['electron/core/hub/uses-agency.ts:2 imports ../../../agency/shared/contract', /the studio never depends on the agency/],
    ];
    for (const [where, rule] of expected) {
      const line = lines.find((l) => l.startsWith(where.endsWith(':') ? where : `${where}: `));
      expect(line, `expected a violation "${where}" in:\n${lines.join('\n')}`).toBeDefined();
      expect(line).toMatch(rule);
    }
    // Commented-out imports, imports inside strings or regexes, allowed layers and build config are not reported;
    // a file outside every place is reported once per import (loose.ts has none, so its own line is the file).
    expect(lines).toHaveLength(expected.length);
  });

  it('the real source tree has no import cycles, and the check finds the one planted in the fixture tree', () => {
    const electron = (root: string) => readLayeredSources(root).filter((f) => f.path.startsWith('electron/'));
    expect(findImportCycles(electron(repoRoot))).toEqual([]);
    expect(findImportCycles(electron(fixtureRoot))).toEqual([['electron/features/loop/domain/a.ts', 'electron/features/loop/domain/b.ts']]);
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

  it('classifies places, builtins and single imports', () => {
    expect(placeOf('electron/core/hub/server.ts')).toEqual({ scope: 'core', tier: 'hub' });
    expect(placeOf('electron/core/hub/http/http-api.ts')).toEqual({ scope: 'core', tier: 'hub' });
    expect(placeOf('electron/features/sales/domain/ledger.ts')).toEqual({ scope: 'feature:sales', tier: 'domain' });
    expect(placeOf('electron/features/sales/readme.ts')).toBeNull();
    expect(placeOf('renderer/src/app/app.tsx')).toEqual({ scope: 'renderer', tier: null });
    expect(placeOf('electron/hubcap/x.ts')).toBeNull();
    expect(isNodeBuiltin('fs/promises')).toBe(true);
    expect(isNodeBuiltin('node:test')).toBe(true);
    expect(isNodeBuiltin('zod')).toBe(false);
    expect(checkImport('electron/studio/studio.ts', '../core/hub/server')).toBeNull();
    expect(checkImport('electron/studio/engine-process.ts', '../features/output/engine/output-manager')).toBeNull();
    expect(checkImport('electron/main/windows.ts', 'electron')).toBeNull();
    expect(checkImport('electron/preload/preload.ts', 'electron')).toBeNull();
    expect(checkImport('electron/preload/preload.ts', '../core/hub/server')).toMatch(/electron\/preload may import only the domain and protocol tiers/);
    expect(checkImport('renderer/src/hub/hub-client.ts', 'socket.io-client')).toBeNull();
    expect(checkImport('renderer/src/hub/hub-client.ts', 'socket.io')).toMatch(/no socket.io/);
    expect(checkImport('renderer/src/x.ts', '../../electron/features/sales/protocol/sales-events')).toBeNull();
    expect(checkImport('renderer/src/x.ts', '@shared/features/sales/protocol/sales-events')).toBeNull();
    expect(checkImport('renderer/src/x.ts', '@shared/features/sales/hub/sales-feature')).toMatch(/renderer may import only the domain and protocol tiers/);
    expect(checkImport('electron/core/domain/x.ts', 'socket.io-client')).toMatch(/runtime-free/);
    expect(checkImport('electron/features/chat/domain/x.ts', 'better-sqlite3')).toMatch(/features\/chat\/domain is runtime-free/);
    expect(checkImport('electron/core/protocol/x.ts', 'obs-websocket-js')).toMatch(/runtime-free/);
    expect(checkImport('electron/core/protocol/x.ts', '../domain/roles')).toBeNull();
    expect(checkImport('electron/core/protocol/x.ts', '../../features/sales/protocol/sales-commands')).toBeNull();
    expect(checkImport('electron/core/domain/x.ts', '../../features/sales/protocol/sales-commands')).toMatch(/core\/domain may import only the domain tiers/);
    expect(checkImport('electron/features/chat/hub/x.ts', '../../../core/hub/server')).toBeNull();
    expect(checkImport('electron/features/chat/domain/x.ts', '../../sales/domain/ledger')).toBeNull();
    expect(checkImport('electron/features/chat/engine/x.ts', '../../sales/engine/y')).toMatch(/only through its domain or protocol/);
    expect(checkImport('electron/features/chat/hub/x.ts', '../../../studio/studio')).toMatch(/only electron\/studio composes processes/);
    expect(checkImport('electron/core/engine/x.ts', '../hub/server')).toMatch(/hub and engine never import each other/);
    expect(checkImport('electron/core/hub/x.ts', '../../../renderer/src/main')).toMatch(/nothing outside renderer imports renderer/);
    expect(checkImport('electron/preload/x.ts', '../main/windows')).toMatch(/nothing imports electron\/main/);
    expect(checkImport('electron/stray.ts', 'zod')).toMatch(/outside every known place/);
  });
});
