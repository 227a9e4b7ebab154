import type { IncomingMessage } from 'node:http';

/**
 * The names a request may address the hub by: its loopback names at its port, and its LAN addresses while sharing is
 * on. A web page that rebinds its own domain to 127.0.0.1 (DNS rebinding) still sends that domain as Host, so it is
 * refused before any route runs; so is a socket.io handshake. Paths whose every request carries its own credential (a
 * signature, or a secret in the link) are answered under any name: shops and tunnels post them under their own.
 */
export class HostAllowlist {
  constructor(
    private readonly port: number,
    private readonly lanUrls: () => readonly string[],
    /** The address the hub listens on, when it is not a loopback one (`--host`). */
    private readonly listenUrl: string | null = null,
  ) {}

  /** True when `host` (the Host header) names this hub. */
  allows(host: string | undefined): boolean {
    if (!host) return false;
    const name = host.toLowerCase();
    const own = [`127.0.0.1:${this.port}`, `localhost:${this.port}`, `[::1]:${this.port}`];
    const extra = this.listenUrl ? [this.listenUrl, ...this.lanUrls()] : this.lanUrls();
    return own.includes(name) || extra.some((url) => new URL(url).host === name);
  }

  /** Why a request is refused, in words that say what to do; null when its Host is allowed. */
  refusal(req: IncomingMessage): string | null {
    if (this.allows(req.headers.host)) return null;
    const named = (req.headers.host ?? '(none)').slice(0, 100);
    return `This studio answers only at its own address (http://127.0.0.1:${this.port} on this computer, or the LAN address it shows while sharing); this request named "${named}". Open the studio by the address it shows.`;
  }
}
