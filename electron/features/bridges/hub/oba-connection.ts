import { obaToChat, type ObaConsole } from '../domain/oba-message';
import { bridgeProblem, type BridgeProblem } from '../domain/bridge-problems';
import { ReconnectingSocket, type LinkCallbacks } from './reconnecting-socket';

/** What the connection needs: oba's address, which console sends plain comments, what to do with events and state. */
export interface ObaConnectionOptions extends LinkCallbacks {
  address: string;
  console: ObaConsole;
  /** A frame that is not one of oba's messages (said in the bridge's status; nothing else changes). */
  onInvalid(problem: BridgeProblem): void;
}

/**
 * The studio as a client of oba-live-tool's WebSocket service: every frame is one of oba's messages (a comment, a
 * viewer entering, an order signal...). oba has no handshake and no password: open is connected. Reconnects with a
 * doubling delay while oba is not running or restarts.
 */
export class ObaConnection {
  private readonly link: ReconnectingSocket;

  constructor(options: ObaConnectionOptions) {
    const where = options.address;
    this.link = new ReconnectingSocket({
      url: where,
      onState: options.onState,
      backoff: options.backoff,
      problems: {
        unreachable: (reason) => bridgeProblem('obaUnreachable', { where, reason }),
        closed: bridgeProblem('obaClosed'),
      },
      onOpen: () => this.link.connected(),
      onFrame: (text) => {
        const mapped = obaToChat(text, options.console, Date.now());
        if ('message' in mapped) options.onEvent({ kind: 'message', message: mapped.message });
        else if ('invalid' in mapped) options.onInvalid(bridgeProblem('obaInvalid', { what: mapped.invalid }));
      },
    });
  }

  /** Stops for good (bridge paused or removed, hub closing). */
  close(): void {
    this.link.close();
  }
}
