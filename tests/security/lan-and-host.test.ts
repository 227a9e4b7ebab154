import { request } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedInvite } from '../../electron/features/cohost/protocol/cohost-commands';
import { connectClient, lanCertificateOf, sendOk, startTestHub, type TestHub } from '../helpers/hub';

// 127.0.0.2 stands in for the computer's LAN address (another address than the hub's loopback one, still on this
// machine): what arrives on it arrives "from the LAN".
const LAN = '127.0.0.2';

/** One HTTP request with a chosen Host header (a DNS-rebinding page sends its own name). */
function raw(hub: TestHub, options: { path: string; method?: string; host?: string; to?: string; token?: string; body?: string }): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: options.to ?? '127.0.0.1',
        port: hub.port,
        path: options.path,
        method: options.method ?? 'GET',
        headers: {
          Host: options.host ?? `${options.to ?? '127.0.0.1'}:${hub.port}`,
          'Content-Type': 'application/json',
          ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode!, text }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** A command POSTed over https to the LAN address, trusting only the studio's certificate (as a pinned co-host). */
function postOverLan(url: string, ca: string, token: string, name: string): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(`${url}/api/v1/commands/${name}`, { method: 'POST', ca, headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end('{}');
  });
}

/** A socket.io connection attempt; resolves with the refusal's message, or 'connected'. `ca` pins an https hub. */
function socketAttempt(url: string, token: string, headers: Record<string, string> = {}, ca?: string): Promise<string> {
  const socket = io(url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: headers, ...(ca ? { ca } : {}) });
  return new Promise<string>((resolve) => {
    socket.once('hello', () => resolve('connected'));
    socket.once('connect_error', (err) => resolve(err.message));
  }).finally(() => socket.close());
}

describe('LAN sharing: the anchor key stays on the studio computer', () => {
  let hub: TestHub;
  let producer: CreatedInvite;

  beforeAll(async () => {
    hub = await startTestHub({ lanAddresses: () => [LAN] });
    const anchor = await connectClient(hub.url, hub.anchorToken);
    producer = (await sendOk(anchor, 'invite.create', { role: 'producer', name: 'Phone' })).data as CreatedInvite;
    await sendOk(anchor, 'sharing.set', { enabled: true });
    anchor.close();
  });

  afterAll(async () => {
    await hub?.stop();
  });

  it('the anchor and engine tokens are refused from the LAN, over HTTP and socket.io, with what to do instead', async () => {
    const lanUrl = `https://${LAN}:${hub.port}`;
    const ca = lanCertificateOf(hub);
    for (const token of [hub.anchorToken, hub.engineToken]) {
      const answer = await postOverLan(lanUrl, ca, token, 'output.preflight');
      expect(answer.status).toBe(403);
      expect(answer.body.error.message).toContain('only on the studio computer');
      expect(await socketAttempt(lanUrl, token, {}, ca)).toContain('only on the studio computer');
    }
    // A co-host's own invite works from the LAN; the anchor's key still works on this computer.
    expect((await postOverLan(lanUrl, ca, producer.token, 'output.preflight')).status).toBe(200);
    expect(await socketAttempt(lanUrl, producer.token, {}, ca)).toBe('connected');
    expect(await socketAttempt(hub.url, hub.anchorToken)).toBe('connected');
  });
});

describe('Host allowlist: a web page that rebinds its name to this computer gets nothing', () => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await startTestHub();
  });

  afterAll(async () => {
    await hub?.stop();
  });

  it('refuses HTTP and the socket handshake for a name the studio does not answer to', async () => {
    for (const path of ['/', '/api/v1/state', '/healthz']) {
      const answer = await raw(hub, { path, host: `evil.example:${hub.port}`, token: hub.anchorToken });
      expect(answer.status, path).toBe(421);
      expect(answer.text).toContain('127.0.0.1');
    }
    expect((await raw(hub, { path: '/api/v1/pair', method: 'POST', host: 'evil.example', body: '{"code":"123456"}' })).status).toBe(421);
    expect(await socketAttempt(hub.url, hub.anchorToken, { Host: `evil.example:${hub.port}` })).not.toBe('connected');
  });

  it('answers its own names, and signed webhooks from any name (a tunnel forwards them with its own)', async () => {
    for (const host of [`127.0.0.1:${hub.port}`, `localhost:${hub.port}`]) {
      expect((await raw(hub, { path: '/api/v1/state', host, token: hub.anchorToken })).status, host).toBe(200);
    }
    // Not 421: the webhook's own check answers (here: no signature).
    const webhook = await raw(hub, { path: '/api/v1/orders', method: 'POST', host: 'studio.trycloudflare.com', body: '{}' });
    expect(webhook.status).not.toBe(421);
    expect(webhook.status).toBeGreaterThanOrEqual(400);
  });
});
