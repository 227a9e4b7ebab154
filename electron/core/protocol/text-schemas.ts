import { z } from 'zod';

// Field schemas every feature's commands share: plain text, ids, money.

/** The roles that run a show: the anchor and producers. */
export const SHOW_RUNNERS = ['anchor', 'producer'] as const;

/** Text without control characters (line breaks allowed where `multiline`), trimmed, at most `max` characters. */
export const text = (what: string, max: number, multiline = false) =>
  z
    .string()
    .max(max, `${what} is longer than ${max} characters`)
    .regex(multiline ? /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/ : /^[^\u0000-\u001f\u007f]*$/, `${what} contains control characters`);

/** A non-empty identifier (sku, cue id) without control characters. */
export const id = (what: string, max: number) => text(what, max).min(1, `${what} is empty`);

/** Money in whole minor units (fen, cents), never a decimal. */
export const minorUnits = (what: string) =>
  z
    .number()
    .int(`${what} must be whole minor units (fen/cents), not a decimal`)
    .min(0, `${what} is negative`)
    .max(1_000_000_000_00, `${what} is too large`);
