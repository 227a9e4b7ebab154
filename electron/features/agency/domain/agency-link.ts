/** Where a studio's link to its agency stands. */
export type AgencyLinkState = 'connecting' | 'linked' | 'offline' | 'refused';

/** The studio's link to its agency as the anchor's window shows it (never the token). */
export interface AgencyLinkView {
  /** The agency's address the anchor pasted. */
  url: string;
  state: AgencyLinkState;
  /** Why the link is offline or refused, in English (the agency's own sentence when it refused); null when fine. */
  problem: string | null;
  agencyName: string | null;
  roomName: string | null;
  /** Ledger entries the agency holds, of the studio's `entries`. */
  sentEntries: number;
  entries: number;
  /** Last time the agency answered, epoch ms. */
  lastContactAt: number | null;
  /** Whether the anchor lets the agency's producers send producer commands (each still checked by the hub). */
  allowsCommands: boolean;
}

/** Why a command from the agency is refused while the anchor has not allowed agency commands. */
export const AGENCY_COMMANDS_OFF = 'The anchor has not allowed the agency to send commands to this studio (Co-hosts > Agency).';

/** True for names of this computer (an agency node run beside the studio, for a test or a one-PC agency). */
function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * Commands an agency's producer may send a room (where the anchor allowed agency commands): running the show's
 * rundown and its product card and flash sales. Never the ledger, the air or the studio's settings.
 */
export const AGENCY_STEERING_COMMANDS: readonly string[] = ['cue.goto', 'cue.next', 'cue.prev', 'overlay.set', 'flash.start', 'flash.end', 'show.rename'];

/** Checks an agency address the anchor typed; returns the normalised URL or a sentence saying what is wrong. */
export function agencyUrlOf(text: string): { url: string } | { problem: string } {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { problem: 'The agency address is not a web address. Paste the address your agency gave you, like https://agency.example.com.' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { problem: `The agency address must start with https:// (not ${url.protocol}).` };
  // The link carries the studio token and every order: in clear only to an agency on this very computer.
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return { problem: 'The agency address must start with https:// (the link carries your studio token and your sales). Ask your agency for its https address.' };
  }
  if (url.username || url.password) return { problem: 'The agency address must not contain a user name or password; the studio token is pasted on its own.' };
  return { url: url.origin };
}
