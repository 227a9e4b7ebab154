/**
 * Chat moderation restated as a moderator's notebook: every message in arrival order with what was done to it (hidden,
 * highlighted, dismissed), the pinned one, the questions on the board (a question asked again in the same words joins
 * it), and what going on air clears. Shares no code with electron/features/chat: the hub's store, its lane bookkeeping
 * and its go-live cut are checked against these plain rules. Texts are given with whether they ask something; the
 * model does not parse language.
 */

/** What the model says a moderation request did. */
export type ChatOutcome = 'done' | 'notOnScreen';

/** One message as the notebook keeps it. */
export interface ModelMessage {
  key: string;
  text: string;
  isQuestion: boolean;
  /** 'gone': hidden by a moderator, or cleared when the show went on air. */
  isOnScreen: boolean;
  isHighlighted: boolean;
  isDismissed: boolean;
}

/** A question on the board: its first ask, every ask of it, and how many asked. */
export interface ModelQuestion {
  first: string;
  asks: string[];
  askCount: number;
}

/** The reference chat. */
export class ChatModerationModel {
  messages: ModelMessage[] = [];
  pinned: string | null = null;
  /** The questions board, by the words asked (a fixed set of texts here, so "the same words" is plain equality). */
  board = new Map<string, ModelQuestion>();

  /** A message arrives on screen; an open question goes on the board (or joins the same question there). */
  arrive(key: string, text: string, isQuestion: boolean): void {
    const message: ModelMessage = { key, text, isQuestion, isOnScreen: true, isHighlighted: false, isDismissed: false };
    this.messages.push(message);
    this.offer(message);
  }

  /** Takes a message off every screen (and off the stream if pinned); a question whose first ask it was leaves the board. */
  hide(key: string): ChatOutcome {
    const message = this.onScreen(key);
    if (!message) return 'notOnScreen';
    message.isOnScreen = false;
    if (this.pinned === key) this.pinned = null;
    for (const [words, q] of this.board) if (q.first === key) this.board.delete(words);
    return 'done';
  }

  /** Highlights (or not) a message on screen; an open question not on the board comes back to it. */
  highlight(key: string, isOn: boolean): ChatOutcome {
    const message = this.onScreen(key);
    if (!message) return 'notOnScreen';
    message.isHighlighted = isOn;
    if (![...this.board.values()].some((q) => q.first === key)) this.offer(message);
    return 'done';
  }

  /** Pins a message on screen to the stream, or unpins (null). */
  pin(key: string | null): ChatOutcome {
    if (key !== null && !this.onScreen(key)) return 'notOnScreen';
    this.pinned = key;
    return 'done';
  }

  /**
   * Dismisses a message on screen: when it is (or asks) a question on the board, every ask of that question is
   * dismissed and the question leaves the board. A message not on screen is refused and nothing changes.
   */
  dismiss(key: string): ChatOutcome {
    const message = this.onScreen(key);
    if (!message) return 'notOnScreen';
    const entry = [...this.board.entries()].find(([, q]) => q.first === key) ?? [...this.board.entries()].find(([, q]) => q.asks.includes(key));
    const keys = entry ? [key, ...entry[1].asks] : [key];
    for (const m of this.messages) if (keys.includes(m.key) && m.isOnScreen) m.isDismissed = true;
    if (entry) this.board.delete(entry[0]);
    return 'done';
  }

  /** On air: everything chat made before goes (messages, the pin, the board). */
  goLive(): void {
    for (const m of this.messages) m.isOnScreen = false;
    this.pinned = null;
    this.board.clear();
  }

  /** Messages on screen, in arrival order. */
  visible(): ModelMessage[] {
    return this.messages.filter((m) => m.isOnScreen);
  }

  private onScreen(key: string): ModelMessage | undefined {
    return this.messages.find((m) => m.key === key && m.isOnScreen);
  }

  /** An open question joins the question asked in the same words, or starts one. */
  private offer(message: ModelMessage): void {
    if (!message.isQuestion || message.isDismissed || !message.isOnScreen) return;
    const q = this.board.get(message.text);
    if (!q) this.board.set(message.text, { first: message.key, asks: [message.key], askCount: 1 });
    else if (!q.asks.includes(message.key)) {
      q.asks.push(message.key);
      q.askCount += 1;
    }
  }
}
