import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { CreatedInvite } from '../../electron/features/cohost/protocol/cohost-commands';
import { MAX_FAILED_PAIRINGS_PER_CLIENT } from '../../electron/features/cohost/hub/pairing-codes';
import { connectClient, sendOk, startTestHub, type TestHub } from '../helpers/hub';

/** POSTs to /api/v1/pair from a given local address (loopback aliases stand for different machines). */
function pair(hub: TestHub, body: string, options: { from?: string; contentType?: string } = {}): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: hub.port, path: '/api/v1/pair', method: 'POST', localAddress: options.from, headers: { 'Content-Type': options.contentType ?? 'application/json' } },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function invite(hub: TestHub): Promise<CreatedInvite> {
  const anchor = await connectClient(hub.url, hub.anchorToken);
  try {
    return (await sendOk(anchor, 'invite.create', { role: 'producer', name: 'Phone' })).data as CreatedInvite;
  } finally {
    anchor.close();
  }
}

describe('pairing codes against guessing and web pages', () => {
  let hub: TestHub;
  afterEach(async () => {
    await hub?.stop();
  });

  it("one machine guessing wrong codes is throttled; everyone else's code still pairs", async () => {
    hub = await startTestHub();
    const created = await invite(hub);
    for (let i = 0; i < MAX_FAILED_PAIRINGS_PER_CLIENT; i++) {
      expect((await pair(hub, JSON.stringify({ code: String(100000 + i) }), { from: '127.0.0.9' })).status).toBe(401);
    }
    const throttled = await pair(hub, JSON.stringify({ code: created.pairingCode }), { from: '127.0.0.9' });
    expect(throttled.status).toBe(429);
    expect(throttled.body.error.message).toMatch(/wait a minute/i);
    // The co-host's phone, another machine: its right code works.
    const ok = await pair(hub, JSON.stringify({ code: created.pairingCode }), { from: '127.0.0.5' });
    expect(ok).toMatchObject({ status: 200, body: { token: created.token, role: 'producer' } });
  });

  it('takes JSON only: a form or text body (what any web page can send without asking) is refused and spends nothing', async () => {
    hub = await startTestHub();
    const created = await invite(hub);
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const refused = await pair(hub, JSON.stringify({ code: created.pairingCode }), { contentType });
      expect(refused.status, contentType).toBe(415);
      expect(refused.body.error.message).toContain('application/json');
    }
    // Nothing was spent: neither the code nor the guess budget.
    expect((await pair(hub, JSON.stringify({ code: created.pairingCode }))).status).toBe(200);
  });

  it("answers the desktop app's cross-origin preflight, and no other origin's", async () => {
    hub = await startTestHub({ allowedOrigins: ['app://anchor'] });
    const preflight = (origin: string) =>
      fetch(`${hub.url}/api/v1/pair`, { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' } });
    const app = await preflight('app://anchor');
    expect(app.status).toBe(204);
    expect(app.headers.get('access-control-allow-origin')).toBe('app://anchor');
    expect(app.headers.get('access-control-allow-headers')).toMatch(/content-type/i);
    const page = await preflight('https://evil.example');
    expect(page.headers.get('access-control-allow-origin')).toBeNull();
  });
});
