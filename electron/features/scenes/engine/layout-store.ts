import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ShowLayout } from './show-scenes';

const LAYOUT_FILE = 'show-layout.json';

/** Reads the show layout the anchor edited; null on first run (or an unreadable file). */
export function loadLayout(dir: string): ShowLayout | null {
  try {
    const parsed = JSON.parse(readFileSync(join(dir, LAYOUT_FILE), 'utf8')) as ShowLayout;
    if (!Array.isArray(parsed.scenes) || !Array.isArray(parsed.inputs)) return null;
    return { ...parsed, cameras: Array.isArray(parsed.cameras) ? parsed.cameras : [] };
  } catch {
    return null;
  }
}

/** Saves the show layout (it may hold file paths: private to the user). */
export function saveLayout(dir: string, layout: ShowLayout): void {
  writeFileSync(join(dir, LAYOUT_FILE), JSON.stringify(layout), { mode: 0o600 });
}
