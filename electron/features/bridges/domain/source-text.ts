// How the bridges read a source's loosely typed fields: what is shown is text on one line, cut to the chat's limits.

/** A field as one line of text: strings with their whitespace collapsed, numbers as written, anything else empty. */
export function fieldText(value: unknown): string {
  return typeof value === 'string' ? value.replace(/\s+/g, ' ').trim() : typeof value === 'number' ? String(value) : '';
}

/** `value` cut to `max` characters (code points, so an emoji or a CJK character is never split). */
export function clip(value: string, max: number): string {
  return [...value].length <= max ? value : [...value].slice(0, max).join('');
}
