import { afterEach, describe, expect, it } from 'vitest';
import { loadIngestSecret } from '../../electron/hub/webhook-auth';
import { postCommand, startTestHub, type TestHub } from '../helpers/hub';
import { orderEvent, postSignedOrders } from '../helpers/orders';

let hub: TestHub | null = null;
afterEach(async () => {
  await hub?.stop();
  hub = null;
});

describe('post-show sales report', () => {
  it('exports a printable HTML report and a CSV with per-cue and per-product figures and the chain head', async () => {
    hub = await startTestHub();
    const secret = loadIngestSecret(hub.dataDir);
    const t0 = Date.now() - 20 * 60_000;
    await postCommand(hub.url, hub.anchorToken, 'show.rename', { title: '春季茶具专场 <b>' });
    await postCommand(hub.url, hub.anchorToken, 'segment.start', { cueId: 'teapot', label: '紫砂壶', startedAt: t0 });
    await postCommand(hub.url, hub.anchorToken, 'segment.start', { cueId: 'cups', label: '=Cups', startedAt: t0 + 5 * 60_000 });
    await postSignedOrders(hub.url, secret, {
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
    expect(lines[0]).toBe('section,key,label,startedAt,orders,units,gmvMinor,gmv,currency,messages');
    expect(lines).toContain('total,paid,,,2,5,34900,349.00,CNY,');
    expect(lines).toContain(`cue,cups,'=Cups,${new Date(t0 + 5 * 60_000).toISOString()},1,4,5000,50.00,CNY,`);
    expect(lines).toContain('product,POT-1,,,1,1,29900,299.00,CNY,');
    expect(lines.at(-1)).toBe(`chain,2,${tallies.chain.head},,,,,,,`);

    const viewer = hub.tokens.issue({ id: 'v', role: 'viewer', name: 'Viewer' });
    expect((await fetch(`${hub.url}/api/v1/reports/sales.csv`, { headers: { Authorization: `Bearer ${viewer}` } })).status).toBe(403);
    expect((await fetch(`${hub.url}/api/v1/reports/sales.csv`)).status).toBe(401);
  });
});
