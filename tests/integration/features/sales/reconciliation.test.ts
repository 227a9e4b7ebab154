import writeXlsxFile from 'write-excel-file/node';
import { afterEach, describe, expect, it } from 'vitest';
import { loadOrdersSecret } from '../../../../electron/core/hub/auth/webhook-auth';
import { postCommand, startTestHub, type TestHub } from '../../../helpers/hub';
import { orderEvent, postOrdersOk } from '../../../helpers/orders';

/**
 * Reconciliation on a real hub: orders reach the ledger through the signed endpoint, the shop's own export is uploaded
 * as the shop writes it, and the answer and the post-show report (HTML and CSV) say exactly what differs.
 */

const hubs: TestHub[] = [];
afterEach(async () => {
  for (const h of hubs.splice(0)) await h.stop();
});

const T = Date.UTC(2026, 11, 4, 12, 0);

/** Shopify's orders export columns (a subset in Shopify's order; the reader finds columns by name). */
const SHOPIFY_HEADER = 'Name,Email,Financial Status,Paid at,Currency,Subtotal,Shipping,Taxes,Total,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku,Cancelled at,Refunded Amount,Id';

function shopifyExport(orders: { name: string; id: number; status: string; lines: [number, string, string][]; refunded?: string }[]): string {
  const rows = [SHOPIFY_HEADER];
  for (const o of orders) {
    o.lines.forEach(([quantity, price, sku], i) => {
      // Order fields only on the order's first row; Name and Email on every row, as Shopify writes it.
      const first = i === 0;
      rows.push(
        [o.name, 'buyer@example.com', first ? o.status : '', '', first ? 'USD' : '', '', '', '', '', first ? '2026-12-04 07:05:00 -0500' : '', quantity, 'Teapot', price, sku, '', first ? (o.refunded ?? '0.00') : '', first ? o.id : ''].join(','),
      );
    });
  }
  return rows.join('\r\n') + '\r\n';
}

async function hubWithShopifyOrders(): Promise<TestHub> {
  const h = await startTestHub();
  hubs.push(h);
  const secret = loadOrdersSecret(h.dataDir);
  await postCommand(h.url, h.anchorToken, 'sales.setTarget', { gmv: null, orders: null, currency: 'USD' });
  const paid = (orderId: string, items: { sku: string; quantity: number; unitPrice: number }[]) =>
    orderEvent({ eventId: `p-${orderId}`, orderId, platform: 'shopify', currency: 'USD', occurredAt: T, items });
  await postOrdersOk(h.url, secret, {
    events: [
      paid('1001', [{ sku: 'POT', quantity: 1, unitPrice: 10_000 }, { sku: 'CUP', quantity: 2, unitPrice: 1_500 }]),
      paid('1002', [{ sku: 'POT', quantity: 1, unitPrice: 5_000 }]),
      paid('1003', [{ sku: 'CUP', quantity: 2, unitPrice: 1_500 }]),
      paid('1004', [{ sku: 'TEA', quantity: 1, unitPrice: 2_000 }]),
      orderEvent({ eventId: 'r-1003', orderId: '1003', platform: 'shopify', currency: 'USD', occurredAt: T + 60_000, status: 'refunded', items: [{ sku: 'CUP', quantity: 1, unitPrice: 1_500 }], refund: { amount: 1_000, restock: false } }),
      // Another platform's order and a test order: not Shopify's to compare.
      orderEvent({ eventId: 'd-1', orderId: '1005', platform: 'douyin', currency: 'USD', occurredAt: T }),
      orderEvent({ eventId: 't-1', orderId: '1006', platform: 'shopify', currency: 'USD', occurredAt: T, test: true }),
    ],
  });
  return h;
}

async function upload(h: TestHub, body: string | Uint8Array<ArrayBuffer>, contentType = 'text/csv'): Promise<{ status: number; body: any }> {
  const res = await fetch(`${h.url}/api/v1/orders/reconcile`, { method: 'POST', headers: { Authorization: `Bearer ${h.anchorToken}`, 'Content-Type': contentType }, body });
  return { status: res.status, body: await res.json() };
}

describe('reconciliation with the shop export', () => {
  it('reports a missing order, an amount difference and an extra refund exactly, in the answer and the report', async () => {
    const h = await hubWithShopifyOrders();
    const file = shopifyExport([
      { name: '#1001', id: 1001, status: 'paid', lines: [[1, '100.00', 'POT'], [2, '15.00', 'CUP']] },
      { name: '#1002', id: 1002, status: 'paid', lines: [[1, '55.00', 'POT']] },
      { name: '#1003', id: 1003, status: 'partially_refunded', lines: [[2, '15.00', 'CUP']], refunded: '10.00' },
      { name: '#1004', id: 1004, status: 'refunded', lines: [[1, '20.00', 'TEA']], refunded: '20.00' },
      { name: '#1007', id: 1007, status: 'paid', lines: [[1, '42.00', 'POT']] },
      { name: '#1008', id: 1008, status: 'pending', lines: [[1, '9.00', 'TEA']] },
    ]);
    const { status, body } = await upload(h, file);
    expect(status).toBe(200);
    const r = body.reconciliation;
    expect(r).toMatchObject({ shop: 'shopify', platform: 'shopify', currency: 'USD', matched: 2, isExact: false });
    expect(r.missingInLedger).toEqual([
      { orderId: '1007', name: '#1007', paid: 4_200, refunded: 0 },
      // Placed in the shop but never paid: the ledger never heard of it either.
      { orderId: '1008', name: '#1008', paid: 0, refunded: 0 },
    ]);
    expect(r.missingInShop).toEqual([]);
    expect(r.differences).toEqual([
      { orderId: '1002', name: '#1002', field: 'paid', ledger: 5_000, shop: 5_500 },
      { orderId: '1004', name: '#1004', field: 'refunded', ledger: 0, shop: 2_000 },
    ]);
    expect(r.ledger).toEqual({ orders: 4, paid: 23_000, refunded: 1_000, net: 22_000 });
    expect(r.shopTotals).toEqual({ orders: 6, paid: 27_700, refunded: 3_000, net: 24_700 });

    const auth = { headers: { Authorization: `Bearer ${h.anchorToken}` } };
    const html = await (await fetch(`${h.url}/api/v1/reports/sales.html?lang=en`, auth)).text();
    expect(html).toContain('data-reconciliation="differs"');
    expect(html).toContain('Net GMV differs from Shopify: studio $220.00, Shopify $247.00 (difference -$27.00). 2 orders missing in the studio, 0 missing in the export, 2 amount differences.');
    expect(html).toMatch(/<tr><th scope="row">#1004 \(1004\)<\/th><td>refunded<\/td><td>\$0\.00<\/td><td>\$20\.00<\/td><\/tr>/);
    const zh = await (await fetch(`${h.url}/api/v1/reports/sales.html?lang=zh-CN`, auth)).text();
    expect(zh).toContain('净成交额与Shopify不一致');
    const csv = (await (await fetch(`${h.url}/api/v1/reports/sales.csv`, auth)).text()).split('\r\n');
    expect(csv.filter((l) => l.startsWith('reconcile,'))).toEqual([
      expect.stringMatching(/^reconcile,,differs,\d{4}-\d\d-\d\dT[^,]+,2,,22000,220\.00,USD,,24700,$/),
      'reconcile,1007,missing-in-studio,,,,,,USD,,4200,',
      'reconcile,1008,missing-in-studio,,,,,,USD,,0,',
      'reconcile,1002,paid,,,,5000,50.00,USD,,5500,',
      'reconcile,1004,refunded,,,,0,0.00,USD,,2000,',
    ]);
  });

  it('says the net GMV matches to the cent when the export agrees, and reads a 抖店 export', async () => {
    const h = await hubWithShopifyOrders();
    const agreeing = shopifyExport([
      { name: '#1001', id: 1001, status: 'paid', lines: [[1, '100.00', 'POT'], [2, '15.00', 'CUP']] },
      { name: '#1002', id: 1002, status: 'paid', lines: [[1, '50.00', 'POT']] },
      { name: '#1003', id: 1003, status: 'partially_refunded', lines: [[2, '15.00', 'CUP']], refunded: '10.00' },
      { name: '#1004', id: 1004, status: 'paid', lines: [[1, '20.00', 'TEA']] },
    ]);
    const exact = await upload(h, agreeing);
    expect(exact.body.reconciliation).toMatchObject({ isExact: true, matched: 4 });
    const html = await (await fetch(`${h.url}/api/v1/reports/sales.html?lang=en`, { headers: { Authorization: `Bearer ${h.anchorToken}` } })).text();
    expect(html).toContain('Net GMV matches Shopify to the cent: $220.00 over 4 orders.');

    // 抖店: one row per sub-order, ids guarded with a tab, yuan, China time, UTF-8 with BOM; the ledger in CNY.
    const secret = loadOrdersSecret(h.dataDir);
    await postCommand(h.url, h.anchorToken, 'sales.setTarget', { gmv: null, orders: null, currency: 'CNY' });
    await postOrdersOk(h.url, secret, {
      events: [
        orderEvent({ eventId: 'dy-1', orderId: '6921000000000000001', platform: 'douyin', occurredAt: T, items: [{ sku: 'POT', quantity: 1, unitPrice: 29_900 }, { sku: 'CUP', quantity: 2, unitPrice: 2_890 }] }),
        orderEvent({ eventId: 'dy-1r', orderId: '6921000000000000001', platform: 'douyin', occurredAt: T + 1, status: 'refunded', items: [{ sku: 'CUP', quantity: 2, unitPrice: 2_890 }], refund: { amount: 5_780, restock: true } }),
      ],
    });
    const doudian =
      '\uFEFF主订单编号,子订单编号,选购商品,商品数量,商家编码,商品金额,订单应付金额,订单提交时间,订单状态,售后状态\r\n' +
      '\t6921000000000000001,\t6921000000000000002,紫砂壶,1,POT,299.00,356.80,2026-12-04 20:00:00,已完成,-\r\n' +
      '\t6921000000000000001,\t6921000000000000003,品茗杯,2,CUP,28.90,356.80,2026-12-04 20:00:00,已关闭,退款成功\r\n';
    const dy = await upload(h, doudian);
    expect(dy.body.reconciliation).toMatchObject({ shop: 'doudian', platform: 'douyin', isExact: true, matched: 1, ledger: { paid: 35_680, refunded: 5_780, net: 29_900 } });

    // The same export saved as XLSX, amounts and quantities as number cells (as Excel keeps them).
    const s = (value: string) => ({ value, type: String });
    const n = (value: number) => ({ value, type: Number });
    const xlsx = await writeXlsxFile(
      [
        ['主订单编号', '子订单编号', '选购商品', '商品数量', '商家编码', '商品金额', '订单提交时间', '订单状态', '售后状态'].map(s),
        [s('\t6921000000000000001'), s('\t6921000000000000002'), s('紫砂壶'), n(1), s('POT'), n(299), s('2026-12-04 20:00:00'), s('已完成'), s('-')],
        [s('\t6921000000000000001'), s('\t6921000000000000003'), s('品茗杯'), n(2), s('CUP'), n(28.9), s('2026-12-04 20:00:00'), s('已关闭'), s('退款成功')],
      ],
      { sheet: '订单' },
    ).toBuffer();
    const fromXlsx = await upload(h, new Uint8Array(xlsx), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(fromXlsx.body.reconciliation).toMatchObject({ shop: 'doudian', isExact: true, matched: 1, shopTotals: { paid: 35_680, refunded: 5_780 } });
  });

  it('refuses what it cannot read, saying why, and keeps the last check', async () => {
    const h = await hubWithShopifyOrders();
    const notAnExport = await upload(h, 'sku,quantity\r\nPOT,1\r\n');
    expect(notAnExport.status).toBe(400);
    expect(notAnExport.body.error.message).toMatch(/not a Shopify orders export .* nor a 抖店 order export .* Nothing was checked\./);
    const noId = await upload(h, 'Name,Financial Status,Currency,Lineitem quantity,Lineitem price\r\n#1,paid,USD,1,2.00\r\n');
    expect(noId.body.error.message).toMatch(/no "Id" column/);
    const badMoney = await upload(h, shopifyExport([{ name: '#1001', id: 1001, status: 'paid', lines: [[1, '1O0.00', 'POT']] }]));
    expect(badMoney.body.error.message).toBe('Line 2, column "Lineitem price": "1O0.00" is not an amount like 12.30. Nothing was checked.');
    expect((await fetch(`${h.url}/api/v1/orders/reconcile`, { method: 'POST', body: 'x' })).status).toBe(401);
    const moderator = h.tokens.issue({ id: 'mod-1', role: 'moderator', name: 'Moderator' });
    const refused = await fetch(`${h.url}/api/v1/orders/reconcile`, { method: 'POST', headers: { Authorization: `Bearer ${moderator}` }, body: 'x' });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as any).error.message).toBe('The moderator role may not reconcile orders; ask the anchor or a producer.');
    const html = await (await fetch(`${h.url}/api/v1/reports/sales.html?lang=en`, { headers: { Authorization: `Bearer ${h.anchorToken}` } })).text();
    expect(html).not.toContain('data-reconciliation');
  });
});
