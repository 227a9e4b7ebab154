import { DEFAULT_LEDGER_SETTINGS, type LedgerSettings, type OrderEvent } from '../../electron/features/sales/domain/ledger';
import { GENESIS_HASH, type ChainedEntry } from '../../electron/features/sales/domain/ledger-entry';
import { MemoryLedger } from '../../electron/features/sales/domain/memory-ledger';
import type { Tallies } from '../../electron/features/sales/domain/tallies';
import type { LedgerReader } from '../../electron/features/sales/protocol/ledger-service';
import type { AgencyLinkView } from '../../electron/features/agency/domain/agency-link';
import type { RoomStatus } from '../../electron/features/agency/domain/room-status';
import { entryHash } from '../../electron/features/sales/hub/ledger/ledger-chain';
import { AgencyLinkClient } from '../../electron/features/agency/hub/agency-link-client';

/**
 * A studio for agency tests and benches: a ledger in memory with the studio's rules and its real hash chain, linked
 * by the studio's real link client. Many of them stand in for many studio PCs (a real hub each would need a machine
 * each); the embedded-mode test links real hubs.
 */
export class SimulatedStudio implements LedgerReader {
  readonly chain: ChainedEntry[] = [];
  readonly ledger = new MemoryLedger();
  /** When each entry was added (epoch ms, by seq - 1): for replication lag. */
  readonly addedAt: number[] = [];
  /** When the agency acknowledged each entry (by seq - 1). */
  readonly ackedAt: number[] = [];
  views: AgencyLinkView[] = [];
  client: AgencyLinkClient | null = null;
  private orders = 0;

  constructor(readonly name: string) {}

  /** Links to an agency with a studio token (closing any previous link). */
  link(url: string, token: string): void {
    this.client?.close();
    this.client = new AgencyLinkClient(url, token, {
      ledger: this,
      status: () => this.status(),
      onNote: () => undefined,
      onCommand: async () => ({ ok: false, message: 'A simulated studio runs no commands.' }),
      onChange: (view) => {
        this.views.push(view);
        const now = Date.now();
        for (let i = this.ackedAt.length; i < view.sentEntries; i++) this.ackedAt.push(now);
      },
    });
  }

  /** Closes the link (the studio goes offline or unlinks). */
  unlink(): void {
    this.client?.close();
    this.client = null;
  }

  /** Takes an order event into the ledger (a new entry when it is new) and tells the link. */
  add(event: OrderEvent): void {
    if (!this.ledger.ingest(event)) return;
    const prevHash = this.chain.at(-1)?.hash ?? GENESIS_HASH;
    const entry = { seq: this.chain.length + 1, event, source: 'http', receivedAt: Date.now() };
    this.chain.push({ ...entry, prevHash, hash: entryHash(prevHash, entry) });
    this.addedAt.push(Date.now());
    this.client?.entriesAdded();
  }

  /** Adds a paid order (and, every fifth, a partial refund of it): the studio's own figures change each time. */
  sell(now = Date.now()): void {
    const n = ++this.orders;
    const orderId = `${this.name}-o${n}`;
    this.add({ eventId: `${orderId}-paid`, platform: 'douyin', orderId, status: 'paid', occurredAt: now, currency: 'CNY', items: [{ sku: `SKU-${n % 7}`, quantity: 1 + (n % 3), unitPrice: 990 + n }] });
    if (n % 5 === 0) this.add({ eventId: `${orderId}-refund`, platform: 'douyin', orderId, status: 'refunded', occurredAt: now + 1, currency: 'CNY', items: [], refund: { amount: 500, restock: false } });
  }

  /** The last view of the link. */
  get view(): AgencyLinkView | undefined {
    return this.views.at(-1);
  }

  tallies(): Tallies {
    return this.ledger.tallies;
  }

  settings(): LedgerSettings {
    return DEFAULT_LEDGER_SETTINGS;
  }

  entriesAfter(afterSeq: number, limit: number): ChainedEntry[] {
    return this.chain.slice(afterSeq, afterSeq + limit);
  }

  entryCount(): number {
    return this.chain.length;
  }

  /** A live room's status. */
  status(): RoomStatus {
    return {
      at: Date.now(),
      title: `${this.name} live`,
      phase: 'live',
      liveSince: null,
      cue: null,
      cues: [],
      obs: 'connected',
      destinations: [],
      alerts: [],
      openQuestions: { count: 0, newest: [] },
      sales: { currency: 'CNY', showStartedAt: null, rehearsalClearedAt: null },
    };
  }
}
