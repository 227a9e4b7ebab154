import { z } from 'zod';
import { MAPPED_FIELDS, type ColumnMapping, type MappedField } from '../domain/column-mapping';

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

/** Paths of the downloadable templates: the English-header one and the Chinese-header one (same columns, same rules). */
export const CATALOG_TEMPLATE_PATHS = { en: '/api/v1/catalog/template.csv', zh: '/api/v1/catalog/template.zh-CN.csv' } as const;

/** A column mapping as the `mapping` query parameter carries it (JSON): field to the file's header cell. */
export const columnMappingSchema = z.strictObject(
  Object.fromEntries(MAPPED_FIELDS.map((f) => [f, z.string().trim().min(1, `${f} names no column`).max(200, `${f}: a column name is at most 200 characters`).optional()])) as Record<
    MappedField,
    z.ZodOptional<z.ZodString>
  >,
) satisfies z.ZodType<ColumnMapping>;

/** What the hub answers when a file's layout is unknown and no mapping is saved for its header: what to map, and its guess. */
export const mappingRequestSchema = z.strictObject({
  /** Key the mapping is saved under (a hash of the header set; column order does not matter). */
  headerKey: z.string(),
  /** The header row's cells, in file order. */
  header: z.array(z.string()),
  /** The first data rows (at most 5), cells in header order, with their line (CSV) or sheet row (XLSX). */
  sample: z.array(z.strictObject({ line: z.number().int().min(1), cells: z.array(z.string()) })),
  /** The guessed mapping, or the saved one when the import asked to change it (`ask=mapping`). */
  mapping: columnMappingSchema,
  /** True when `mapping` is the one saved for this header. */
  isSaved: z.boolean(),
});

/** The mapping step the hub asks for. */
export type MappingRequest = z.infer<typeof mappingRequestSchema>;

/** The result of an import: the JSON answer, and the last line of the streamed answer (which adds `status`). */
export const importResultSchema = z.union([
  z.object({
    ok: z.literal(true),
    imported: z.number().int(),
    updated: z.number().int(),
    total: z.number().int(),
    errors: z.array(importIssueSchema),
    layout: z.enum(['template', 'shopify', 'mapped']),
    ignoredColumns: z.array(z.string()),
    /** With layout `mapped`: the mapping used (the saved one, or the one sent). */
    mapping: columnMappingSchema.optional(),
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
    /** With error code `mapping_needed`: the columns to map and the hub's guess. */
    mappingRequest: mappingRequestSchema.optional(),
    status: z.number().int().optional(),
  }),
]);

/** The result of an import. */
export type ImportResult = z.infer<typeof importResultSchema>;
