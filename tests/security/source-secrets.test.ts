import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatMessage, ingestSecret, postChat } from '../helpers/chat';
import { postCommand, startTestHub, type TestHub } from '../helpers/hub';
import { getTallies, orderEvent, ordersSecret, postSignedOrders } from '../helpers/orders';

// One secret per source: whoever holds the chat bridges' secret (every bridge, often a browser extension) cannot post
// paid orders, and the other way round.
describe('chat and orders are signed with different secrets', () => {
  let hub: TestHub;
  let chat: string;
  let orders: string;

  beforeAll(async () => {
    hub = await startTestHub();
    chat = await ingestSecret(hub.url, hub.anchorToken);
    orders = await ordersSecret(hub.url, hub.anchorToken);
  });

  afterAll(async () => {
    await hub?.stop();
  });

  it('a leaked chat secret cannot forge a paid order; the refusal says which secret orders take', async () => {
    expect(orders).not.toBe(chat);
    const forged = await postSignedOrders(hub.url, chat, orderEvent({ eventId: 'f1', orderId: 'f1', items: [{ sku: 'TEA-1', quantity: 100, unitPrice: 99_900 }] }));
    expect(forged.status).toBe(401);
    expect(forged.body.error.message).toContain('orders secret');
    expect(await getTallies(hub.url, hub.anchorToken)).toMatchObject({ ordersPaid: 0, gmv: 0 });
    // The orders secret posts orders, and cannot post chat.
    expect((await postSignedOrders(hub.url, orders, orderEvent({ eventId: 'o1', orderId: 'o1', items: [{ sku: 'TEA-1', quantity: 1, unitPrice: 100 }] }))).status).toBe(200);
    expect((await postChat(hub.url, orders, { messages: [chatMessage('m1', 'hello')] })).status).toBe(401);
    expect((await postChat(hub.url, chat, { messages: [chatMessage('m2', 'hello')] })).status).toBe(200);
  });

  it('only the anchor reads the orders secret, and it is never in state or logs', async () => {
    const producer = hub.tokens.issue({ id: 'p', role: 'producer', name: 'Producer' });
    expect((await postCommand(hub.url, producer, 'orders.ingestInfo', {})).status).toBe(403);
    expect(JSON.stringify(hub.store.current)).not.toContain(orders);
    expect(hub.logLines.join('\n')).not.toContain(orders);
  });
});
