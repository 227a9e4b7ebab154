import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { ObsClient, ObsClosedError, ObsRequestError, ObsTimeoutError, type ObsSocket } from '../../../../electron/core/engine/obs-client';

/** A scripted stand-in for obs-websocket-js (unit tests only; integration tests use real OBS). */
class FakeSocket extends EventEmitter implements ObsSocket {
  handlers: Record<string, (data: any) => unknown> = {
    GetVersion: () => ({ obsVersion: '29.0.2', obsWebSocketVersion: '5.1.0', rpcVersion: 1, availableRequests: ['GetVersion', 'StartStream'] }),
  };
  calls: string[] = [];
  connectError: { code: number; message: string } | null = null;

  async connect() {
    if (this.connectError) {
      this.emit('ConnectionError', this.connectError);
      this.emit('ConnectionClosed', this.connectError);
      throw this.connectError;
    }
    return {};
  }
  async disconnect() {
    this.emit('ConnectionClosed', { code: 1000, message: 'bye' });
  }
  async call(type: string, data?: object) {
    this.calls.push(type);
    const h = this.handlers[type];
    if (!h) return new Promise(() => {}); // never answers, like a request in flight on a dying socket
    return h(data);
  }
  dropConnection() {
    this.emit('ConnectionClosed', { code: 1006, message: 'gone' });
  }
}

const fast = { backoffInitialMs: 5, backoffMaxMs: 20, notReadyDelayMs: 1, callTimeoutMs: 200, outputSettleMs: 2000 };

describe('ObsClient', () => {
  const clients: ObsClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) await c.stop();
  });

  async function connected(sockets: FakeSocket[] = [new FakeSocket()]) {
    let i = 0;
    const client = new ObsClient({ ...fast, createSocket: () => sockets[Math.min(i++, sockets.length - 1)]! });
    clients.push(client);
    client.setEndpoint('ws://127.0.0.1:1', 'pw');
    client.start();
    await client.waitIdentified(1000);
    return { client, socket: sockets[0]! };
  }

  it('reads capabilities from GetVersion.availableRequests', async () => {
    const { client } = await connected();
    expect(client.identity?.obsVersion).toBe('29.0.2');
    expect(client.supports('StartStream')).toBe(true);
    expect(client.supports('CreateRecordChapter')).toBe(false);
  });

  it('times out a call that gets no answer', async () => {
    const { client } = await connected();
    await expect(client.call('GetStats')).rejects.toBeInstanceOf(ObsTimeoutError);
  });

  it('rejects calls in flight when the connection closes, then reconnects by itself', async () => {
    const first = new FakeSocket();
    const second = new FakeSocket();
    const { client } = await connected([first, second]);
    const inFlight = client.call('GetStats', undefined, { timeoutMs: 5000 });
    // Identified again after having been down: the client's own status events, not a pause.
    const statuses: string[] = [];
    const back = new Promise<void>((resolve) => {
      const off = client.onStatus((status) => {
        statuses.push(status);
        if (status === 'identified' && statuses.length > 1) resolve(void off());
      });
    });
    first.dropConnection();
    await expect(inFlight).rejects.toBeInstanceOf(ObsClosedError);
    await back;
    expect(statuses[0]).not.toBe('identified');
    expect(second.calls).toContain('GetVersion');
  });

  it('retries 207 NotReady and surfaces other codes', async () => {
    const socket = new FakeSocket();
    let tries = 0;
    socket.handlers.GetSceneList = () => {
      tries += 1;
      if (tries < 3) return Promise.reject({ code: 207, message: 'not ready' });
      return { scenes: [] };
    };
    socket.handlers.GetInputList = () => Promise.reject({ code: 600, message: 'not found' });
    const { client } = await connected([socket]);
    expect(await client.call('GetSceneList')).toEqual({ scenes: [] });
    expect(tries).toBe(3);
    const err = await client.call('GetInputList').catch((e) => e);
    expect(err).toBeInstanceOf(ObsRequestError);
    expect(err.code).toBe(600);
  });

  it('serializes output commands: the second StartStream waits until the first output settled', async () => {
    const socket = new FakeSocket();
    const order: string[] = [];
    socket.handlers.StartStream = () => {
      order.push('start');
      setTimeout(() => {
        order.push('started');
        socket.emit('StreamStateChanged', { outputActive: true, outputState: 'OBS_WEBSOCKET_OUTPUT_STARTED' });
      }, 30);
      return undefined;
    };
    const { client } = await connected([socket]);
    await Promise.all([client.output('StartStream'), client.output('StartStream')]);
    expect(order).toEqual(['start', 'started', 'start', 'started']);
  });

  it('stops retrying when OBS refuses the password, with a message that does not contain it', async () => {
    const socket = new FakeSocket();
    socket.connectError = { code: 4009, message: 'Authentication failed.' };
    const client = new ObsClient({ ...fast, createSocket: () => socket });
    clients.push(client);
    client.setEndpoint('ws://127.0.0.1:1', 'secret-password-xyz');
    client.start();
    const err = (await client.waitIdentified(1000).catch((e: unknown) => e)) as Error;
    expect(err.message).toMatch(/refused the studio's websocket password/);
    expect(err.message).not.toContain('secret-password-xyz');
    expect(client.status).toBe('auth-failed');
  });
});
