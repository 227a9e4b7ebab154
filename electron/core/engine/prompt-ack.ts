// Why: OBS's websocket server (websocketpp) leaves Nagle's algorithm on, so a message it sends while its previous one
// is still unacknowledged waits for that acknowledgement, and the engine's kernel delays acknowledgements (40 ms on
// Linux, up to 200 ms on Windows) unless it has data to send. With the audio meters arriving 20 times a second, a scene
// switch reached the engine 14 ms (median) to 45 ms after it reached an idle client (bench/scene-switch.ts, "hub leg").
// Node cannot ask the kernel to acknowledge at once (TCP_QUICKACK), but anything the engine sends carries the
// acknowledgement: an unsolicited pong (RFC 6455 5.5.3, a one-way heartbeat OBS ignores) after each read does it.
import type { OBSWebSocket } from 'obs-websocket-js';

/** The part of the `ws` socket obs-websocket-js keeps (a protected field) that the prompt acknowledgement needs. */
interface WireSocket {
  on(event: 'message', listener: () => void): unknown;
  pong(data?: unknown, mask?: boolean, cb?: (err?: Error) => void): void;
  readonly readyState: number;
}

const OPEN = 1;

function wireOf(obs: OBSWebSocket): WireSocket | null {
  const wire = (obs as unknown as { socket?: Partial<WireSocket> }).socket;
  return wire && typeof wire.on === 'function' && typeof wire.pong === 'function' ? (wire as WireSocket) : null;
}

/**
 * Answers every read from OBS with a pong, so the kernel acknowledges it at once and OBS never holds the next event
 * back; returns the socket. Messages that arrive in one read share one pong. Without the `ws` socket (another
 * obs-websocket-js build) the connection works as before, only slower to hear OBS.
 */
export function ackPromptly(obs: OBSWebSocket): OBSWebSocket {
  obs.on('ConnectionOpened', () => {
    const wire = wireOf(obs);
    if (!wire) return;
    let isQueued = false;
    wire.on('message', () => {
      if (isQueued) return;
      isQueued = true;
      // Every message of one read is emitted in the same task: one pong after them all.
      queueMicrotask(() => {
        isQueued = false;
        // The callback swallows a write on a closing socket; the close itself is handled by obs-websocket-js.
        if (wire.readyState === OPEN) wire.pong(undefined, undefined, () => undefined);
      });
    });
  });
  return obs;
}
