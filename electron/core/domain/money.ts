/** Money helpers: integer minor units in, exact strings out (never a float on the way). */

// Building an Intl.NumberFormat costs about a millisecond (ICU loads the locale's data); formatting with one costs
// microseconds. Before these caches, the sales panel's first render spent 70 ms building formats.
const digitsByCurrency = new Map<string, number>();
const formats = new Map<string, Intl.NumberFormat>();

/** Decimal digits of a currency's minor unit (CNY 2, JPY 0). */
export function currencyDigits(currency: string): number {
  let digits = digitsByCurrency.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsByCurrency.set(currency, digits);
  }
  return digits;
}

/** Minor units as an exact decimal string with the currency's digits ("128.00", JPY "128"), by integer arithmetic. */
export function minorToDecimal(minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  const abs = BigInt(Math.abs(Math.trunc(minor)));
  const scale = 10n ** BigInt(digits);
  const fraction = (abs % scale).toString().padStart(digits, '0');
  return `${minor < 0 ? '-' : ''}${abs / scale}${digits > 0 ? `.${fraction}` : ''}`;
}

/**
 * Formats integer minor units for display. Builds the decimal string by integer arithmetic and hands it to
 * Intl.NumberFormat as a string, so money never becomes a float, even at display.
 */
export function formatMoney(minor: number, currency: string, locale: string, options: { compact?: boolean } = {}): string {
  const text = minorToDecimal(minor, currency) as `${number}`;
  const key = `${locale}|${currency}|${options.compact ? 'compact' : ''}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      ...(options.compact ? { notation: 'compact', maximumFractionDigits: 1 } : {}),
    });
    formats.set(key, format);
  }
  return format.format(text);
}

/**
 * Parses a price typed by a person ("128", "128.5", "1,280.00") into integer minor units of the currency, by string
 * arithmetic; null when it is not a plain non-negative amount or has more decimals than the currency.
 */
export function parseMoneyInput(text: string, currency: string): number | null {
  const digits = currencyDigits(currency);
  const m = /^(\d{1,12})(?:[.](\d*))?$/.exec(text.trim().replace(/[,\s]/g, ''));
  if (!m) return null;
  const fraction = m[2] ?? '';
  if (fraction.length > digits) return null;
  return Number(m[1]) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
}
