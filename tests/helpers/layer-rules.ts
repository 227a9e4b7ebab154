import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, posix, relative, sep } from 'node:path';

/**
 * The architecture's layers (docs: /work/shared/ARCHITECTURE.md, "Dependency direction"), checked the way VS Code's
 * layer lint does it: by reading import specifiers, not by trusting memory. Tiers (domain, protocol, hub, engine)
 * apply in core and in every feature folder; features meet only through each other's domain and protocol. The core
 * (`extractImports`, `checkSources`, `findImportCycles`) is pure so the same rules can run from a test or a script.
 */

/** The four tiers of the backend: pure rules, the contract, the hub process, the engine process. */
export type Tier = 'domain' | 'protocol' | 'hub' | 'engine';

/** Where a file sits: its scope (core, a feature, or a whole-process folder) and, in core and features, its tier. */
export interface Place {
  /**
   * `core`, `feature:<name>`, `studio`, `main`, `preload`, `renderer`, or the agency's `agency-server` (a Node server),
   * `agency-console` (a browser page) and `agency-shared` (their contract: runtime-free).
   */
  scope: string;
  /** Nearest `domain`/`protocol`/`hub`/`engine` folder above the file (core and features only). */
  tier: Tier | null;
}

/** Folders the checker scans, relative to the repository root. */
export const SCANNED_ROOTS = ['electron', 'renderer', 'agency'] as const;

const TIERS: readonly Tier[] = ['domain', 'protocol', 'hub', 'engine'];

/** Which tiers each tier may import (itself included), in core and in features alike. */
export const ALLOWED_TIER_IMPORTS: Readonly<Record<Tier, readonly Tier[]>> = {
  domain: ['domain'],
  protocol: ['protocol', 'domain'],
  hub: ['hub', 'protocol', 'domain'],
  engine: ['engine', 'protocol', 'domain'],
};

/** Tiers another scope may see of a feature (and core of a feature): features meet only through these. */
const SHARED_TIERS: readonly Tier[] = ['domain', 'protocol'];

/** A short name of a place for messages: `core/hub`, `features/sales/domain`, `electron/studio`, `renderer`. */
export function describePlace(place: Place): string {
  if (place.scope === 'renderer') return 'renderer';
  if (place.scope.startsWith('agency-')) return `agency/${place.scope.slice('agency-'.length)}`;
  if (place.scope === 'core') return `core/${place.tier}`;
  if (place.scope.startsWith('feature:')) return `features/${place.scope.slice('feature:'.length)}/${place.tier}`;
  return `electron/${place.scope}`;
}
/** One import found in a source file. */
export interface ImportRef {
  /** The specifier exactly as written, e.g. `node:fs` or `../hub/server`. */
  specifier: string;
  /** 1-based line of the specifier. */
  line: number;
}

/** A source file handed to the checker: path relative to the repository root (posix separators) and its text. */
export interface SourceFile {
  path: string;
  text: string;
}

/** A broken layer rule. */
export interface LayerViolation {
  file: string;
  line: number;
  specifier: string;
  rule: string;
}

/** Formats a violation as `file:line imports X: rule` (`file: rule` for a file that is itself misplaced). */
export function formatViolation(v: LayerViolation): string {
  return v.specifier ? `${v.file}:${v.line} imports ${v.specifier}: ${v.rule}` : `${v.file}: ${v.rule}`;
}

const NODE_BUILTINS = new Set(builtinModules.map((name) => name.replace(/^node:/, '').split('/')[0]!));

/** Packages that tie code to a runtime (Node server, OBS, Electron, React DOM) and so may not enter the pure layers. */
const RUNTIME_PACKAGES_FOR_PURE_LAYERS = ['electron', 'react', 'react-dom', 'better-sqlite3', 'obs-websocket-js'];
/** Packages the renderer (a plain browser page) cannot use. socket.io-client is fine; the server is not. */
const SERVER_PACKAGES_FOR_RENDERER = ['electron', 'better-sqlite3', 'obs-websocket-js', 'socket.io'];

/** True for build-time config files (e.g. `renderer/vite.config.ts`): they run in Node at build time, not in the layer. */
export function isToolingFile(path: string): boolean {
  return /(^|\/)[^/]+\.config\.[cm]?[jt]sx?$/.test(path);
}

/**
 * Where a repository-relative path sits, or null when it is outside every known place. In `electron/core` and
 * `electron/features/<name>`, a file's tier is its nearest `domain`/`protocol`/`hub`/`engine` folder (as VS Code's
 * code-layering rule reads `common`/`browser`/`node`); a file there under none of them is outside every place.
 */
export function placeOf(path: string): Place | null {
  const parts = posix.normalize(path).split('/');
  if (parts[0] === 'renderer') return { scope: 'renderer', tier: null };
  if (parts[0] === 'agency') return ['server', 'console', 'shared'].includes(parts[1]!) && parts.length > 2 ? { scope: `agency-${parts[1]}`, tier: null } : null;
  if (parts[0] !== 'electron' || parts.length < 3) return null;
  const nearestTier = (folders: string[]): Tier | null => {
    for (let i = folders.length - 1; i >= 0; i--) if ((TIERS as readonly string[]).includes(folders[i]!)) return folders[i] as Tier;
    return null;
  };
  if (parts[1] === 'core') {
    const tier = nearestTier(parts.slice(2, -1));
    return tier ? { scope: 'core', tier } : null;
  }
  if (parts[1] === 'features') {
    if (parts.length < 4) return null;
    const tier = nearestTier(parts.slice(3, -1));
    return tier ? { scope: `feature:${parts[2]}`, tier } : null;
  }
  if (['studio', 'main', 'preload'].includes(parts[1]!)) return { scope: parts[1]!, tier: null };
  return null;
}

/** Package name of a bare specifier: `@scope/name/sub` -> `@scope/name`, `zustand/vanilla` -> `zustand`. */
export function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** True for `node:*` and for Node's built-in module names (`fs`, `fs/promises`, `child_process`, ...). */
export function isNodeBuiltin(specifier: string): boolean {
  if (specifier.startsWith('node:')) return true;
  return NODE_BUILTINS.has(packageName(specifier));
}

/**
 * Finds every module specifier in TypeScript source: `import ... from`, `export ... from`, side-effect `import 'x'`,
 * dynamic `import('x')` and `require('x')`, including `import type`. A small tokenizer skips comments and strings, so
 * a commented-out import or the text "from 'electron'" inside a string is not reported.
 */
export function extractImports(text: string): ImportRef[] {
  const tokens = tokenize(text);
  const found: ImportRef[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind !== 'word') continue;
    const next = tokens[i + 1];
    const afterParen = tokens[i + 2];
    const prev = tokens[i - 1];
    // `x.from 'a'` or `obj.import(...)` are property accesses, not module syntax.
    if (prev?.kind === 'punct' && prev.value === '.') continue;
    if ((token.value === 'from' || token.value === 'import') && next?.kind === 'string') {
      found.push({ specifier: next.value, line: next.line });
    } else if (
      (token.value === 'import' || token.value === 'require') &&
      next?.kind === 'punct' &&
      next.value === '(' &&
      afterParen?.kind === 'string'
    ) {
      found.push({ specifier: afterParen.value, line: afterParen.line });
    }
  }
  return found;
}

/** Checks one import of one file against the rules; returns the broken rule or null. */
export function checkImport(file: string, specifier: string): string | null {
  const from = placeOf(file);
  if (!from) {
    return `${file} is outside every known place: put it under electron/core/<tier>, electron/features/<name>/<tier> (tiers: ${TIERS.join(', ')}), electron/studio, main, preload, renderer, or agency/server, console, shared`;
  }
  const target = resolveSpecifier(file, specifier);
  if (target) {
    const to = placeOf(target);
    // Imports of non-source files (package.json, resources/) carry no runtime: not a layer question.
    return to ? checkRelative(from, to) : null;
  }
  // Absolute paths and URLs are not used in this codebase; treat them like bare specifiers below.
  const name = packageName(specifier);
  if (name === 'electron' && from.scope !== 'main' && from.scope !== 'preload') return 'only electron/main and electron/preload import electron';
  if (from.tier === 'domain' || from.tier === 'protocol' || from.scope === 'agency-shared') {
    const where = describePlace(from);
    if (isNodeBuiltin(specifier)) return `${where} is runtime-free: no Node builtins`;
    if (RUNTIME_PACKAGES_FOR_PURE_LAYERS.includes(name) || name.startsWith('socket.io')) return `${where} is runtime-free: no ${name}`;
  }
  if (from.scope === 'renderer' || from.scope === 'agency-console') {
    const where = describePlace(from);
    if (isNodeBuiltin(specifier)) return `${where} runs in a browser page: no Node builtins`;
    if (SERVER_PACKAGES_FOR_RENDERER.includes(name)) return `${where} runs in a browser page: no ${name}`;
  }
  return null;
}

/** The alias the renderer uses for the studio's shared code (tsconfig.base.json `paths`, renderer/vite.config.ts). */
export const SHARED_ALIAS = '@shared/';

/** The repository path an import points at (relative, or through the `@shared/` alias); null for packages. */
export function resolveSpecifier(file: string, specifier: string): string | null {
  if (specifier.startsWith('.')) return posix.normalize(posix.join(posix.dirname(file), specifier));
  if (specifier.startsWith(SHARED_ALIAS) && !file.startsWith('agency/')) return posix.normalize(`electron/${specifier.slice(SHARED_ALIAS.length)}`);
  return null;
}

/** The rule a relative import from one place to another breaks, or null. */
function checkRelative(from: Place, to: Place): string | null {
  if (to.scope === 'main' && from.scope !== 'main') return 'nothing imports electron/main (it is the Electron shell; depend on electron/studio instead)';
  if (from.scope.startsWith('agency-') || to.scope.startsWith('agency-')) return checkAgency(from, to);
  if (to.scope === 'renderer') return from.scope === 'renderer' ? null : 'nothing outside renderer imports renderer';
  if (from.scope === 'renderer' || from.scope === 'preload') {
    if (to.scope === from.scope || (to.tier && SHARED_TIERS.includes(to.tier))) return null;
    return `${from.scope === 'renderer' ? 'renderer' : 'electron/preload'} may import only the domain and protocol tiers (not ${describePlace(to)})`;
  }
  if (from.scope === 'main') return null;
  if (from.scope === 'studio') return to.scope === 'preload' ? 'electron/studio does not import electron/preload' : null;
  // core and features from here on.
  if (!to.tier) return `${describePlace(from)} may not import ${describePlace(to)} (only electron/studio composes processes)`;
  if ((from.tier === 'hub' && to.tier === 'engine') || (from.tier === 'engine' && to.tier === 'hub')) {
    return 'hub and engine never import each other (they talk over the protocol; electron/studio wires them)';
  }
  if (!ALLOWED_TIER_IMPORTS[from.tier!].includes(to.tier)) {
    return `${describePlace(from)} may import only the ${ALLOWED_TIER_IMPORTS[from.tier!].join(', ')} tiers (not ${describePlace(to)})`;
  }
  if (to.scope !== from.scope && to.scope !== 'core' && !SHARED_TIERS.includes(to.tier)) {
    return from.scope === 'core'
      ? `core meets features only through their domain and protocol (not ${describePlace(to)}); electron/studio composes their hub and engine parts`
      : `a feature imports another feature only through its domain or protocol (not ${describePlace(to)})`;
  }
  return null;
}

/**
 * The agency's rules: the studio never imports the agency; the agency reaches the studio's code only through domain
 * and protocol tiers (its server may also use core/hub's HTTP and auth helpers); the console and the shared contract
 * never import the server.
 */
function checkAgency(from: Place, to: Place): string | null {
  if (!from.scope.startsWith('agency-')) return `${describePlace(from)} may not import ${describePlace(to)} (the studio never depends on the agency)`;
  if (to.scope === 'agency-server' && from.scope !== 'agency-server') return `${describePlace(from)} may not import agency/server (it runs on the agency's machines)`;
  if (to.scope.startsWith('agency-')) return to.scope === 'agency-console' && from.scope !== 'agency-console' ? `${describePlace(from)} may not import agency/console` : null;
  if (to.tier && SHARED_TIERS.includes(to.tier)) return null;
  if (from.scope === 'agency-server' && to.scope === 'core' && to.tier === 'hub') return null;
  return `${describePlace(from)} may import only the studio's domain and protocol tiers${from.scope === 'agency-server' ? ' and core/hub' : ''} (not ${describePlace(to)})`;
}

/** Checks a set of source files; returns every violation, sorted by file and line. */
export function checkSources(files: readonly SourceFile[]): LayerViolation[] {
  const violations: LayerViolation[] = [];
  for (const file of files) {
    if (isToolingFile(file.path)) continue;
    if (!placeOf(file.path)) {
      violations.push({ file: file.path, line: 1, specifier: '', rule: checkImport(file.path, '')! });
      continue;
    }
    for (const ref of extractImports(file.text)) {
      const rule = checkImport(file.path, ref.specifier);
      if (rule) violations.push({ file: file.path, line: ref.line, specifier: ref.specifier, rule });
    }
  }
  return violations.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

/** Reads every .ts/.tsx file under `<root>/electron` and `<root>/renderer` (skipping node_modules and dist). */
export function readLayeredSources(root: string): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (dir: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    for (const entry of entries) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== 'dist') walk(full);
      } else if (/\.tsx?$/.test(entry.name)) {
        files.push({ path: relative(root, full).split(sep).join('/'), text: readFileSync(full, 'utf8') });
      }
    }
  };
  for (const top of SCANNED_ROOTS) walk(join(root, top));
  return files;
}

/** Scans a tree laid out like the repository and returns its layer violations. */
export function checkLayers(root: string): LayerViolation[] {
  return checkSources(readLayeredSources(root));
}

/**
 * Import cycles among the given files (type-only imports included: a cycle of types is still two modules that must
 * change together). Each cycle is listed once, as the files of one strongly connected component, sorted.
 */
export function findImportCycles(files: readonly SourceFile[]): string[][] {
  const paths = new Set(files.map((f) => f.path));
  const resolve = (from: string, specifier: string): string | null => {
    const base = resolveSpecifier(from, specifier);
    if (!base) return null;
    for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`]) if (paths.has(candidate)) return candidate;
    return null;
  };
  const edges = new Map<string, string[]>();
  for (const file of files) {
    const targets = extractImports(file.text)
      .map((ref) => resolve(file.path, ref.specifier))
      .filter((t): t is string => t !== null);
    edges.set(file.path, [...new Set(targets)]);
  }
  // Tarjan's strongly connected components, iteratively (deep import chains must not overflow the stack).
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  let next = 0;
  for (const root of edges.keys()) {
    if (index.has(root)) continue;
    const work: Array<{ node: string; edge: number }> = [{ node: root, edge: 0 }];
    index.set(root, next);
    low.set(root, next++);
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const frame = work[work.length - 1]!;
      const targets = edges.get(frame.node)!;
      if (frame.edge < targets.length) {
        const target = targets[frame.edge++]!;
        if (!index.has(target)) {
          index.set(target, next);
          low.set(target, next++);
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, edge: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(target)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) !== index.get(frame.node)) continue;
      const component: string[] = [];
      for (;;) {
        const member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
        if (member === frame.node) break;
      }
      const isSelfLoop = component.length === 1 && targets.includes(frame.node);
      if (component.length > 1 || isSelfLoop) cycles.push(component.sort());
    }
  }
  return cycles.sort((a, b) => a[0]!.localeCompare(b[0]!));
}

interface Token {
  kind: 'word' | 'string' | 'punct';
  value: string;
  line: number;
}

/** Words after which a `/` starts a regular expression rather than a division. */
const REGEX_PRECEDING_WORDS = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await']);

/**
 * Splits TypeScript into words, string literals and punctuation, dropping comments, template literal text and regex
 * literals. Only precise enough to find module specifiers; it is not a parser.
 */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let i = 0;
  const n = text.length;
  const countLines = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (text.charCodeAt(k) === 10) line++;
  };
  const regexAllowed = () => {
    const prev = tokens[tokens.length - 1];
    if (!prev) return true;
    if (prev.kind === 'string') return false;
    if (prev.kind === 'word') return REGEX_PRECEDING_WORDS.has(prev.value);
    return prev.value !== ')' && prev.value !== ']' && prev.value !== '}';
  };

  while (i < n) {
    const c = text[i]!;
    if (c === '\n') {
      line++;
      i++;
    } else if (c === ' ' || c === '\t' || c === '\r') {
      i++;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < n && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end === -1 ? n : end + 2;
      countLines(i, stop);
      i = stop;
    } else if (c === "'" || c === '"') {
      const start = i + 1;
      let j = start;
      while (j < n && text[j] !== c && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      tokens.push({ kind: 'string', value: text.slice(start, j), line });
      i = j + 1;
    } else if (c === '`') {
      // Template literal: skip it whole, including `${...}` with nested braces and strings.
      let j = i + 1;
      let depth = 0;
      while (j < n) {
        const d = text[j]!;
        if (d === '\\') j += 2;
        else if (depth === 0 && d === '`') break;
        else if (d === '$' && text[j + 1] === '{') {
          depth++;
          j += 2;
        } else if (depth > 0 && d === '}') {
          depth--;
          j++;
        } else if (depth > 0 && d === '{') {
          depth++;
          j++;
        } else j++;
      }
      countLines(i, Math.min(j, n));
      tokens.push({ kind: 'punct', value: '`', line });
      i = j + 1;
    } else if (c === '/' && regexAllowed()) {
      let j = i + 1;
      let inClass = false;
      while (j < n && text[j] !== '\n') {
        const d = text[j]!;
        if (d === '\\') j += 2;
        else if (d === '[') (inClass = true), j++;
        else if (d === ']') (inClass = false), j++;
        else if (d === '/' && !inClass) break;
        else j++;
      }
      tokens.push({ kind: 'punct', value: '/re/', line });
      i = j + 1;
      while (i < n && /[a-z]/i.test(text[i]!)) i++;
    } else if (/[A-Za-z_$]/.test(c)) {
      let j = i + 1;
      while (j < n && /[\w$]/.test(text[j]!)) j++;
      tokens.push({ kind: 'word', value: text.slice(i, j), line });
      i = j;
    } else if (/\d/.test(c)) {
      let j = i + 1;
      while (j < n && /[\w.]/.test(text[j]!)) j++;
      tokens.push({ kind: 'word', value: text.slice(i, j), line });
      i = j;
    } else {
      tokens.push({ kind: 'punct', value: c, line });
      i++;
    }
  }
  return tokens;
}
