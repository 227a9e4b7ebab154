import { diffTallies } from '../domain/tallies-patch';
import type { TallyEvent, TallyPatchEvent } from '../protocol/sales-events';

/** Shortest gap between two live tally broadcasts: enough for a readable screen, and it keeps UIs cheap under load. */
export const TALLY_BROADCAST_INTERVAL_MS = 40;
/** How often a window gets a whole event instead of a patch, so one that ever missed a patch is whole again soon. */
export const TALLY_WHOLE_EVERY_MS = 10_000;

/** Where sent tally events go. */
export interface TallyOutlets {
  /** The hub's own listeners (stock on the product card, sold-out flash sales): every event sent, whole. */
  hub(event: TallyEvent): void;
  /** The windows: the change from the event sent before (what every connected window holds). */
  patch(event: TallyPatchEvent): void;
  /** The windows: a whole event, every TALLY_WHOLE_EVERY_MS. */
  whole(event: TallyEvent): void;
}

/**
 * Sends committed tally events at most every `intervalMs`. Every event is persisted with its own seq before this sees
 * it; when several commit within one interval only the newest is sent, carrying the changes of the skipped ones, so a
 * live client may see seq jump by more than one. Windows get it as a patch on the one sent before: with a full
 * catalog a whole event is ~340 kB and a busy commit changes a few of its entries.
 */
export function createTallyPublisher(out: TallyOutlets, first: TallyEvent, intervalMs = TALLY_BROADCAST_INTERVAL_MS, wholeEveryMs = TALLY_WHOLE_EVERY_MS) {
  /** The event sent last (or the one the hub started with): what the next patch applies to. */
  let base = first;
  let lastSentAt = -Infinity;
  let lastWholeAt = performance.now();
  let pending: TallyEvent | null = null;
  let carried: TallyEvent['changes'] = [];
  let carriedCount = 0;
  let timer: NodeJS.Timeout | null = null;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (!pending) return;
    const changes = [...carried, ...pending.changes].slice(-50);
    const event = { ...pending, changes, changedCount: carriedCount + pending.changedCount };
    pending = null;
    carried = [];
    carriedCount = 0;
    lastSentAt = performance.now();
    out.hub(event);
    if (lastSentAt - lastWholeAt >= wholeEveryMs) {
      lastWholeAt = lastSentAt;
      out.whole(event);
    } else {
      const { tallies, ...rest } = event;
      out.patch({ ...rest, baseSeq: base.seq, patch: diffTallies(base.tallies, tallies) });
    }
    base = event;
  };
  const publish = (event: TallyEvent) => {
    if (pending) {
      carried = [...carried, ...pending.changes].slice(-50);
      carriedCount += pending.changedCount;
    }
    pending = event;
    const wait = lastSentAt + intervalMs - performance.now();
    if (wait <= 0) flush();
    else timer ??= setTimeout(flush, wait);
  };
  /** Sends what is pending now and returns the event sent last: a window connecting now starts from it. */
  publish.flushNow = (): TallyEvent => {
    flush();
    return base;
  };
  publish.close = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  return publish;
}
