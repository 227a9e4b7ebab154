/**
 * Orders two strings by UTF-16 code units, the same on every machine and in every language (localeCompare is not: it
 * depends on the ICU data and the locale). For ties that must come out the same in the hub, a window and a report.
 */
export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
