import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BridgeLink } from '../../../../electron/features/bridges/protocol/bridge-commands';
import type { BridgesEvent } from '../../../../electron/features/bridges/protocol/bridge-events';
import { recordBridgeStatuses } from '../../../helpers/bridges';
import { recentChat } from '../../../helpers/chat';
import { FakeOba } from '../../../helpers/fake-oba';
import { freePort } from '../../../helpers/free-port';
import { connectClient, sendCommand, sendOk, startTestHub, type ConnectedClient, type TestHub } from '../../../helpers/hub';
import { getTallies } from '../../../helpers/orders';
import { QUICK_MS } from '../../../helpers/timeouts';
import { waitUntil } from '../../../helpers/wait';

type Shown = { platform: string; text: string; kind: string; user: { name: string } };

describe("an oba-live-tool bridge on a real hub, against oba's WebSocket service as its source defines it", () => {
  let hub: TestHub;
  let oba: FakeOba | null = null;
  let anchor: ConnectedClient;
  const statuses: BridgesEvent[] = [];
  const bridge = () => statuses.at(-1)?.bridges[0];
  const shown = async () => (await recentChat(hub.url, hub.anchorToken, '?limit=500')).body.messages as Shown[];

  beforeEach(async () => {
    hub = await startTestHub();
    anchor = await connectClient(hub.url, hub.anchorToken);
    statuses.length = 0;
    recordBridgeStatuses(anchor, statuses);
  });
  afterEach(async () => {
    anchor?.close();
    await hub?.stop();
    await oba?.close();
    oba = null;
  });

  it('brings comments, viewers and order signals into the chat; signals change no sales figure; repeats and bad frames add nothing', async () => {
    oba = new FakeOba();
    await oba.listening();
    const added = (await sendOk(anchor, 'bridge.add', { kind: 'oba', name: '抖店中控', address: oba.address, commentPlatform: 'douyin' })).data as BridgeLink;
    expect(added.url).toBeNull();
    await waitUntil(() => bridge()?.link === 'connected', QUICK_MS, 'the bridge connected to oba');
    expect(bridge()).toMatchObject({ kind: 'oba', name: '抖店中控', address: oba.address, commentPlatform: 'douyin' });
    const talliesBefore = await getTallies(hub.url, hub.anchorToken);

    oba.broadcast(
      { msg_type: 'comment', msg_id: 'c1', nick_name: '小李', content: '紫砂壶还有货吗？' },
      { msg_type: 'room_enter', msg_id: 'e1', nick_name: '游客1', user_id: 'u1' },
      { msg_type: 'live_order', msg_id: '9001#已下单', nick_name: '买家A', order_status: '已下单', order_ts: 1_796_000_000, product_id: '3600', product_title: '紫砂壶 西施' },
      { msg_type: 'live_order', msg_id: '9001#已付款', nick_name: '买家A', order_status: '已付款', order_ts: 1_796_000_050, product_id: '3600', product_title: '紫砂壶 西施' },
      { msg_type: 'wechat_channel_live_msg', msg_id: 'w1', nick_name: 'Wei', user_id: 'w', content: '视频号来了' },
    );
    await waitUntil(async () => (await shown()).length === 5, QUICK_MS, 'five oba messages in the chat');
    const messages = await shown();
    expect(messages.map((m) => [m.platform, m.kind, m.text])).toEqual(
      expect.arrayContaining([
        ['douyin', 'comment', '紫砂壶还有货吗？'],
        ['douyin', 'join', ''],
        ['douyin', 'orderPlaced', '紫砂壶 西施'],
        ['douyin', 'orderPaid', '紫砂壶 西施'],
        ['channels', 'comment', '视频号来了'],
      ]),
    );
    await waitUntil(() => bridge()?.accepted === 5, QUICK_MS, 'the status counting five');

    // oba resends after a reload of its console: same msg_id, nothing doubled. Frames that are not oba's change nothing
    // but say so; a status oba itself does not know is left out quietly.
    oba.broadcast({ msg_type: 'comment', msg_id: 'c1', nick_name: '小李', content: '紫砂壶还有货吗？' });
    oba.sendRaw('<html>not oba</html>');
    oba.broadcast({ msg_type: 'live_order', msg_id: '9002#x', nick_name: 'b', order_status: '未知状态', product_title: '茶盘' });
    await waitUntil(() => bridge()?.lastProblem?.message.includes('a frame that is not JSON') === true, QUICK_MS, 'the bad frame said in the status');
    expect(await shown()).toHaveLength(5);
    expect(bridge()?.link).toBe('connected');

    // No sales figure moved: an order signal has no price and never reaches the ledger.
    expect(await getTallies(hub.url, hub.anchorToken)).toEqual(talliesBefore);
  });

  it('waits for oba to start, says why meanwhile, follows it restarting, and lets go when paused or removed', async () => {
    const port = await freePort();
    const { bridge: added } = (await sendOk(anchor, 'bridge.add', { kind: 'oba', name: 'oba', address: String(port) })).data as BridgeLink;
    expect(added).toMatchObject({ address: `ws://127.0.0.1:${port}`, commentPlatform: 'douyin' });
    await waitUntil(() => bridge()?.link === 'retrying' && bridge()?.lastProblem?.message.includes('Cannot reach oba-live-tool') === true, QUICK_MS, 'retrying, in words');
    expect(bridge()?.lastProblem).toMatchObject({ code: 'obaUnreachable', message: expect.stringContaining('WebSocket service on') });

    oba = new FakeOba(port);
    await oba.listening();
    await waitUntil(() => bridge()?.link === 'connected', QUICK_MS, 'connected once oba listens');
    oba.dropConnections();
    await waitUntil(() => bridge()?.link === 'retrying', QUICK_MS, 'retrying after oba dropped the connection');
    await waitUntil(() => oba!.connections === 2 && bridge()?.link === 'connected', QUICK_MS, 'back after the drop');

    await sendOk(anchor, 'bridge.pause', { id: added.id, paused: true });
    await waitUntil(() => oba!.server.clients.size === 0, QUICK_MS, 'the connection closed while paused');
    expect(bridge()).toMatchObject({ isPaused: true, link: null });
    await sendOk(anchor, 'bridge.pause', { id: added.id, paused: false });
    await waitUntil(() => oba!.connections === 3 && bridge()?.link === 'connected', QUICK_MS, 'connected again on resume');
    await sendOk(anchor, 'bridge.remove', { id: added.id });
    await waitUntil(() => oba!.server.clients.size === 0, QUICK_MS, 'the connection closed on removal');
  });

  it('refuses an address off this computer and the LAN, and a platform it does not know, saving nothing', async () => {
    const refused = await sendCommand(anchor, 'bridge.add', { kind: 'oba', name: 'far', address: 'ws://203.0.113.5:12354' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'rejected' } });
    expect(JSON.stringify(refused)).toContain('only on this computer or your local network');
    expect(JSON.stringify(refused)).toContain('Nothing was saved.');
    expect(await sendCommand(anchor, 'bridge.add', { kind: 'oba', name: 'x', commentPlatform: 'weibo' })).toMatchObject({ ok: false, error: { code: 'invalid' } });
    // A round trip: any status the refusals had sent would have arrived before its answer.
    await sendOk(anchor, 'chat.sync', { afterSeq: 0 });
    expect(statuses.at(-1)?.bridges ?? []).toHaveLength(0);
  });
});
