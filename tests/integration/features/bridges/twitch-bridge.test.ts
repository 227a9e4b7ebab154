import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import type { BridgeLink } from '../../../../electron/features/bridges/protocol/bridge-commands';
import type { BridgesEvent } from '../../../../electron/features/bridges/protocol/bridge-events';
import { platformTexts, recordBridgeStatuses } from '../../../helpers/bridges';
import { connectClient, sendCommand, sendOk, startTestHub, type ConnectedClient, type TestHub } from '../../../helpers/hub';
import { waitUntil } from '../../../helpers/wait';
import { QUICK_MS } from '../../../helpers/timeouts';

/**
 * A stand-in for Twitch's IRC WebSocket endpoint on loopback, speaking the lines as Twitch documents them: it records
 * what the client sends, answers JOIN, and lets the test send lines to the connected client.
 */
class FakeTwitch {
  readonly server: WebSocketServer;
  readonly received: string[] = [];
  connections = 0;
  private client: WebSocket | null = null;

  constructor() {
    this.server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    this.server.on('connection', (socket) => {
      this.connections += 1;
      this.client = socket;
      socket.on('message', (data) => {
        for (const line of data.toString().split('\r\n').filter(Boolean)) {
          this.received.push(line);
          const join = /^JOIN (#\w+)$/.exec(line);
          if (join) socket.send(`:justinfan1!justinfan1@justinfan1.tmi.twitch.tv JOIN ${join[1]}\r\n`);
        }
      });
    });
  }

  /** Resolves once the server listens. */
  listening(): Promise<void> {
    return new Promise((resolve) => (this.server.address() ? resolve() : this.server.once('listening', () => resolve())));
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.server.address() as { port: number }).port}`;
  }

  send(...lines: string[]): void {
    this.client?.send(lines.map((l) => `${l}\r\n`).join(''));
  }

  dropConnection(): void {
    this.client?.terminate();
  }

  close(): Promise<void> {
    for (const c of this.server.clients) c.terminate();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const privmsg = (id: string, userId: string, name: string, text: string, extra = '') =>
  `@badge-info=;badges=;color=;display-name=${name};emotes=;id=${id};mod=0;room-id=1;subscriber=0;tmi-sent-ts=1796000000000;user-id=${userId}${extra} :${name.toLowerCase()}!${name.toLowerCase()}@${name.toLowerCase()}.tmi.twitch.tv PRIVMSG #shop_tv :${text}`;

describe('a Twitch bridge on a real hub, against Twitch IRC as documented', () => {
  let hub: TestHub;
  let twitch: FakeTwitch;
  let anchor: ConnectedClient;
  const statuses: BridgesEvent[] = [];
  const bridge = () => statuses.at(-1)?.bridges[0];
  const texts = () => platformTexts(hub.url, hub.anchorToken, 'twitch');

  beforeEach(async () => {
    twitch = new FakeTwitch();
    await twitch.listening();
    process.env.ANCHOR_TWITCH_IRC_URL = twitch.url;
    hub = await startTestHub();
    anchor = await connectClient(hub.url, hub.anchorToken);
    statuses.length = 0;
    recordBridgeStatuses(anchor, statuses);
  });
  afterEach(async () => {
    anchor?.close();
    await hub?.stop();
    await twitch?.close();
    delete process.env.ANCHOR_TWITCH_IRC_URL;
  });

  it('joins anonymously, brings chat and cheers, answers PING, and follows the platform deleting messages', async () => {
    const added = (await sendOk(anchor, 'bridge.add', { kind: 'twitch', name: 'Workshop Twitch', channel: 'https://www.twitch.tv/Shop_TV' })).data as BridgeLink;
    expect(added.url).toBeNull();
    await waitUntil(() => bridge()?.link === 'connected', QUICK_MS, 'the bridge connected');
    expect(twitch.received.slice(0, 4)).toEqual(['CAP REQ :twitch.tv/tags twitch.tv/commands', 'PASS SCHMOOPIIE', expect.stringMatching(/^NICK justinfan\d+$/), 'JOIN #shop_tv']);
    expect(bridge()).toMatchObject({ kind: 'twitch', channel: 'shop_tv', name: 'Workshop Twitch' });

    twitch.send(privmsg('m1', '11', 'Ann', 'how much is the teapot?'), privmsg('m2', '22', 'Bob', 'cheer100 nice', ';bits=100'), privmsg('m3', '22', 'Bob', 'second from bob'));
    await waitUntil(async () => (await texts()).length === 3, QUICK_MS, 'three Twitch messages in the chat');
    expect(await texts()).toEqual(expect.arrayContaining(['how much is the teapot?', '100 bits · cheer100 nice', 'second from bob']));
    await waitUntil(() => bridge()?.accepted === 3, QUICK_MS, 'the status counting three');

    twitch.send('PING :tmi.twitch.tv');
    await waitUntil(() => twitch.received.includes('PONG :tmi.twitch.tv'), QUICK_MS, 'the PONG');

    // A Twitch moderator deletes Ann's message, then times Bob out: their messages leave the studio's chat too.
    twitch.send('@login=ann;room-id=1;target-msg-id=m1;tmi-sent-ts=1796000001000 :tmi.twitch.tv CLEARMSG #shop_tv :how much is the teapot?');
    await waitUntil(async () => !(await texts()).includes('how much is the teapot?'), QUICK_MS, "Ann's message gone");
    twitch.send('@ban-duration=600;room-id=1;target-user-id=22;tmi-sent-ts=1796000002000 :tmi.twitch.tv CLEARCHAT #shop_tv :bob');
    await waitUntil(async () => (await texts()).length === 0, QUICK_MS, "Bob's messages gone");
    // Timed out is not blocked: Bob's next message shows.
    twitch.send(privmsg('m4', '22', 'Bob', 'back again'));
    await waitUntil(async () => (await texts()).includes('back again'), QUICK_MS, "Bob's message after the timeout");
    // Lines that are not IRC change nothing.
    twitch.send('{"not":"irc"}', '', ':tmi.twitch.tv 001 justinfan1 :Welcome, GLHF!');
    expect(await texts()).toEqual(['back again']);
  });

  it('reconnects after RECONNECT and after a lost connection, says so meanwhile, and stops when paused or removed', async () => {
    const { bridge: added } = (await sendOk(anchor, 'bridge.add', { kind: 'twitch', name: 'T', channel: 'shop_tv' })).data as BridgeLink;
    await waitUntil(() => bridge()?.link === 'connected', QUICK_MS, 'connected');
    twitch.send(':tmi.twitch.tv RECONNECT');
    await waitUntil(() => twitch.connections === 2 && bridge()?.link === 'connected', QUICK_MS, 'a second connection, joined');
    twitch.dropConnection();
    await waitUntil(() => bridge()?.link === 'retrying' && bridge()?.lastProblem?.message.includes('Retrying'), QUICK_MS, 'retrying, said in words');
    await waitUntil(() => twitch.connections === 3 && bridge()?.link === 'connected', QUICK_MS, 'back after the loss');
    expect(bridge()?.lastProblem).toBeNull();

    await sendOk(anchor, 'bridge.pause', { id: added.id, paused: true });
    await waitUntil(() => twitch.server.clients.size === 0, QUICK_MS, 'the connection closed while paused');
    expect(bridge()).toMatchObject({ isPaused: true, link: null });
    await sendOk(anchor, 'bridge.pause', { id: added.id, paused: false });
    await waitUntil(() => twitch.connections === 4 && bridge()?.link === 'connected', QUICK_MS, 'connected again on resume');
    await sendOk(anchor, 'bridge.remove', { id: added.id });
    await waitUntil(() => twitch.server.clients.size === 0, QUICK_MS, 'the connection closed on removal');
  });

  it('refuses a channel that is not one, and a link renewal for a bridge without a link', async () => {
    const refused = await sendCommand(anchor, 'bridge.add', { kind: 'twitch', name: 'T', channel: 'not a channel!' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'rejected' } });
    expect(JSON.stringify(refused)).toContain('is not a Twitch channel');
    const { bridge: added } = (await sendOk(anchor, 'bridge.add', { kind: 'twitch', name: 'T', channel: 'shop_tv' })).data as BridgeLink;
    expect(await sendCommand(anchor, 'bridge.rotate', { id: added.id })).toMatchObject({ ok: false, error: { code: 'rejected' } });
  });
});
