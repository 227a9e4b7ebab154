import { signWebhook } from '../../electron/core/hub/auth/webhook-auth';

/** How a test may break the signature on purpose. */
export interface SignatureOverrides {
  timestampSeconds?: number;
  signature?: string;
}

/** POSTs raw bytes to a signed webhook endpoint the way a bridge does; returns status and parsed body. */
export async function postSigned(
  url: string,
  secret: string,
  raw: string | Buffer,
  options: SignatureOverrides = {},
): Promise<{ status: number; body: any }> {
  const ts = options.timestampSeconds ?? Math.floor(Date.now() / 1000);
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'X-Anchor-Timestamp': String(ts),
      'X-Anchor-Signature': options.signature ?? signWebhook(secret, ts, raw),
    },
    body: typeof raw === 'string' ? raw : new Uint8Array(raw),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}
