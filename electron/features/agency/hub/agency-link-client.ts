import { io, type Socket } from 'socket.io-client';
import type { AgencyLinkView } from '../domain/agency-link';
import type { RoomStatus } from '../domain/room-status';
import {
  LINK_NAMESPACE,
  LINK_PROTOCOL_VERSION,
  MAX_LINK_BATCH,
  type LinkAgencyToStudio,
  type LinkCommand,
  type LinkCommandAnswer,
  type LinkNote,
  type LinkStudioToAgency,
  type LinkWelcome,
} from '../protocol/link-protocol';
import type { LedgerReader } from '../../sales/protocol/ledger-service';

/** How long the agency has to answer a batch before the studio sends it again (from where the agency's copy ends). */
const BATCH_ANSWER_MS = 30_000;
/** How often the room's status is looked at (sent when it changed), and the longest silence (a heartbeat). */
const STATUS_CHECK_MS = 1_000;
const STATUS_HEARTBEAT_MS = 10_000;
/** Wait before sending again after the agency could not store a batch. */
const RETRY_MS = 2_000;

/** What a link needs from the studio. */
export interface LinkSources {
  ledger: LedgerReader;
  status(): RoomStatus;
  onNote(note: LinkNote): void;
  /** Runs a command from the agency's console (the hub checks whether it may). */
  onCommand(command: LinkCommand): Promise<LinkCommandAnswer>;
  onChange(view: AgencyLinkView): void;
}

/**
 * One studio's outbound link to its agency: connects (socket.io client, nothing listens on the studio), learns where
 * the agency's copy of the ledger ends, sends every entry after it in order until both hold the same chain, then keeps
 * sending new entries and the room's status. It reconnects by itself; an offline studio keeps selling and catches up.
 */
export class AgencyLinkClient {
  private readonly socket: Socket<LinkAgencyToStudio, LinkStudioToAgency>;
  private view: AgencyLinkView;
  /** Entries the agency holds (its last seq); null until it said so on this connection. */
  private agencyHas: number | null = null;
  private isPumping = false;
  private isPumpWanted = false;
  private lastStatus = '';
  private lastStatusAt = 0;
  private readonly statusTimer: NodeJS.Timeout;
  private retryTimer: NodeJS.Timeout | null = null;

  constructor(
    url: string,
    token: string,
    private readonly sources: LinkSources,
    allowsCommands = false,
  ) {
    this.view = { url, state: 'connecting', problem: null, agencyName: null, roomName: null, sentEntries: 0, entries: sources.ledger.entryCount(), lastContactAt: null, allowsCommands };
    this.socket = io(`${url}${LINK_NAMESPACE}`, {
      auth: { token, protocol: LINK_PROTOCOL_VERSION },
      transports: ['websocket'],
      reconnectionDelay: 1_000,
      reconnectionDelayMax: 10_000,
    });
    this.socket.on('link.welcome', (welcome) => this.welcomed(welcome));
    this.socket.on('link.note', (note) => {
      if (typeof note?.text === 'string' && typeof note.from === 'string') this.sources.onNote({ from: note.from.slice(0, 120), text: note.text.slice(0, 500), at: Date.now() });
    });
    this.socket.on('link.command', (command, ack) => {
      if (typeof ack !== 'function') return;
      if (typeof command?.name !== 'string' || typeof command.from !== 'string') {
        return ack({ ok: false, message: 'The studio could not read this command (no name or sender): update the agency console.' });
      }
      void this.sources
        .onCommand({ name: command.name.slice(0, 64), payload: command.payload, from: command.from.slice(0, 120) })
        .then(ack, () => ack({ ok: false, message: 'The studio hit an internal error running the command; it keeps running. Look at the room and try again.' }));
    });
    this.socket.on('connect_error', (err) => {
      // An agency that refused the token stops the client's retries (socket.active false): say its sentence.
      if (!this.socket.active) this.update({ state: 'refused', problem: err.message });
      else this.update({ state: 'offline', problem: `The agency at ${url} cannot be reached (${err.message}). The studio keeps everything and sends it when the agency is back.` });
    });
    this.socket.on('disconnect', (reason) => {
      this.agencyHas = null;
      if (reason === 'io server disconnect') {
        this.update({ state: 'refused', problem: 'The agency closed the link (the studio token may have been revoked, or this studio linked again elsewhere). Ask the agency for a new token, then unlink and link again with it.' });
      }
      else if (reason !== 'io client disconnect') this.update({ state: 'offline', problem: `The link to the agency dropped (${reason}); reconnecting.` });
    });
    this.statusTimer = setInterval(() => this.tick(), STATUS_CHECK_MS);
  }

  /** The link as the anchor's window shows it. */
  get current(): AgencyLinkView {
    return this.view;
  }

  /** New entries were committed: send them (coalesced with a send under way). */
  entriesAdded(): void {
    this.update({ entries: this.sources.ledger.entryCount() });
    void this.pump();
  }

  /** The anchor allowed or forbade agency commands. */
  setAllowsCommands(allowsCommands: boolean): void {
    this.update({ allowsCommands });
  }

  /** Stops the link for good (unlink, hub shutdown). */
  close(): void {
    clearInterval(this.statusTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.socket.disconnect();
  }

  private welcomed(welcome: LinkWelcome): void {
    const { ledger } = this.sources;
    const entries = ledger.entryCount();
    const theirs = Number(welcome?.lastSeq);
    if (!Number.isInteger(theirs) || theirs < 0) return;
    const ours = theirs > 0 && theirs <= entries ? ledger.entriesAfter(theirs - 1, 1)[0] : undefined;
    if (theirs > entries || (theirs > 0 && ours?.hash !== welcome.lastHash)) {
      this.update({
        state: 'refused',
        problem: `The agency's copy of this room (${theirs} entries) is not this studio's ledger (${entries} entries): the token belongs to another studio, or this studio's data was replaced. Ask the agency for a new room and token.`,
      });
      this.socket.disconnect();
      return;
    }
    this.agencyHas = theirs;
    this.lastStatus = '';
    this.update({ state: 'linked', problem: null, agencyName: String(welcome.agencyName ?? ''), roomName: String(welcome.roomName ?? ''), sentEntries: theirs, entries, lastContactAt: Date.now() });
    this.tick();
    void this.pump();
  }

  /** Sends entries until the agency holds all of them; one batch at a time, each after the last one's answer. */
  private async pump(): Promise<void> {
    if (this.isPumping) {
      this.isPumpWanted = true;
      return;
    }
    this.isPumping = true;
    try {
      do {
        this.isPumpWanted = false;
        while (this.agencyHas !== null && this.socket.connected && this.agencyHas < this.sources.ledger.entryCount()) {
          const entries = this.sources.ledger.entriesAfter(this.agencyHas, MAX_LINK_BATCH);
          if (!entries.length) break;
          const answer = await this.socket.timeout(BATCH_ANSWER_MS).emitWithAck('link.entries', { entries });
          if (answer.ok) {
            this.agencyHas = answer.lastSeq;
            this.update({ sentEntries: answer.lastSeq, lastContactAt: Date.now() });
          } else if (answer.code === 'unavailable') {
            this.retryTimer ??= setTimeout(() => {
              this.retryTimer = null;
              void this.pump();
            }, RETRY_MS);
            return;
          } else {
            // A broken chain or a batch the agency cannot read: sending it again would not help; say why and stop.
            this.update({ state: 'refused', problem: answer.message });
            this.socket.disconnect();
            return;
          }
        }
      } while (this.isPumpWanted);
    } catch {
      // No answer in time: the connection is likely gone; the next welcome says where to start again.
    } finally {
      this.isPumping = false;
    }
  }

  private tick(): void {
    if (this.agencyHas === null || !this.socket.connected) return;
    if (this.agencyHas < this.sources.ledger.entryCount() && !this.retryTimer) void this.pump();
    const status = this.sources.status();
    const text = JSON.stringify({ ...status, at: 0 });
    if (text === this.lastStatus && Date.now() - this.lastStatusAt < STATUS_HEARTBEAT_MS) return;
    this.lastStatus = text;
    this.lastStatusAt = Date.now();
    this.socket.emit('link.status', status);
  }

  private update(change: Partial<AgencyLinkView>): void {
    this.view = { ...this.view, ...change };
    this.sources.onChange(this.view);
  }
}
