import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, posix, relative, sep } from 'node:path';

/**
 * The architecture's layers (docs: /work/shared/ARCHITECTURE.md, "Dependency direction"), checked the way VS Code's
 * layer lint does it: by reading import specifiers, not by trusting memory. The core (`extractImports`,
 * `checkSources`) is pure so the same rules can run from a test, a script or an editor hook.
 */

/** A top-level layer of the source tree, named by its folder. */
export type Layer =
  | 'electron/domain'
  | 'electron/protocol'
  | 'electron/hub'
  | 'electron/engine'
  | 'electron/studio'
  | 'electron/main'
  | 'electron/preload'
  | 'renderer';

/** Every layer, in dependency order (lower ones must not import higher ones). */
export const LAYERS: readonly Layer[] = [
  'electron/domain',
  'electron/protocol',
  'electron/hub',
  'electron/engine',
  'electron/studio',
  'electron/main',
  'electron/preload',
  'renderer',
];

/** Folders the checker scans, relative to the repository root. */
export const SCANNED_ROOTS = ['electron', 'renderer'] as const;

/** Which layers each layer may import (itself included). Everything not listed is a violation. */
export const ALLOWED_LAYER_IMPORTS: Readonly<Record<Layer, readonly Layer[]>> = {
  'electron/domain': ['electron/domain', 'electron/protocol'],
  'electron/protocol': ['electron/protocol', 'electron/domain'],
  'electron/hub': ['electron/hub', 'electron/protocol', 'electron/domain'],
  'electron/engine': ['electron/engine', 'electron/protocol', 'electron/domain'],
  // The composition root: the one place that wires hub and engine together without Electron.
  'electron/studio': ['electron/studio', 'electron/hub', 'electron/engine', 'electron/protocol', 'electron/domain'],
  'electron/main': ['electron/main', 'electron/studio', 'electron/hub', 'electron/engine', 'electron/protocol', 'electron/domain'],
  // The preload runs with a window's privileges: it forwards bootstrap data and validates it, nothing more.
  'electron/preload': ['electron/preload', 'electron/protocol', 'electron/domain'],
  renderer: ['renderer', 'electron/protocol', 'electron/domain'],
};

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

/** Formats a violation as `file:line imports X: rule`. */
export function formatViolation(v: LayerViolation): string {
  return `${v.file}:${v.line} imports ${v.specifier}: ${v.rule}`;
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

/** The layer a repository-relative path belongs to, or null when it is outside every layer. */
export function layerOf(path: string): Layer | null {
  const normalized = posix.normalize(path);
  for (const layer of LAYERS) if (normalized === layer || normalized.startsWith(`${layer}/`)) return layer;
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
  const from = layerOf(file);
  if (!from) {
    return `${file} is outside every known layer (${LAYERS.join(', ')}); move it into one or add the layer to tests/helpers/layer-rules.ts`;
  }

  if (specifier.startsWith('.')) {
    const target = posix.normalize(posix.join(posix.dirname(file), specifier));
    const to = layerOf(target);
    // Imports of non-layer files (package.json, resources/) carry no runtime: not a layer question.
    if (!to || ALLOWED_LAYER_IMPORTS[from].includes(to)) return null;
    if (to === 'electron/main') return 'nothing imports electron/main (it is the Electron shell; depend on electron/studio instead)';
    if (to === 'renderer') return 'nothing outside renderer imports renderer';
    if ((from === 'electron/hub' && to === 'electron/engine') || (from === 'electron/engine' && to === 'electron/hub')) {
      return 'hub and engine never import each other (they talk over the protocol; electron/studio wires them)';
    }
    return `${from} may import only ${ALLOWED_LAYER_IMPORTS[from].filter((l) => l !== from).join(', ')} (not ${to})`;
  }

  // Absolute paths and URLs are not used in this codebase; treat them like bare specifiers below.
  const name = packageName(specifier);
  if (name === 'electron' && from !== 'electron/main' && from !== 'electron/preload') {
    return 'only electron/main and electron/preload import electron';
  }
  if (from === 'electron/domain' || from === 'electron/protocol') {
    if (isNodeBuiltin(specifier)) return `${from} is runtime-free: no Node builtins`;
    if (RUNTIME_PACKAGES_FOR_PURE_LAYERS.includes(name) || name.startsWith('socket.io')) {
      return `${from} is runtime-free: no ${name}`;
    }
  }
  if (from === 'renderer') {
    if (isNodeBuiltin(specifier)) return 'renderer runs in a browser page: no Node builtins';
    if (SERVER_PACKAGES_FOR_RENDERER.includes(name)) return `renderer runs in a browser page: no ${name}`;
  }
  return null;
}

/** Checks a set of source files; returns every violation, sorted by file and line. */
export function checkSources(files: readonly SourceFile[]): LayerViolation[] {
  const violations: LayerViolation[] = [];
  for (const file of files) {
    if (isToolingFile(file.path)) continue;
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
