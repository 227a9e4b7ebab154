import { io, type Socket } from 'socket.io-client';
import { CONSOLE_NAMESPACE, type ConsoleAnswer, type ConsoleAnswers, type ConsoleClientEvents, type ConsoleRequestName, type ConsoleServerEvents, type ConsoleSnapshot, type RoomSummary } from '../../agency/shared/console-protocol';
import { nextEvent, waitUntil } from './wait';

/** A console user's socket with every room as the agency last said it. */
export interface TestConsole {
  socket: Socket<ConsoleServerEvents, ConsoleClientEvents>;
  snapshot: ConsoleSnapshot;
  rooms: Map<string, RoomSummary>;
  /** Sends a request and returns its data; throws with the agency's sentence when refused. */
  request<N extends ConsoleRequestName>(name: N, payload: unknown): Promise<ConsoleAnswers[N]>;
  /** Sends a request and returns the whole answer (for refusals). */
  ask<N extends ConsoleRequestName>(name: N, payload: unknown): Promise<ConsoleAnswer<N>>;
  /** Waits until a room satisfies `check`; fails with the room's last summary. */
  waitForRoom(roomId: string, check: (room: RoomSummary) => boolean, what: string, timeoutMs?: number): Promise<RoomSummary>;
  close(): void;
}

/** Signs in to an agency's console namespace with a token; resolves on the first snapshot. */
export async function connectConsole(url: string, token: string): Promise<TestConsole> {
  const socket: Socket<ConsoleServerEvents, ConsoleClientEvents> = io(`${url}${CONSOLE_NAMESPACE}`, { auth: { token }, transports: ['websocket'], forceNew: true });
  const rooms = new Map<string, RoomSummary>();
  socket.on('room.update', (room) => rooms.set(room.id, room));
  const failed = new Promise<never>((_, reject) => socket.once('connect_error', (err) => reject(new Error(`console refused: ${err.message}`))));
  const snapshot = await Promise.race([nextEvent<ConsoleSnapshot>(socket as never, 'snapshot', 15_000, 'console snapshot'), failed]);
  for (const room of snapshot.rooms) rooms.set(room.id, room);
  socket.on('snapshot', (again) => again.rooms.forEach((room) => rooms.set(room.id, room)));
  const ask = <N extends ConsoleRequestName>(name: N, payload: unknown) =>
    socket.timeout(15_000).emitWithAck('request', name, payload) as Promise<ConsoleAnswer<N>>;
  return {
    socket,
    snapshot,
    rooms,
    ask,
    async request(name, payload) {
      const answer = await ask(name, payload);
      if (!answer.ok) throw new Error(`${name} refused: ${answer.message}`);
      return answer.data;
    },
    async waitForRoom(roomId, check, what, timeoutMs = 30_000) {
      try {
        return await waitUntil(() => {
          const room = rooms.get(roomId);
          return room && check(room) ? room : null;
        }, timeoutMs, what);
      } catch (err) {
        throw new Error(`${(err as Error).message}; room was ${JSON.stringify(rooms.get(roomId) ?? null).slice(0, 600)}`);
      }
    },
    close: () => void socket.disconnect(),
  };
}
