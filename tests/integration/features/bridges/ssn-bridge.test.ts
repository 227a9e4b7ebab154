import { afterEach, describe, expect, it } from 'vitest';
import type { BridgeLink } from '../../../../electron/features/bridges/protocol/bridge-commands';
import type { BridgesEvent } from '../../../../electron/features/bridges/protocol/bridge-events';
import { connectClient, sendCommand, sendOk, startTestHub, type ConnectedClient, type TestHub } from '../../../helpers/hub';
import { recentChat } from '../../../helpers/chat';
import { getTallies } from '../../../helpers/orders';
import { waitUntil } from '../../../helpers/wait';
import { QUICK_MS } from '../../../helpers/timeouts';

/** Posts a body to a bridge link the way SSN does (JSON, no signature). */
async function post(url: string, body: unknown, contentType = 'application/json') {
  const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': contentType }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as any };
}

async function chatOf(hub: TestHub) {
  const { body } = await recentChat(hub.url, hub.anchorToken, '?limit=500');
  return (body as { messages: Array<{ platform: string; text: string; kind: string; user: { name: string } }> }).messages;
}

describe('a Social Stream Ninja bridge on a real hub', () => {
  let hub: TestHub;
  const sockets: ConnectedClient[] = [];
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.close();
    await hub?.stop();
  });
  const setup = async () => {
    hub = await startTestHub();
    const anchor = await connectClient(hub.url, hub.anchorToken);
    const producer = await connectClient(hub.url, hub.tokens.issue({ id: 'p', role: 'producer', name: 'Producer' }));
    sockets.push(anchor, producer);
    const statuses: BridgesEvent[] = [];
    (anchor as unknown as { on(e: string, l: (p: BridgesEvent) => void): void }).on('bridges.status', (e) => statuses.push(e));
    const added = (await sendOk(anchor, 'bridge.add', { kind: 'ssn', name: 'SSN on the shop PC' })).data as BridgeLink;
    expect(added.url).not.toBeNull();
    const link = { ...added, url: added.url! };
    return { anchor, producer, link, statuses };
  };

  it("brings SSN's messages into the chat as text with their source; a donation is chat, never money", async () => {
    const { link, statuses } = await setup();
    expect(link.url).toMatch(new RegExp(`^${hub.url}/api/v1/bridges/ssn/${link.bridge.id}/[A-Za-z0-9_-]{32}$`));
    // SSN posts to the studio: no connection of the studio's own to report.
    expect(link.bridge).toMatchObject({ kind: 'ssn', link: null, channel: null, video: null });
    const first = await post(link.url, { chatname: 'Lena', chatmessage: 'Is the <b>teapot</b> in stock?', type: 'youtube', userid: 'UC1', id: 1 });
    expect(first).toMatchObject({ status: 200, body: { ok: true, accepted: 1 } });
    await post(link.url, { chatname: 'Sam', chatmessage: 'love it', hasDonation: '$5.00 USD', type: 'youtube', userid: 'UC2', id: 2 });
    // SSN's dock page posts as text/plain (no preflight): taken all the same.
    await post(link.url, JSON.stringify({ chatname: '小林', chatmessage: '多少钱？🍵', type: 'douyin', userid: 'dy3', id: 3 }), 'text/plain');
    const chat = await chatOf(hub);
    expect(chat.map((m) => [m.platform, m.user.name, m.kind, m.text])).toEqual(
      expect.arrayContaining([
        ['youtube', 'Lena', 'comment', 'Is the teapot in stock?'],
        ['youtube', 'Sam', 'gift', '$5.00 USD · love it'],
        ['douyin', '小林', 'comment', '多少钱？🍵'],
      ]),
    );
    expect((await getTallies(hub.url, hub.anchorToken)).gmv).toBe(0);
    const status = await waitUntil(() => statuses.at(-1)?.bridges.find((b) => b.accepted === 3), QUICK_MS, 'the bridge status with 3 messages');
    expect(status).toMatchObject({ name: 'SSN on the shop PC', kind: 'ssn', perMinute: 3, isPaused: false });
    expect(JSON.stringify(statuses)).not.toContain(link.url.split('/').at(-1)!);
  });

  it('1,000 messages with repeats: each counted once (SSN resends on a reload with new ids)', async () => {
    const { link } = await setup();
    let accepted = 0;
    let duplicates = 0;
    let id = 0;
    // 400 different messages, each sent again once or twice right after (600 repeats), with SSN ids that never repeat.
    for (let n = 0; n < 400; n++) {
      for (let copy = 0; copy < (n < 200 ? 3 : 2); copy++) {
        const { body } = await post(link.url, { chatname: `viewer ${n % 37}`, chatmessage: `message ${n} ✨`, type: n % 2 ? 'twitch' : 'tiktok', userid: `u${n % 37}`, id: id++ });
        accepted += body.accepted;
        duplicates += body.duplicates;
      }
    }
    expect(id).toBe(1000);
    expect({ accepted, duplicates }).toEqual({ accepted: 400, duplicates: 600 });
  }, 60_000);

  it('each bridge has its own link: wrong, renewed or removed links are refused; paused drops; a producer may pause, not add', async () => {
    const { anchor, producer, link } = await setup();
    const secret = link.url.split('/').at(-1)!;
    const message = { chatname: 'x', chatmessage: 'hello', type: 'youtube' };
    const wrong = await post(link.url.replace(secret, 'A'.repeat(32)), message);
    expect(wrong.status).toBe(404);
    expect(wrong.body.error.message).toContain('copy the link again');
    expect((await post(link.url.replace(link.bridge.id, '00000000-0000-0000-0000-000000000000'), message)).status).toBe(404);

    expect((await sendCommand(producer, 'bridge.add', { kind: 'ssn', name: 'mine' })).ok).toBe(false);
    await sendOk(producer, 'bridge.pause', { id: link.bridge.id, paused: true });
    expect((await post(link.url, message)).body).toEqual({ ok: true, accepted: 0, paused: true });
    await sendOk(producer, 'bridge.pause', { id: link.bridge.id, paused: false });
    expect((await post(link.url, message)).body.accepted).toBe(1);

    const renewed = (await sendOk(anchor, 'bridge.rotate', { id: link.bridge.id })).data as BridgeLink & { url: string };
    expect((await post(link.url, { ...message, chatmessage: 'old link' })).status).toBe(404);
    expect((await post(renewed.url, { ...message, chatmessage: 'new link' })).status).toBe(200);
    await sendOk(anchor, 'bridge.remove', { id: link.bridge.id });
    expect((await post(renewed.url, { ...message, chatmessage: 'after removal' })).status).toBe(404);
    // A bridge link can never post orders: the order endpoint wants its own signature.
    const order = await fetch(`${hub.url}/api/v1/orders`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(order.status).toBe(401);
    // Nothing the hub logged holds a bridge secret.
    expect(hub.logLines.join('\n')).not.toContain(secret);
    expect(hub.logLines.join('\n')).not.toContain(renewed.url.split('/').at(-1)!);
  });

  it('says what is wrong with a body that is not JSON, and keeps going', async () => {
    const { link, statuses } = await setup();
    const bad = await post(link.url, '<html>', 'text/html');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('not JSON');
    await waitUntil(() => statuses.at(-1)?.bridges[0]?.lastProblem?.message.includes('not JSON'), QUICK_MS, 'the problem on the status');
    expect((await post(link.url, { chatname: 'a', chatmessage: 'fine' })).body.accepted).toBe(1);
  });
});
