import { afterEach, describe, expect, it } from 'vitest';
import { loadIngestSecret, loadOrdersSecret } from '../../../../electron/core/hub/auth/webhook-auth';
import type { ShowSummary } from '../../../../electron/features/sales/domain/show-summary';
import { SHOW_SUMMARY_EVENT, type ShowSummaryEvent } from '../../../../electron/features/sales/protocol/sales-events';
import { chatMessage, postChat, recordChat } from '../../../helpers/chat';
import { connectFakeEngine, type FakeEngine } from '../../../helpers/fake-engine';
import { connectClient, sendOk as ok, startTestHub, type ConnectedClient, type TestHub } from '../../../helpers/hub';
import { orderEvent, postOrdersOk } from '../../../helpers/orders';
import { product } from '../../../helpers/rundown';
import { makeTempDir } from '../../../helpers/temp-dir';
import { waitUntil } from '../../../helpers/wait';

/** Opens a window that records every `sales.summary` it receives, newest last (listening before it connects). */
async function openWindow(url: string, token: string): Promise<{ socket: ConnectedClient; seen: ShowSummaryEvent[] }> {
  const seen: ShowSummaryEvent[] = [];
  const socket = await connectClient(url, token, (s) => {
    (s as unknown as { on(e: string, l: (p: ShowSummaryEvent) => void): void }).on(SHOW_SUMMARY_EVENT, (p) => seen.push(p));
  });
  return { socket, seen };
}

describe('post-show summary and report through the real hub (issue #21)', () => {
  let hub: TestHub | undefined;
  let engine: FakeEngine | undefined;
  const sockets: ConnectedClient[] = [];
  const cleanups: (() => void)[] = [];
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.close();
    await engine?.close();
    await hub?.stop();
    hub = engine = undefined;
    for (const c of cleanups.splice(0)) c();
  });

  it('ends the show with the on-air figures in every window, dated report files named after the show, until a new show', async () => {
    const dir = makeTempDir('anchor-summary-');
    cleanups.push(dir.remove);
    const anchorToken = 'summary-anchor-token-0123456789abcdef';
    hub = await startTestHub({ dataDir: dir.path, anchorToken });
    engine = await connectFakeEngine(hub);
    const secret = loadIngestSecret(hub.dataDir);
    const producerToken = hub.tokens.issue({ id: 'producer-1', role: 'producer', name: 'Producer' });
    const { socket: anchor, seen: anchorSeen } = await openWindow(hub.url, hub.anchorToken);
    const { socket: producer, seen: producerSeen } = await openWindow(hub.url, producerToken);
    sockets.push(anchor, producer);
    const chat = recordChat(anchor);
    await ok(anchor, 'catalog.upsert', { products: [product('POT-1', { title: { zh: '紫砂壶', en: 'Clay teapot' } }), product('CUP-2', { title: { zh: '品茗杯', en: 'Tasting cups' } })] });
    await ok(anchor, 'show.rename', { title: '秋季茶具专场' });
    await waitUntil(() => anchorSeen.length > 0 && producerSeen.length > 0, 5000, 'the summary on connect');
    expect(anchorSeen.at(-1)).toEqual({ summary: null });

    // Rehearsal: an order and chat that are not the show's.
    await postOrdersOk(hub.url, loadOrdersSecret(hub.dataDir), { events: [orderEvent({ eventId: 'r', orderId: 'r', occurredAt: Date.now(), items: [{ sku: 'POT-1', quantity: 9, unitPrice: 29_900 }] })] });
    await postChat(hub.url, secret, { messages: [chatMessage('r1', '多少钱？'), chatMessage('r2', '主播好')] });
    await chat.waitForKey('douyin:r2');

    await engine.goLive();
    const onAir = Date.now();
    await postOrdersOk(hub.url, loadOrdersSecret(hub.dataDir), {
      events: [
        orderEvent({ eventId: 'a', orderId: 'a', occurredAt: onAir + 1, items: [{ sku: 'POT-1', quantity: 2, unitPrice: 29_900 }] }),
        orderEvent({ eventId: 'b', orderId: 'b', occurredAt: onAir + 2, items: [{ sku: 'CUP-2', quantity: 4, unitPrice: 1_250 }] }),
        orderEvent({ eventId: 'c', orderId: 'c', occurredAt: onAir + 3, items: [{ sku: 'CUP-2', quantity: 1, unitPrice: 1_250 }] }),
      ],
    });
    await postChat(hub.url, secret, {
      messages: [chatMessage('q1', '紫砂壶多少钱？'), chatMessage('q2', 'does it ship abroad?'), chatMessage('c1', '好看'), chatMessage('l1', '', { kind: 'like' })],
    });
    await chat.waitForKey('douyin:l1');
    await engine.endShow();

    const ended = (seen: ShowSummaryEvent[]) => waitUntil(() => seen.at(-1)?.summary ?? null, 5000, 'the summary after the end');
    const summary: ShowSummary = await ended(anchorSeen);
    expect(await ended(producerSeen)).toEqual(summary);
    expect(summary.showTitle).toBe('秋季茶具专场');
    expect(summary.onAir.startedAt).toBeLessThanOrEqual(onAir);
    expect(summary.onAir.endedAt).toBeGreaterThan(summary.onAir.startedAt);
    expect(summary).toMatchObject({ currency: 'CNY', gmv: 2 * 29_900 + 5 * 1_250, gmvBeforeRefunds: 2 * 29_900 + 5 * 1_250, ordersPaid: 3, unitsPaid: 7 });
    expect(summary.topProducts.map((p) => [p.sku, p.names?.zh, p.units])).toEqual([
      ['POT-1', '紫砂壶', 2],
      ['CUP-2', '品茗杯', 5],
    ]);
    // No order signal came (they come from the oba-live-tool bridge): both counts are there, at zero.
    expect(summary.chat).toEqual({ messages: 4, comments: 3, questions: 2, orderSignals: { placed: 0, paid: 0 } });

    // A refund of an order placed on air still belongs to the show: every window gets the summary again.
    await postOrdersOk(hub.url, loadOrdersSecret(hub.dataDir), { events: [orderEvent({ eventId: 'c-refund', orderId: 'c', status: 'refunded', occurredAt: Date.now(), items: [{ sku: 'CUP-2', quantity: 1, unitPrice: 1_250 }] })] });
    // An order placed after the end is not the show's.
    await postOrdersOk(hub.url, loadOrdersSecret(hub.dataDir), { events: [orderEvent({ eventId: 'late', orderId: 'late', occurredAt: Date.now() + 1_000, items: [{ sku: 'POT-1', quantity: 1, unitPrice: 29_900 }] })] });
    const refunded = await waitUntil(() => (producerSeen.at(-1)?.summary?.refunds.orders === 1 ? producerSeen.at(-1)!.summary : null), 5000, 'the refund in the summary');
    expect(refunded).toMatchObject({ gmv: 2 * 29_900 + 4 * 1_250, gmvBeforeRefunds: 2 * 29_900 + 5 * 1_250, refunds: { orders: 1, amount: 1_250 }, ordersPaid: 2 });

    // Renaming the show or a product after the end: the summary follows.
    await ok(anchor, 'show.rename', { title: '秋季茶具专场（回放）' });
    await ok(anchor, 'catalog.upsert', { products: [product('CUP-2', { title: { zh: '白瓷品茗杯', en: 'White tasting cups' } })] });
    await waitUntil(() => producerSeen.at(-1)?.summary?.topProducts[1]?.names?.zh === '白瓷品茗杯', 5000, 'the new product name in the summary');
    expect(producerSeen.at(-1)!.summary!.showTitle).toBe('秋季茶具专场（回放）');
    await ok(anchor, 'show.rename', { title: '秋季茶具专场' });
    const renamed = await waitUntil(() => (producerSeen.at(-1)?.summary?.showTitle === '秋季茶具专场' ? producerSeen.at(-1)!.summary : null), 5000, 'the title back');
    expect(renamed).toEqual({ ...refunded, topProducts: [refunded.topProducts[0], { ...refunded.topProducts[1], names: { zh: '白瓷品茗杯', en: 'White tasting cups' } }] });

    // A window opened after the end sees it too, and so does one after the studio restarted (chat counts, marks and
    // the on-air window are on disk).
    const late = await openWindow(hub.url, producerToken);
    sockets.push(late.socket);
    expect(await waitUntil(() => late.seen.at(-1)?.summary, 5000, 'the summary on a late connect')).toEqual(renamed);
    for (const s of sockets.splice(0)) s.close();
    await engine.close();
    engine = undefined;
    await hub.stop();
    hub = await startTestHub({ dataDir: dir.path, anchorToken });
    const { socket: anchor2, seen: anchorSeen2 } = await openWindow(hub.url, anchorToken);
    const producer2 = await openWindow(hub.url, hub.tokens.issue({ id: 'producer-1', role: 'producer', name: 'Producer' }));
    sockets.push(anchor2, producer2.socket);
    expect(await waitUntil(() => anchorSeen2.at(-1)?.summary, 5000, 'the summary after a restart')).toEqual(renamed);

    // The report files: dated, named after the show, Chinese in filename* and an ASCII fallback.
    const auth = { headers: { Authorization: `Bearer ${anchorToken}` } };
    const day = new Date(summary.onAir.startedAt);
    const date = `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
    const csv = await fetch(`${hub.url}/api/v1/reports/sales.csv`, auth);
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="______-${date}-sales.csv"; filename*=UTF-8''${encodeURIComponent('秋季茶具专场')}-${date}-sales.csv`);
    const lines = (await csv.text()).replace(/^\uFEFF/, '').split('\r\n');
    expect(lines).toContain(`onair,start,秋季茶具专场,${new Date(summary.onAir.startedAt).toISOString()},,,,,,,,`);
    expect(lines).toContain('total,paid,,,2,6,64800,648.00,CNY,,66050,1250');
    expect(lines).toContain('product,POT-1,紫砂壶,,1,2,59800,598.00,CNY,,59800,0');
    const html = await fetch(`${hub.url}/api/v1/reports/sales.html?lang=en`, auth);
    expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(html.headers.get('content-disposition')!)![1]!)).toBe(`秋季茶具专场-${date}-sales.html`);
    const page = await html.text();
    expect(page).toContain(`datetime="${new Date(summary.onAir.startedAt).toISOString()}" data-figure="on-air-start"`);
    expect(page).toContain(`datetime="${new Date(summary.onAir.endedAt).toISOString()}" data-figure="on-air-end"`);
    expect(page).toContain('<span data-sku="POT-1">Clay teapot</span>');
    expect(page).toContain('data-figure="questions">2<');
    expect(page).not.toMatch(/npm/);
    // The timeline starts in the minute the show went live, not in rehearsal.
    const timeline = (await (await fetch(`${hub.url}/api/v1/reports/timeline.json`, auth)).json()) as { timeline: { from: number; chatTotal: number; questionsTotal: number } };
    expect(timeline.timeline.from).toBe(summary.onAir.startedAt - (summary.onAir.startedAt % 60_000));
    expect(timeline.timeline).toMatchObject({ chatTotal: 4, questionsTotal: 2 });

    // A new show: the summary goes in every window.
    await ok(anchor2, 'sales.newShow', {});
    await waitUntil(() => anchorSeen2.at(-1)?.summary === null && producer2.seen.at(-1)?.summary === null, 5000, 'the summary gone after a new show');
  });
});
