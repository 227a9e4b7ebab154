import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** One script of the UI's first load, with its size as built and as the hub sends it to a browser (brotli). */
export interface FirstLoadScript {
  file: string;
  bytes: number;
  /** The build's brotli copy (scripts/vite-precompress.ts), what the hub sends to a browser that takes it. */
  sentBytes: number;
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
    const brotli = join(uiDir, `${file}.br`);
    if (!existsSync(brotli)) throw new Error(`${file} has no brotli copy (${brotli}): the build's precompress step did not run.`);
    return { file, bytes: buffer.length, sentBytes: statSync(brotli).size, text: buffer.toString('utf8') };
  });
}
