import { afterEach, describe, expect, it } from 'vitest';
import { loadIngestSecret, loadOrdersSecret } from '../../../../electron/core/hub/auth/webhook-auth';
import { chatMessage, postChat } from '../../../helpers/chat';
import { connectClient, postCommand, sendCommand, startTestHub, type TestHub } from '../../../helpers/hub';
import { orderEvent, postOrdersOk } from '../../../helpers/orders';
import { makeTempDir } from '../../../helpers/temp-dir';

let hub: TestHub | null = null;
const cleanups: (() => void)[] = [];
afterEach(async () => {
  await hub?.stop();
  hub = null;
  for (const c of cleanups.splice(0)) c();
});

/**
 * Reports OBS state the way the engine does: health once a second (its own command), and the scenes with every
 * report (the scene mostly not changing). A socket holding the engine token stands in for the engine here: this test
 * is about the report's timeline, which the hub builds from whatever the engine reports.
 */
async function reportProgram(url: string, engineToken: string, programs: string[]): Promise<void> {
  const engine = await connectClient(url, engineToken);
  try {
    for (const [i, program] of programs.entries()) {
      const health = { cpuPercent: 10 + i, fps: 30, renderSkippedPercent: 0, encoderSkippedPercent: 0, isStreaming: false, isReconnecting: false, congestion: null, bitrateKbps: null, warnings: [] };
      expect((await sendCommand(engine, 'engine.health', { health })).ok).toBe(true);
      const result = await sendCommand(engine, 'engine.report', {
        obs: { status: 'connected', message: null, version: '30.0.0' },
        scenes: { names: ['Opening', 'Product 产品', 'Anchor'], program, preview: null },
      });
      expect(result.ok).toBe(true);
    }
  } finally {
    engine.close();
  }
}

/** GETs a report file with the anchor's token. */
async function report(h: TestHub, path: string): Promise<string> {
  const res = await fetch(`${h.url}/api/v1/reports/${path}`, { headers: { Authorization: `Bearer ${h.anchorToken}` } });
  expect(res.status).toBe(200);
  return (await res.text()).replace(/^\uFEFF/, '');
}

describe('post-show sales report (real hub, HTTP, SQLite; fake engine: the report is built from what the engine reports, not from OBS)', () => {
  it('exports a printable HTML report and a CSV with per-cue and per-product figures and the chain head', async () => {
    hub = await startTestHub();
    const t0 = Date.now() - 20 * 60_000;
    await postCommand(hub.url, hub.anchorToken, 'show.rename', { title: '春季茶具专场 <b>' });
    await postCommand(hub.url, hub.anchorToken, 'segment.start', { cueId: 'teapot', label: '紫砂壶', startedAt: t0 });
    await postCommand(hub.url, hub.anchorToken, 'segment.start', { cueId: 'cups', label: '=Cups', startedAt: t0 + 5 * 60_000 });
    await postOrdersOk(hub.url, loadOrdersSecret(hub.dataDir), {
      events: [
        orderEvent({ eventId: 'a', orderId: 'a', occurredAt: t0 + 60_000, items: [{ sku: 'POT-1', quantity: 1, unitPrice: 29_900 }] }),
        orderEvent({ eventId: 'b', orderId: 'b', occurredAt: t0 + 6 * 60_000, items: [{ sku: 'CUP-2', quantity: 4, unitPrice: 1_250 }] }),
      ],
    });
    const auth = { headers: { Authorization: `Bearer ${hub.anchorToken}` } };
    const html = await fetch(`${hub.url}/api/v1/reports/sales.html`, auth);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-security-policy')).toContain("default-src 'none'");
    const page = await html.text();
    expect(page).toContain('销售报告 · 春季茶具专场 &lt;b&gt;');
    expect(page).toMatch(/data-figure="gmv">¥349\.00</);
    expect(page).toContain('<th scope="row">紫砂壶</th>');
    expect(page).toMatch(/<svg[^>]*role="img"/);
    const tallies = (await (await fetch(`${hub.url}/api/v1/tallies`, auth)).json()) as { chain: { head: string } };
    expect(page).toContain(`data-figure="chain-head">${tallies.chain.head}<`);
    expect(await (await fetch(`${hub.url}/api/v1/reports/sales.html?lang=en`, auth)).text()).toMatch(/Sales report[\s\S]*CN¥349\.00/);

    const csv = await (await fetch(`${hub.url}/api/v1/reports/sales.csv`, auth)).text();
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('section,key,label,startedAt,orders,units,gmvMinor,gmv,currency,messages,paidMinor,refundedMinor');
    expect(lines).toContain('total,paid,,,2,5,34900,349.00,CNY,,34900,0');
    expect(lines).toContain(`cue,cups,'=Cups,${new Date(t0 + 5 * 60_000).toISOString()},1,4,5000,50.00,CNY,,5000,0`);
    expect(lines).toContain('product,POT-1,,,1,1,29900,299.00,CNY,,29900,0');
    expect(lines.at(-1)).toBe(`chain,2,${tallies.chain.head},,,,,,,,,`);

    const viewer = hub.tokens.issue({ id: 'v', role: 'viewer', name: 'Viewer' });
    expect((await fetch(`${hub.url}/api/v1/reports/sales.csv`, { headers: { Authorization: `Bearer ${viewer}` } })).status).toBe(403);
    expect((await fetch(`${hub.url}/api/v1/reports/sales.csv`)).status).toBe(401);
  });

  it('puts the program scenes and chat per minute on the timeline, and keeps them across a hub restart', async () => {
    const dir = makeTempDir('anchor-report-');
    cleanups.push(dir.remove);
    const anchorToken = 'report-anchor-token-0123456789abcdef';
    hub = await startTestHub({ dataDir: dir.path, anchorToken });
    const secret = loadIngestSecret(hub.dataDir);
    const t0 = Date.now() - 10 * 60_000;
    /** Both orders fall in this one minute of the timeline. */
    const orderMinute = t0 - (t0 % 60_000) + 2 * 60_000;
    // The cue opens the show's window, so every scene change below falls inside it whatever the minute boundaries.
    expect((await postCommand(hub.url, anchorToken, 'segment.start', { cueId: 'teapot', label: '紫砂壶', startedAt: t0 })).status).toBe(200);
    await reportProgram(hub.url, hub.engineToken, ['Opening', 'Opening', 'Opening', 'Product 产品', 'Product 产品', 'Anchor']);

    const first = [
      ...Array.from({ length: 7 }, (_, i) => chatMessage(`c${i}`, `多少钱 ${i}`)),
      ...Array.from({ length: 3 }, (_, i) => chatMessage(`l${i}`, '', { kind: 'like' })),
    ];
    expect((await postChat(hub.url, secret, { messages: first })).body).toMatchObject({ accepted: 10, duplicates: 0 });
    // A bridge re-sending what it already sent adds nothing to the volume.
    expect((await postChat(hub.url, secret, { messages: first.slice(0, 2) })).body).toMatchObject({ accepted: 0, duplicates: 2 });
    await postOrdersOk(hub.url, loadOrdersSecret(hub.dataDir), {
      events: [
        orderEvent({ eventId: 'a', orderId: 'a', occurredAt: orderMinute + 1_000 }),
        orderEvent({ eventId: 'b', orderId: 'b', occurredAt: orderMinute + 5_000 }),
      ],
    });
    const before = JSON.parse(await report(hub, 'timeline.json')) as { timeline: { chatTotal: number } };
    expect(before.timeline.chatTotal).toBe(10);
    // Counted in memory only (the next timed flush is seconds away): the hub's shutdown must write them.
    const last = [chatMessage('g0', 'gift', { kind: 'gift' }), chatMessage('c9', '还有吗')];
    expect((await postChat(hub.url, secret, { messages: last })).body).toMatchObject({ accepted: 2 });

    await hub.stop();
    hub = await startTestHub({ dataDir: dir.path, anchorToken });
    // The engine reconnects and reports the scene it is still on: that is not a change.
    await reportProgram(hub.url, hub.engineToken, ['Anchor', 'Anchor']);
    expect((await postChat(hub.url, secret, { messages: [chatMessage('c7', 'hi'), chatMessage('c8', 'hello')] })).body).toMatchObject({ accepted: 2 });
    // Order signals (a shop console saying someone bought, no price) are counted apart: not chat messages, not sales.
    const signals = [chatMessage('s1', '紫砂壶', { kind: 'orderPlaced' }), chatMessage('s2', '紫砂壶', { kind: 'orderPaid' }), chatMessage('s3', '茶盘', { kind: 'orderPaid' })];
    expect((await postChat(hub.url, secret, { messages: signals })).body).toMatchObject({ accepted: 3 });

    const json = JSON.parse(await report(hub, 'timeline.json')) as {
      timeline: { chatTotal: number; chatByKind: Record<string, number>; scenes: { key: string }[]; cues: { key: string }[]; minutes: { orders: number; messages: number }[] };
    };
    expect(json.timeline.chatTotal).toBe(14);
    expect(json.timeline.chatByKind).toEqual({ comment: 10, like: 3, gift: 1, orderPlaced: 1, orderPaid: 2 });
    expect(json.timeline.scenes.map((s) => s.key)).toEqual(['Opening', 'Product 产品', 'Anchor']);
    expect(json.timeline.cues.map((c) => c.key)).toEqual(['teapot']);
    expect(json.timeline.minutes.reduce((n, m) => n + m.orders, 0)).toBe(2);

    const html = await report(hub, 'sales.html?lang=en');
    expect(html).toContain('data-figure="chat">14<');
    expect(html).toContain('data-figure="order-signals">1 · 2<');
    expect(html).toContain('data-figure="orders">2<');
    expect(html).toContain('They carry no price, so they are in no figure above');
    const svg = html.match(/<svg class="timeline"[\s\S]*?<\/svg>/)![0];
    expect([...svg.matchAll(/data-scene="([^"]+)"/g)].map((m) => m[1])).toEqual(['Opening', 'Product 产品', 'Anchor']);
    expect([...svg.matchAll(/data-messages="(\d+)"/g)].reduce((n, m) => n + Number(m[1]), 0)).toBe(14);
    expect(html).toMatch(/<th scope="row">Product 产品<\/th><td>1<\/td>/);
    expect(await report(hub, 'sales.html')).toContain('<h2>场景</h2>');

    const lines = (await report(hub, 'sales.csv')).trim().split('\r\n');
    expect(lines).toContain('total,chat,,,,,,,,14,,');
    const minuteRows = lines.filter((l) => l.startsWith('minute,')).map((l) => l.split(','));
    expect(minuteRows.reduce((n, r) => n + Number(r[9]), 0)).toBe(14);
    expect(minuteRows.find((r) => r[1] === new Date(orderMinute).toISOString())?.[4]).toBe('2');
    const byKind: Record<string, number> = {};
    for (const r of lines.filter((l) => l.startsWith('chat,')).map((l) => l.split(','))) byKind[r[2]!] = (byKind[r[2]!] ?? 0) + Number(r[9]);
    expect(byKind).toEqual({ comment: 10, like: 3, gift: 1, orderPlaced: 1, orderPaid: 2 });
    expect(lines).toContain('total,orderSignalsPlaced,order signals (no price; in no figure),,,,,,,1,,');
    expect(lines).toContain('total,orderSignalsPaid,order signals (no price; in no figure),,,,,,,2,,');
    expect(lines.filter((l) => l.startsWith('scene,')).map((l) => l.split(',')[1])).toEqual(['Opening', 'Product 产品', 'Anchor']);
  });
});
