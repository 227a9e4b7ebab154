/**
 * Runs the XLSX parse in a worker thread with a capped heap and a time limit, so a workbook that is small on disk but
 * costly to read (huge shared strings, deep XML, a parser's worst case) fails alone with a sentence, while the hub,
 * its sockets and the show go on. One worker per file, ended when it answers. Limit: V8 ends the whole process, not
 * the worker, when an allocation overshoots the cap by more than the slack it grants while ending the worker (seen in
 * tests with a 35 MiB sheet under a 64 MB cap); the ZIP bounds (XML parts at most an eighth of the cap) keep the cap
 * out of reach, and a hub that still went down is restarted by the studio with nothing saved lost.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SheetRow } from './xlsx-parse';

/** What one workbook may take to read: far above a real catalog or shop export of 100,000 rows. */
export const SHEET_WORKER_LIMITS = { maxHeapMb: 512, timeoutMs: 60_000 };

/**
 * The worker's script: the bundle's sibling when the hub runs built; from the sources (tests, `npm run hub`) a small
 * script that registers tsx in the worker and loads the TypeScript entry.
 */
function workerScript(): { source: string; isEval: boolean } {
  const here = typeof __dirname === 'string' ? __dirname : join(process.cwd(), 'electron', 'core', 'hub', 'sheets');
  const bundled = join(here, 'sheet-worker.cjs');
  if (existsSync(bundled)) return { source: bundled, isEval: false };
  const entry = pathToFileURL(join(here, 'sheet-worker.ts')).href;
  return { source: `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`, isEval: true };
}

/** Parses the workbook in a worker; the answer is its rows or why it could not be read (memory, time, damage). */
export function parseXlsxInWorker(body: Buffer, limits = SHEET_WORKER_LIMITS): Promise<SheetRow[] | { error: string }> {
  const { source, isEval } = workerScript();
  return new Promise((resolve) => {
    const worker = new Worker(source, {
      eval: isEval,
      resourceLimits: { maxOldGenerationSizeMb: limits.maxHeapMb, maxYoungGenerationSizeMb: 16 },
      stdout: false,
      stderr: false,
    });
    let isSettled = false;
    const settle = (result: SheetRow[] | { error: string }) => {
      if (isSettled) return;
      isSettled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(result);
    };
    const timer = setTimeout(
      () => settle({ error: `The workbook took longer than ${limits.timeoutMs / 1000} s to read, so the studio stopped reading it. Export the sheet as CSV UTF-8 and import that. Nothing was imported.` }),
      limits.timeoutMs,
    );
    worker.once('message', settle);
    worker.once('error', (err: NodeJS.ErrnoException) =>
      settle({
        error:
          err.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? `Reading the workbook needs more than the ${limits.maxHeapMb} MB the studio allows for one file (it is not an ordinary export). Export the sheet as CSV UTF-8 and import that. Nothing was imported.`
            : `The XLSX workbook could not be read (${err.message.slice(0, 200)}). Save it again from Excel or export it as CSV UTF-8. Nothing was imported.`,
      }),
    );
    worker.once('exit', (code) => settle({ error: `The workbook reader stopped (exit ${code}) before answering. Export the sheet as CSV UTF-8 and import that. Nothing was imported.` }));
    // A copy goes over: the request's buffer may be a slice of a pooled one.
    worker.postMessage(new Uint8Array(body));
  });
}
