import type { TallyEvent } from '../protocol/sales-events';

/** Shortest gap between two live tally broadcasts: enough for a readable screen, and it keeps UIs cheap under load. */
export const TALLY_BROADCAST_INTERVAL_MS = 40;

/**
 * Sends committed tally events to clients at most every TALLY_BROADCAST_INTERVAL_MS. Every event is persisted with its
 * own seq before this sees it; when several commit within one interval only the newest is sent (it is a full
 * snapshot), carrying the changes of the skipped ones, so a live client may see seq jump by more than one.
 */
export function createTallyPublisher(send: (event: TallyEvent) => void, intervalMs = TALLY_BROADCAST_INTERVAL_MS) {
  let lastSentAt = -Infinity;
  let pending: TallyEvent | null = null;
  let carried: TallyEvent['changes'] = [];
  let carriedCount = 0;
  let timer: NodeJS.Timeout | null = null;
  const flush = () => {
    timer = null;
    if (!pending) return;
    const changes = [...carried, ...pending.changes].slice(-50);
    const event = { ...pending, changes, changedCount: carriedCount + pending.changedCount };
    pending = null;
    carried = [];
    carriedCount = 0;
    lastSentAt = performance.now();
    send(event);
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
  publish.close = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  return publish;
}
