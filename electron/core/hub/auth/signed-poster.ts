import type { Logger } from '../logger';
import { signWebhook } from './webhook-auth';

/**
 * Posts JSON to one of the hub's own signed ingest endpoints, exactly as an outside bridge does (timestamp and HMAC
 * headers), so the rehearsal simulators exercise the real path. Counts posts in flight so callers can back off.
 */
export class SignedPoster {
  private inFlightCount = 0;
  private waiters: (() => void)[] = [];

  constructor(
    private readonly deps: { url: () => string; path: string; secret: string; log: Logger; what: string },
  ) {}

  /** Posts not answered yet. */
  get inFlight(): number {
    return this.inFlightCount;
  }

  /** Resolves once no post is in flight (at once when none is). */
  settled(): Promise<void> {
    if (this.inFlightCount === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /**
   * Sends `payload`; resolves true when the hub answered 2xx (stored), false after a refusal or a network error, which
   * is logged (never thrown): a simulator keeps going.
   */
  post(payload: unknown): Promise<boolean> {
    const body = JSON.stringify(payload);
    const ts = Math.floor(Date.now() / 1000);
    this.inFlightCount += 1;
    return fetch(`${this.deps.url()}${this.deps.path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Anchor-Timestamp': String(ts), 'X-Anchor-Signature': signWebhook(this.deps.secret, ts, body) },
      body,
    })
      .then(async (res) => {
        if (!res.ok) this.deps.log.warn(`${this.deps.what} post refused`, { status: res.status, body: (await res.text()).slice(0, 300) });
        return res.ok;
      })
      .catch((err) => {
        this.deps.log.warn(`${this.deps.what} post failed`, { err });
        return false;
      })
      .finally(() => {
        this.inFlightCount -= 1;
        if (this.inFlightCount === 0) for (const resolve of this.waiters.splice(0)) resolve();
      });
  }
}
