import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** One script of the UI's first load, with its size as served and as gzip would send it. */
export interface FirstLoadScript {
  file: string;
  bytes: number;
  gzipBytes: number;
  text: string;
}

/**
 * The JavaScript a window loads before it can show anything: the built index.html's module script and the modules it
 * preloads (what is imported later, on demand, is not counted).
 */
export function firstLoadScripts(uiDir: string): FirstLoadScript[] {
  const index = join(uiDir, 'index.html');
  if (!existsSync(index)) throw new Error(`The UI is not built (${index} is missing): run "npm run build".`);
  const html = readFileSync(index, 'utf8');
  const paths = [...html.matchAll(/<script[^>]+src="\/([^"]+\.js)"|<link[^>]+rel="modulepreload"[^>]+href="\/([^"]+\.js)"/g)].map((m) => m[1] ?? m[2]!);
  return paths.map((file) => {
    const buffer = readFileSync(join(uiDir, file));
    return { file, bytes: buffer.length, gzipBytes: gzipSync(buffer, { level: 9 }).length, text: buffer.toString('utf8') };
  });
}
