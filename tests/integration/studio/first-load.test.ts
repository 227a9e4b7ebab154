// The built UI (dist/renderer, what every window loads): what a window must download and run before it shows the
// show. Measured sizes and their history are in bench/startup.ts's output; this keeps the cuts from coming back.
import { describe, expect, it } from 'vitest';
import { UI_DIR } from '../../helpers/built-studio';
import { firstLoadScripts } from '../../helpers/first-load';

/** Budget of the first load, gzip as served over a network (the 250 kB); measured 166 kB when it was set. */
const FIRST_LOAD_GZIP_BUDGET = 250_000;

describe('the first load of a window', () => {
  const scripts = firstLoadScripts(UI_DIR);

  it('finds the entry script and its preloads in the built index.html', () => {
    expect(scripts.length).toBeGreaterThanOrEqual(1);
    expect(scripts.some((s) => s.file.startsWith('assets/index-'))).toBe(true);
  });

  it('carries no schema library: validation lives in the hub, the hello says which commands the role may send', () => {
    // zod's classes are named $ZodType, $ZodObject, ...; the drawers that validate uploads load them when opened.
    for (const script of scripts) expect(script.text, script.file).not.toMatch(/\$Zod[A-Z][A-Za-z]+/);
  });

  it('stays within its budget', () => {
    const gzip = scripts.reduce((sum, s) => sum + s.gzipBytes, 0);
    expect(gzip).toBeLessThanOrEqual(FIRST_LOAD_GZIP_BUDGET);
  });
});
