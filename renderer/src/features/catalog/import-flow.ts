import {
  importProgressSchema,
  importResultSchema,
  type ImportIssue,
  type ImportResult,
  type MappingRequest,
} from '@shared/features/catalog/protocol/catalog-import';
import type { ColumnMapping } from '@shared/features/catalog/domain/column-mapping';

/** Where an import stands, as the dialog shows it. */
export type ImportStage =
  | { kind: 'idle' }
  | { kind: 'uploading'; sent: number; total: number }
  | { kind: 'parse' | 'save'; done: number; total: number }
  | { kind: 'refused'; message: string; errors: ImportIssue[]; valid: number; total: number }
  | { kind: 'mapping'; request: MappingRequest }
  | { kind: 'done'; imported: number; updated: number; total: number; errors: ImportIssue[]; mapping?: ColumnMapping }
  | { kind: 'failed'; message: string };

/** What happens during an import. */
export type ImportEvent =
  | { type: 'upload'; sent: number; total: number }
  | { type: 'progress'; phase: 'parse' | 'save'; done: number; total: number }
  | { type: 'result'; result: ImportResult }
  | { type: 'failed'; message: string }
  | { type: 'reset' };

/** The dialog before any upload. */
export const IDLE: ImportStage = { kind: 'idle' };

/** True while a request is under way (the dialog disables its buttons). */
export function isBusy(stage: ImportStage): boolean {
  return stage.kind === 'uploading' || stage.kind === 'parse' || stage.kind === 'save';
}

/**
 * Applies one import event (pure). Progress only moves forward: a late upload tick after the hub already started
 * checking rows, or an older count, is ignored.
 */
export function reduceImport(stage: ImportStage, event: ImportEvent): ImportStage {
  switch (event.type) {
    case 'reset':
      return IDLE;
    case 'upload':
      if (stage.kind !== 'idle' && stage.kind !== 'uploading') return stage;
      return { kind: 'uploading', sent: event.sent, total: event.total };
    case 'progress': {
      if (stage.kind === 'save' && event.phase === 'parse') return stage;
      if (stage.kind === event.phase && event.done < stage.done) return stage;
      if (!isBusy(stage) && stage.kind !== 'idle') return stage;
      return { kind: event.phase, done: event.done, total: event.total };
    }
    case 'failed':
      return { kind: 'failed', message: event.message };
    case 'result': {
      const r = event.result;
      if (r.ok) return { kind: 'done', imported: r.imported, updated: r.updated, total: r.total, errors: r.errors, ...(r.mapping ? { mapping: r.mapping } : {}) };
      // A shop's own export the studio has no saved mapping for: the dialog asks which column is which.
      if (r.error.code === 'mapping_needed' && r.mappingRequest) return { kind: 'mapping', request: r.mappingRequest };
      if (r.errors && r.errors.length > 0 && r.imported === undefined) {
        return { kind: 'refused', message: r.error.message, errors: r.errors, valid: r.valid ?? 0, total: r.total ?? 0 };
      }
      return { kind: 'failed', message: r.error.message };
    }
  }
}

/** The share of the whole import done, 0..1, for one progress bar: upload first, then checking, then saving. */
export function importFraction(stage: ImportStage): number {
  const part = (done: number, total: number) => (total > 0 ? Math.min(1, done / total) : 1);
  switch (stage.kind) {
    case 'uploading':
      return 0.4 * part(stage.sent, stage.total);
    case 'parse':
      return 0.4 + 0.2 * part(stage.done, stage.total);
    case 'save':
      return 0.6 + 0.4 * part(stage.done, stage.total);
    case 'done':
      return 1;
    default:
      return 0;
  }
}

/** Splits received NDJSON text into the complete lines' events and the unfinished rest (pure; bad lines are skipped). */
export function readNdjson(text: string): { events: ImportEvent[]; rest: string } {
  const end = text.lastIndexOf('\n');
  const complete = end < 0 ? '' : text.slice(0, end);
  const events: ImportEvent[] = [];
  for (const line of complete.split('\n')) {
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      continue;
    }
    const progress = importProgressSchema.safeParse(value);
    if (progress.success) {
      events.push({ type: 'progress', ...progress.data });
      continue;
    }
    const result = importResultSchema.safeParse(value);
    if (result.success) events.push({ type: 'result', result: result.data });
  }
  return { events, rest: text.slice(end + 1) };
}
