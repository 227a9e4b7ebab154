// A real obs-websocket-js over a real `ws` server on loopback that speaks obs-websocket 5's handshake (Hello,
// Identify, Identified, GetVersion) in MessagePack, the encoding the engine's build of obs-websocket-js asks for: OBS
// itself cannot show a pong it ignores.
import type { AddressInfo } from 'node:net';
import { decode, encode } from '@msgpack/msgpack';
import { OBSWebSocket } from 'obs-websocket-js';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { ObsClient } from '../../../../electron/core/engine/obs-client';
import { ackPromptly } from '../../../../electron/core/engine/prompt-ack';

/** An obs-websocket 5 server in miniature: counts the pongs each client sends. */
async function startObsLikeServer() {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  let client: WebSocket | null = null;
  let pongs = 0;
  const pongWaiters: Array<() => void> = [];
  const identified = new Promise<WebSocket>((resolve) => {
    server.on('connection', (ws) => {
      client = ws;
      ws.on('pong', () => {
        pongs += 1;
        for (const wake of pongWaiters.splice(0)) wake();
      });
      ws.on('message', (data) => {
        const message = decode(data as Uint8Array) as { op: number; d: { requestType?: string; requestId?: string } };
        if (message.op === 1) {
          ws.send(encode({ op: 2, d: { negotiatedRpcVersion: 1 } }));
          resolve(ws);
        } else if (message.op === 6) {
          const responseData =
            message.d.requestType === 'GetVersion'
              ? { obsVersion: '29.0.2', obsWebSocketVersion: '5.1.0', rpcVersion: 1, availableRequests: ['GetVersion'] }
              : {};
          ws.send(encode({ op: 7, d: { ...message.d, requestStatus: { result: true, code: 100 }, responseData } }));
        }
      });
      ws.send(encode({ op: 0, d: { obsWebSocketVersion: '5.1.0', rpcVersion: 1 } }));
    });
  });
  const sendEvents = (count: number) => {
    // One write, as OBS's events reach the client back to back in one read.
    const frames = Array.from({ length: count }, (_, i) => encode({ op: 5, d: { eventType: 'CurrentProgramSceneChanged', eventIntent: 4, eventData: { sceneName: `S${i}` } } }));
    for (const frame of frames) client!.send(frame);
  };
  return {
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`,
    identified,
    sendEvents,
    get pongs() {
      return pongs;
    },
    /** Resolves at the next pong, or with false after `ms` (a pong that never comes is the failure this looks for). */
    nextPong(ms: number): Promise<boolean> {
      return new Promise((resolve) => {
        const timer = setTimeout(() => resolve(false), ms);
        pongWaiters.push(() => {
          clearTimeout(timer);
          resolve(true);
        });
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('prompt acknowledgement of what OBS sends', () => {
  it("the engine's OBS client answers each read with a pong, so OBS's Nagle never holds the next event back", async () => {
    const server = await startObsLikeServer();
    cleanups.push(server.close);
    const client = new ObsClient({ callTimeoutMs: 2000 });
    cleanups.push(() => client.stop());
    const heard: string[] = [];
    client.on('CurrentProgramSceneChanged', (e: { sceneName: string }) => heard.push(e.sceneName));
    client.setEndpoint(server.url, '');
    client.start();
    await client.waitIdentified(5000);
    const before = server.pongs;

    const pong = server.nextPong(2000);
    server.sendEvents(1);
    expect(await pong).toBe(true);
    expect(heard).toEqual(['S0']);
    expect(server.pongs).toBeGreaterThan(before);
  });

  it('events that arrive together share one pong', async () => {
    const server = await startObsLikeServer();
    cleanups.push(server.close);
    const obs = ackPromptly(new OBSWebSocket());
    cleanups.push(() => obs.disconnect());
    const heard: string[] = [];
    obs.on('CurrentProgramSceneChanged', (e) => heard.push(e.sceneName));
    await obs.connect(server.url);
    await server.identified;
    // The handshake's own reads may still be answered: wait until the client is quiet.
    while (await server.nextPong(200));
    const before = server.pongs;

    const pong = server.nextPong(2000);
    server.sendEvents(20);
    expect(await pong).toBe(true);
    await expect.poll(() => heard.length).toBe(20);
    expect(await server.nextPong(300)).toBe(false);
    // Twenty events in one write reach the client in one read or a few: never a pong each.
    expect(server.pongs - before).toBeGreaterThanOrEqual(1);
    expect(server.pongs - before).toBeLessThan(20);
  });
});
