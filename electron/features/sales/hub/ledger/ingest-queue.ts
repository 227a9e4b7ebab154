import type { CommitResult, IngestBatch, IngestOutcome, LedgerStore } from './ledger-store';

/** Most events one group commit takes; the rest go into the next one. */
const MAX_EVENTS_PER_COMMIT = 5000;

interface Pending {
  batch: IngestBatch;
  resolve(outcome: IngestOutcome & { seq: number }): void;
  reject(err: unknown): void;
}

/**
 * Group commit: requests that arrive while a commit runs (better-sqlite3 blocks the loop) share the next
 * transaction, so a burst costs one fsync, not one per order. Each caller is answered only after its commit.
 */
export class IngestQueue {
  private pending: Pending[] = [];
  private isScheduled = false;

  constructor(
    private readonly store: LedgerStore,
    private readonly onCommit: (result: CommitResult) => void,
  ) {}

  /** Queues a batch for the next commit; resolves once it is committed (never before: the webhook's 200 means saved). */
  submit(batch: IngestBatch): Promise<IngestOutcome & { seq: number }> {
    return new Promise((resolve, reject) => {
      this.pending.push({ batch, resolve, reject });
      if (!this.isScheduled) {
        this.isScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.isScheduled = false;
    let count = 0;
    let take = 0;
    while (take < this.pending.length && (take === 0 || count + this.pending[take]!.batch.events.length <= MAX_EVENTS_PER_COMMIT)) {
      count += this.pending[take]!.batch.events.length;
      take += 1;
    }
    const group = this.pending.splice(0, take);
    if (this.pending.length) {
      this.isScheduled = true;
      setImmediate(() => this.flush());
    }
    let result: CommitResult;
    try {
      result = this.store.commit(group.map((p) => p.batch));
    } catch (err) {
      for (const p of group) p.reject(err);
      return;
    }
    const seq = this.store.current.seq;
    group.forEach((p, i) => p.resolve({ ...result.outcomes[i]!, seq }));
    this.onCommit(result);
  }
}
