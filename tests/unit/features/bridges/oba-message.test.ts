import { describe, expect, it } from 'vitest';
import { obaAddressOf, obaToChat, OBA_DEFAULT_ADDRESS } from '../../../../electron/features/bridges/domain/oba-message';
import { obaFrame } from '../../../helpers/fake-oba';

const AT = 1_796_000_000_000;
const message = (frame: object | string, console: 'douyin' | 'kuaishou' = 'douyin') => {
  const out = obaToChat(typeof frame === 'string' ? frame : JSON.stringify(frame), console, AT);
  if (!('message' in out)) throw new Error(`left out: ${JSON.stringify(out)}`);
  return out.message;
};

// Frames shaped as oba-live-tool's `LiveMessage` (shared/types.d.ts), with `time` added by its broadcaster.
describe("oba-live-tool's messages, shaped as its LiveMessage type", () => {
  it("a console's plain comment is chat from the platform the anchor picked; the others name their platform", () => {
    const douyin = message(obaFrame({ msg_type: 'comment', msg_id: '7311', nick_name: '小李', content: '这个壶多少钱？', time: AT - 500 }));
    expect(douyin).toEqual({ id: '7311', platform: 'douyin', user: { id: '小李', name: '小李' }, text: '这个壶多少钱？', ts: AT - 500, kind: 'comment' });
    expect(message(obaFrame({ msg_type: 'comment', msg_id: 'k1', nick_name: 'a', content: 'hi' }), 'kuaishou').platform).toBe('kuaishou');
    const named = [
      ['wechat_channel_live_msg', 'channels'],
      ['xiaohongshu_comment', 'xiaohongshu'],
      ['taobao_comment', 'taobao'],
    ] as const;
    for (const [type, platform] of named) {
      expect(message(obaFrame({ msg_type: type, msg_id: `${type}-1`, nick_name: 'n', user_id: 'u9', content: '有货吗' }), 'kuaishou')).toMatchObject({
        platform,
        user: { id: 'u9', name: 'n' },
        kind: 'comment',
      });
    }
  });

  it('viewers entering, liking, following and joining the fan club are the chat kinds for them', () => {
    const of = (msg_type: string, content?: string) => message(obaFrame({ msg_type, msg_id: `${msg_type}-1`, nick_name: '游客', user_id: '42', ...(content ? { content } : {}) }));
    expect(of('room_enter')).toMatchObject({ kind: 'join', text: '', user: { id: '42' } });
    expect(of('room_like').kind).toBe('like');
    expect(of('room_follow').kind).toBe('follow');
    expect(of('ecom_fansclub_participate', '加入了粉丝团')).toMatchObject({ kind: 'follow', text: '加入了粉丝团' });
    expect(of('subscribe_merchant_brand_vip', '开通了品牌会员')).toMatchObject({ kind: 'follow', text: '开通了品牌会员' });
  });

  it('an order is an order signal naming the product, placed or paid, never an amount; an unknown status is left out', () => {
    const order = (status: string) =>
      obaFrame({ msg_type: 'live_order', msg_id: `9001#${status}`, nick_name: '买家A', order_status: status, order_ts: 1_796_000_000, product_id: '3600', product_title: '紫砂壶 西施 200ml' });
    const placed = message(order('已下单'));
    expect(placed).toMatchObject({ kind: 'orderPlaced', text: '紫砂壶 西施 200ml', id: '9001#已下单', user: { name: '买家A' } });
    expect(message(order('已付款'))).toMatchObject({ kind: 'orderPaid', id: '9001#已付款' });
    expect(JSON.stringify(placed)).not.toMatch(/price|amount|gmv/i);
    expect(obaToChat(JSON.stringify(order('未知状态')), 'douyin', AT)).toEqual({ ignored: 'an order whose status oba does not know ("未知状态")' });
    // No title: the product id stands in; neither: not an order the chat can show.
    expect(message(obaFrame({ msg_type: 'live_order', msg_id: 'o2', nick_name: 'b', order_status: '已付款', product_id: 'P77' })).text).toBe('P77');
    expect(obaToChat(JSON.stringify({ msg_type: 'live_order', msg_id: 'o3', nick_name: 'b', order_status: '已付款' }), 'douyin', AT)).toHaveProperty('invalid');
  });

  it('text stays text (markup is not read), long text is cut, and a missing or odd time is the arrival time', () => {
    const m = message(obaFrame({ msg_type: 'comment', msg_id: 'x', nick_name: '<b>n</b>', content: '<img src=x onerror=alert(1)>  hi\nthere', time: 'soon' }));
    expect(m).toMatchObject({ text: '<img src=x onerror=alert(1)> hi there', user: { name: '<b>n</b>' }, ts: AT });
    expect([...message(obaFrame({ msg_type: 'comment', msg_id: 'y', nick_name: 'n', content: '壶'.repeat(3000) })).text]).toHaveLength(2000);
  });

  it('a frame that is not one of its messages is invalid; a message type the chat does not show is ignored', () => {
    for (const frame of ['not json', '[1,2]', 'null', '42', JSON.stringify({ msg_type: 'comment', content: 'no id' }), JSON.stringify({ msg_id: 'no type' })]) {
      expect(obaToChat(frame, 'douyin', AT), frame).toHaveProperty('invalid');
    }
    expect(obaToChat(JSON.stringify({ msg_type: 'something_new', msg_id: '1' }), 'douyin', AT)).toEqual({ ignored: '"something_new" messages are not shown in chat' });
    expect(obaToChat(JSON.stringify({ msg_type: 'comment', msg_id: '1', nick_name: 'n', content: '   ' }), 'douyin', AT)).toEqual({ ignored: 'an empty comment' });
  });
});

describe("oba-live-tool's address", () => {
  it('defaults to its port on this computer, and takes a port, a host:port or a ws:// address on this computer or the LAN', () => {
    expect(obaAddressOf('')).toEqual({ address: OBA_DEFAULT_ADDRESS });
    expect(obaAddressOf(' 13000 ')).toEqual({ address: 'ws://127.0.0.1:13000' });
    expect(obaAddressOf('192.168.1.20:12354')).toEqual({ address: 'ws://192.168.1.20:12354' });
    expect(obaAddressOf('ws://localhost:12354/')).toEqual({ address: 'ws://localhost:12354' });
    expect(obaAddressOf('ws://10.0.0.7:12354')).toEqual({ address: 'ws://10.0.0.7:12354' });
  });

  it('refuses public hosts (oba has no password), other schemes, a missing port and nonsense, saying what to give', () => {
    expect(obaAddressOf('ws://8.8.8.8:12354')).toEqual({ problem: expect.stringContaining('only on this computer or your local network'), refusal: { key: 'obaNotLocal', params: { host: '8.8.8.8' } } });
    expect(obaAddressOf('ws://oba.example.com:12354')).toMatchObject({ problem: expect.stringContaining('"oba.example.com" is neither'), refusal: { key: 'obaNotLocal' } });
    expect(obaAddressOf('wss://127.0.0.1:12354')).toEqual({ problem: expect.stringContaining('starts with ws://'), refusal: { key: 'obaNotWs' } });
    expect(obaAddressOf('http://127.0.0.1:12354')).toMatchObject({ problem: expect.stringContaining('starts with ws://'), refusal: { key: 'obaNotWs' } });
    expect(obaAddressOf('ws://127.0.0.1')).toEqual({ problem: expect.stringContaining('Give the port'), refusal: { key: 'obaNoPort' } });
    expect(obaAddressOf('ws://[::1')).toMatchObject({ problem: expect.stringContaining('is not an address'), refusal: { key: 'obaNotAddress', params: { given: 'ws://[::1' } } });
  });
});
