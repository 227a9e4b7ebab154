import { randomBytes } from 'node:crypto';
import { CHAT_LIMITS } from '../domain/chat';
import { createChatSimulation, simulatedRate, type ChatSimulationSettings } from '../domain/chat-simulation';
import type { ProductRef } from '../domain/product-mentions';
import type { Logger } from '../../../core/hub/logger';
import { SignedPoster } from '../../../core/hub/auth/signed-poster';

/** How often the simulator posts: ten batches a second, like a busy bridge. */
const TICK_MS = 100;
/** Posts allowed in flight before ticks are skipped (the hub is the bottleneck then; piling up helps nobody). */
const MAX_IN_FLIGHT = 4;

/** The rehearsal simulator: generates chat and posts it through the same signed `POST /api/v1/chat` as a real bridge. */
export class ChatSimulator {
  private timer: NodeJS.Timeout | null = null;
  private current: ChatSimulationSettings | null = null;
  private readonly poster: SignedPoster;

  constructor(
    private readonly deps: { url: () => string; secret: string; products: () => readonly ProductRef[]; log: Logger },
  ) {
    this.poster = new SignedPoster({ url: deps.url, path: '/api/v1/chat', secret: deps.secret, log: deps.log, what: 'chat simulator' });
  }

  /** The running settings, or null when stopped. */
  get settings(): ChatSimulationSettings | null {
    return this.current;
  }

  /** Starts (or restarts with new settings). */
  start(settings: ChatSimulationSettings): void {
    this.stop();
    const runId = randomBytes(4).toString('hex');
    const simulation = createChatSimulation(settings, this.deps.products(), randomBytes(4).readUInt32LE());
    const startedAt = Date.now();
    let carry = 0;
    this.current = settings;
    this.timer = setInterval(() => {
      const wanted = (simulatedRate(settings, Date.now() - startedAt) * TICK_MS) / 1000 + carry;
      const count = Math.floor(wanted);
      carry = wanted - count;
      if (count === 0) return;
      if (this.poster.inFlight >= MAX_IN_FLIGHT) return;
      const messages = simulation.next(count, Date.now(), runId);
      for (let i = 0; i < messages.length; i += CHAT_LIMITS.messagesPerBatch) {
        void this.poster.post({ messages: messages.slice(i, i + CHAT_LIMITS.messagesPerBatch) });
      }
    }, TICK_MS);
  }

  /** Stops; posts in flight finish. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.current = null;
  }
}
