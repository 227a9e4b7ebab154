import fc from 'fast-check';
import type { z } from 'zod';
import { COMMAND_NAMES, COMMANDS, isCommandName, type CommandName } from '../../electron/core/protocol';

/**
 * fast-check generators derived from the protocol's zod schemas, so every command (including ones added later) is
 * fuzzed without hand-written payloads. Reads zod 4's `_zod.def`, the introspection surface zod documents for
 * library authors; a schema feature the generator does not know fails loudly instead of being skipped.
 */

/** The subset of zod 4's internal definition the generators read. */
interface ZodDef {
  type: string;
  checks?: Array<{
    _zod: {
      def: {
        check: string;
        minimum?: number;
        maximum?: number;
        value?: number;
        format?: string;
        pattern?: RegExp;
        tx?: (value: string) => string;
      };
    };
  }>;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  innerType?: z.ZodType;
  element?: z.ZodType;
  entries?: Record<string, string | number>;
  values?: readonly unknown[];
  options?: readonly z.ZodType[];
}

/** A schema's zod 4 definition. */
function defOf(schema: z.ZodType): ZodDef {
  return (schema as unknown as { _zod: { def: ZodDef } })._zod.def;
}

/** Arrays are generated up to this length even when the schema allows more (e.g. 500 scene names): keeps runs fast. */
const MAX_GENERATED_ARRAY = 8;

interface StringChecks {
  min: number;
  max: number | undefined;
  /** `.regex()` patterns the value must match. */
  patterns: RegExp[];
  /** `.trim()` and other overwrites zod applies before the length checks. */
  overwrites: Array<(value: string) => string>;
}

function lengthBounds(def: ZodDef): StringChecks {
  let min = 0;
  let max: number | undefined;
  const patterns: RegExp[] = [];
  const overwrites: Array<(value: string) => string> = [];
  for (const check of def.checks ?? []) {
    const c = check._zod.def;
    if (c.check === 'min_length') min = Math.max(min, c.minimum ?? 0);
    else if (c.check === 'max_length') max = Math.min(max ?? Infinity, c.maximum ?? Infinity);
    else if (c.check === 'length_equals') (min = c.value ?? 0), (max = c.value);
    else if (c.check === 'string_format' && c.format === 'regex' && c.pattern) patterns.push(c.pattern);
    else if (c.check === 'overwrite' && c.tx) overwrites.push(c.tx);
    else throw new Error(`protocol-arbitraries: string/array check "${c.check}" has no generator; add one`);
  }
  return { min, max, patterns, overwrites };
}

/** A string the checks accept, already in the form zod outputs (overwrites applied), so it round-trips unchanged. */
function checkedString(checks: StringChecks): fc.Arbitrary<string> {
  const { min, max, patterns, overwrites } = checks;
  const base = patterns.length ? fc.stringMatching(patterns[0]!) : boundedString(min, max);
  return base
    .map((s) => overwrites.reduce((value, tx) => tx(value), s))
    .filter((s) => s.length >= min && (max === undefined || s.length <= max) && patterns.every((p) => p.test(s)));
}

/** A string of `min..max` UTF-16 code units (zod measures `.length`), drawn from all of Unicode. */
function boundedString(min: number, max: number | undefined): fc.Arbitrary<string> {
  const cap = max ?? 64;
  return fc
    .string({ unit: 'binary', minLength: min, maxLength: cap })
    .map((s) => {
      if (s.length <= cap) return s;
      // Astral characters take two code units: cut to the cap without leaving half a surrogate pair.
      const cut = s.slice(0, cap);
      return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
    })
    .filter((s) => s.length >= min);
}

function numberArbitrary(def: ZodDef): fc.Arbitrary<number> {
  let min = -Number.MAX_VALUE;
  let max = Number.MAX_VALUE;
  let isInt = false;
  for (const check of def.checks ?? []) {
    const c = check._zod.def;
    if (c.check === 'number_format' && (c.format === 'safeint' || c.format === 'int32')) isInt = true;
    else if (c.check === 'greater_than' && (c.value ?? 0) > min) min = c.value!;
    else if (c.check === 'less_than' && (c.value ?? 0) < max) max = c.value!;
    else throw new Error(`protocol-arbitraries: number check "${c.check}" has no generator; add one`);
  }
  // Exclusive bounds (gt/lt) are not used by the protocol; min/max here are inclusive.
  if (isInt) return fc.integer({ min: Math.max(Math.ceil(min), Number.MIN_SAFE_INTEGER), max: Math.min(Math.floor(max), Number.MAX_SAFE_INTEGER) });
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

/** Generates values the schema accepts (and that survive JSON unchanged, as payloads travel as JSON). */
export function validArbitrary(schema: z.ZodType): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
      return checkedString(lengthBounds(def));
    case 'default':
      return validArbitrary(def.innerType!);
    case 'number':
      // -0 becomes 0 in JSON; the wire cannot carry it, so do not generate it.
      return numberArbitrary(def).map((n) => (Object.is(n, -0) ? 0 : n));
    case 'boolean':
      return fc.boolean();
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries!));
    case 'literal':
      return fc.constantFrom(...def.values!);
    case 'null':
      return fc.constant(null);
    case 'nullable':
      return fc.option(validArbitrary(def.innerType!), { nil: null });
    case 'optional':
      return fc.option(validArbitrary(def.innerType!), { nil: undefined });
    case 'array': {
      const { min, max } = lengthBounds(def);
      return fc.array(validArbitrary(def.element!), { minLength: min, maxLength: Math.max(min, Math.min(max ?? MAX_GENERATED_ARRAY, MAX_GENERATED_ARRAY)) });
    }
    case 'union':
      return fc.oneof(...def.options!.map(validArbitrary));
    case 'object': {
      const shape = def.shape!;
      const keys = Object.keys(shape);
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const key of keys) {
        const field = defOf(shape[key]!);
        // An optional key is generated present-or-absent, never present-with-undefined (JSON drops it anyway).
        record[key] = validArbitrary(field.type === 'optional' ? field.innerType! : shape[key]!);
      }
      const shaped = fc.record(record, { requiredKeys: keys.filter((key) => defOf(shape[key]!).type !== 'optional') });
      // Rules across fields (`.check()` on the object, e.g. a refund notice's status) are kept by the schema itself.
      return def.checks?.length ? shaped.filter((value) => schema.safeParse(value).success) : shaped;
    }
    default:
      throw new Error(`protocol-arbitraries: zod type "${def.type}" has no generator; add one to tests/helpers/protocol-arbitraries.ts`);
  }
}

/** True when the object schema refuses unknown keys (`z.strictObject`). */
export function isStrictObject(schema: z.ZodType): boolean {
  const def = defOf(schema);
  return def.type === 'object' && def.catchall !== undefined && defOf(def.catchall).type === 'never';
}

/** A valid payload for a command. */
export function validPayload(name: CommandName): fc.Arbitrary<unknown> {
  return validArbitrary(COMMANDS[name].payload);
}

/** Any command name with a valid payload for it. */
export const validCommand: fc.Arbitrary<{ name: CommandName; payload: unknown }> = fc
  .constantFrom(...COMMAND_NAMES)
  .chain((name) => validPayload(name).map((payload) => ({ name, payload })));

/** A payload that breaks the schema in exactly one place, and the dotted path where zod will report it. */
export interface NearValid {
  name: CommandName;
  payload: unknown;
  /** Dotted path of the broken field ("" for the payload itself), as validateCommand prints it. */
  path: string;
  how: 'bad-value' | 'missing-key' | 'extra-key' | 'not-an-object';
}

/** Leaf-or-branch positions present in a value, with the schema that governs each. */
function presentPaths(schema: z.ZodType, value: unknown, path: Array<string | number> = []): Array<{ path: Array<string | number>; schema: z.ZodType }> {
  const def = defOf(schema);
  const out: Array<{ path: Array<string | number>; schema: z.ZodType }> = [];
  if ((def.type === 'nullable' || def.type === 'optional') && value !== null && value !== undefined) {
    return presentPaths(def.innerType!, value, path);
  }
  if (def.type === 'object' && value && typeof value === 'object') {
    for (const [key, child] of Object.entries(def.shape!)) {
      if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
      const childPath = [...path, key];
      out.push({ path: childPath, schema: child });
      out.push(...presentPaths(child, (value as Record<string, unknown>)[key], childPath));
    }
  }
  if (def.type === 'array' && Array.isArray(value)) {
    value.forEach((item, index) => {
      out.push({ path: [...path, index], schema: def.element! });
      out.push(...presentPaths(def.element!, item, [...path, index]));
    });
  }
  return out;
}

function setAt(root: unknown, path: Array<string | number>, value: unknown): unknown {
  const copy = structuredClone(root);
  let node = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1]!] = value;
  return copy;
}

function deleteAt(root: unknown, path: Array<string | number>): unknown {
  const copy = structuredClone(root);
  let node = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  delete node[path[path.length - 1]!];
  return copy;
}

/** JSON-representable values (what can arrive over HTTP or socket.io), used to pick wrong-typed replacements. */
const jsonish = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ maxLength: 20 }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }),
);

/** Payloads one mutation away from valid, for every command: wrong type, missing required key, extra key, non-object. */
export const nearValidCommand: fc.Arbitrary<NearValid> = fc.constantFrom(...COMMAND_NAMES).chain((name) => {
  const schema = COMMANDS[name].payload;
  return validPayload(name).chain((payload) => {
    const positions = presentPaths(schema, payload);
    const variants: Array<fc.Arbitrary<NearValid>> = [
      jsonish.filter((v) => v === null || typeof v !== 'object' || Array.isArray(v)).map((v) => ({ name, payload: v, path: '', how: 'not-an-object' as const })),
    ];
    if (positions.length > 0) {
      variants.push(
        fc.constantFrom(...positions).chain(({ path, schema: field }) =>
          jsonish
            .filter((v) => !field.safeParse(v).success)
            .map((v) => ({ name, payload: setAt(payload, path, v), path: path.join('.'), how: 'bad-value' as const })),
        ),
      );
    }
    const requiredKeys = presentPaths(schema, payload).filter(({ schema: field }) => {
      const t = defOf(field).type;
      // A key with a default is filled in when absent: leaving it out is valid.
      return t !== 'optional' && t !== 'default';
    });
    if (requiredKeys.length > 0) {
      variants.push(
        fc.constantFrom(...requiredKeys)
          // Deleting an array element just shortens the array (still valid); only object keys are required.
          .filter(({ path }) => typeof path[path.length - 1] === 'string')
          .map(({ path }) => ({ name, payload: deleteAt(payload, path), path: path.join('.'), how: 'missing-key' as const })),
      );
    }
    if (isStrictObject(schema)) {
      variants.push(
        fc
          .string({ minLength: 1, maxLength: 12 })
          .filter((key) => !Object.prototype.hasOwnProperty.call(defOf(schema).shape!, key))
          .chain((key) => jsonish.map((v) => ({ name, payload: { ...(payload as object), [key]: v }, path: '', how: 'extra-key' as const }))),
      );
    }
    return fc.oneof(...variants);
  });
});

/** Command names that are not in the protocol (random strings, near-misses of real names, non-strings). */
export const unknownCommandName: fc.Arbitrary<unknown> = fc.oneof(
  fc.string().filter((s) => !isCommandName(s)),
  fc.constantFrom(...COMMAND_NAMES).map((n) => `${n} `),
  fc.constantFrom(...COMMAND_NAMES).map((n) => n.toUpperCase()),
  fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', ''),
  fc.anything().filter((v) => typeof v !== 'string'),
);
