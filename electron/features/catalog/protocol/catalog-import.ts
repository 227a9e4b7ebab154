import { z } from 'zod';

/** Path of the catalog import endpoint (POST the file as the body; see docs/api.md, "Catalog"). */
export const CATALOG_IMPORT_PATH = '/api/v1/catalog/import';

/** Paths of the catalog exports (template layout). */
export const CATALOG_EXPORT_PATHS = { csv: '/api/v1/catalog/export.csv', xlsx: '/api/v1/catalog/export.xlsx' } as const;

/** Content type of the streamed import answer: one JSON object per line, progress first, the result last. */
export const NDJSON_CONTENT_TYPE = 'application/x-ndjson';

/** A problem with one row of an import file: the line (CSV) or sheet row (XLSX), 1-based with the header on 1. */
export const importIssueSchema = z.strictObject({ line: z.number().int().min(1), column: z.string(), reason: z.string() });

/** A problem with one row of an import file. */
export type ImportIssue = z.infer<typeof importIssueSchema>;

/** A progress line of the streamed import answer: rows checked (`parse`), then products saved (`save`). */
export const importProgressSchema = z.strictObject({ phase: z.enum(['parse', 'save']), done: z.number().int().min(0), total: z.number().int().min(0) });

/** A progress line of the streamed import answer. */
export type ImportProgress = z.infer<typeof importProgressSchema>;

/** The result of an import: the JSON answer, and the last line of the streamed answer (which adds `status`). */
export const importResultSchema = z.union([
  z.object({
    ok: z.literal(true),
    imported: z.number().int(),
    updated: z.number().int(),
    total: z.number().int(),
    errors: z.array(importIssueSchema),
    layout: z.enum(['template', 'shopify']),
    ignoredColumns: z.array(z.string()),
    status: z.number().int().optional(),
  }),
  z.object({
    ok: z.literal(false),
    error: z.object({ code: z.string(), message: z.string() }),
    errors: z.array(importIssueSchema).optional(),
    valid: z.number().int().optional(),
    total: z.number().int().optional(),
    imported: z.number().int().optional(),
    updated: z.number().int().optional(),
    status: z.number().int().optional(),
  }),
]);

/** The result of an import. */
export type ImportResult = z.infer<typeof importResultSchema>;
