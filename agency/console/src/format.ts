/** Formatting for the console: money from integer minor units (never a float), counts, clock times, "N min ago". */

/** Currencies shown by their symbol; every other currency is shown by its code ("EUR 1,234.56"). */
const CURRENCY_SYMBOLS: Readonly<Record<string, string>> = { CNY: '¥', USD: '$' };

/** Decimal digits of a currency's minor unit (CNY 2, JPY 0); 2 for a code the browser does not know. */
export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    // A malformed code from some studio must not take the whole wall down: assume cents.
    return 2;
  }
}

/** Puts a comma between every three digits of a string of digits ("1234567" -> "1,234,567"). */
export function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A whole count with thousands separators ("12,345"); the same in both languages, as Chinese dashboards write it. */
export function formatCount(count: number): string {
  const whole = Math.trunc(count);
  return `${whole < 0 ? '-' : ''}${groupThousands(String(Math.abs(whole)))}`;
}

/** Minor units as money with its currency ("¥1,234.56", "$0.99", "EUR 12.00"), by integer arithmetic. */
export function formatMoney(minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  const abs = BigInt(Math.abs(Math.trunc(minor)));
  const scale = 10n ** BigInt(digits);
  const whole = groupThousands((abs / scale).toString());
  const fraction = digits > 0 ? `.${(abs % scale).toString().padStart(digits, '0')}` : '';
  const sign = minor < 0 ? '-' : '';
  const symbol = CURRENCY_SYMBOLS[currency];
  return symbol ? `${sign}${symbol}${whole}${fraction}` : `${sign}${currency} ${whole}${fraction}`;
}

/** Hours and minutes of an epoch ms in the UI's language ("14:05"). */
export function formatClock(at: number, language: string): string {
  return new Date(at).toLocaleTimeString(language, { hour: '2-digit', minute: '2-digit', hour12: false });
}

/** Date and time of an epoch ms in the UI's language, for lists that span days (credentials). */
export function formatDateTime(at: number, language: string): string {
  return new Date(at).toLocaleString(language, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
}

/** How long ago something was, as a unit and a whole number, for "last seen 5 min ago". */
export type Ago = { unit: 'now' } | { unit: 'minutes' | 'hours' | 'days'; count: number };

/** How long before `now` the moment `then` was (under a minute is "now"; a clock ahead of ours is "now" too). */
export function agoOf(then: number, now: number): Ago {
  const minutes = Math.floor(Math.max(0, now - then) / 60_000);
  if (minutes < 1) return { unit: 'now' };
  if (minutes < 60) return { unit: 'minutes', count: minutes };
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return { unit: 'hours', count: hours };
  return { unit: 'days', count: Math.floor(hours / 24) };
}

/** Money per currency as one line ("¥1,200.00 · $35.00"), currencies in a stable order; `empty` when none. */
export function formatMoneyList(byCurrency: ReadonlyMap<string, number>, empty: string): string {
  if (!byCurrency.size) return empty;
  return [...byCurrency]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, minor]) => formatMoney(minor, currency))
    .join(' · ');
}
