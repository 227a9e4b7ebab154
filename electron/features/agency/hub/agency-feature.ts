import { failure, type CommandResult } from '../../../core/protocol';
import type { HubContext, HubFeature, HubFeatureFactory } from '../../../core/hub/hub-feature';
import type { Principal } from '../../../core/hub/auth/tokens';
import { SecretBoxError } from '../../../core/hub/auth/secret-box';
import { agencyUrlOf } from '../domain/agency-link';
import { roomStatusOf, type RoomSources } from '../domain/room-status';
import { AGENCY_LINK_EVENT } from '../protocol/agency-commands';
import { LEDGER_READER } from '../../sales/protocol/ledger-service';
import { TALLY_EVENT } from '../../sales/protocol/sales-events';
import { CHAT_EVENTS } from '../../chat/protocol/chat-events';
import { OBS_HEALTH_EVENT } from '../../health/protocol/health-events';
import { AgencyLinkClient } from './agency-link-client';

/** Only the anchor sees the link (it is theirs to make and break). */
const LINK_VIEWERS = 'anchor' as const;

/**
 * The studio's link to an MCN agency: the anchor pastes the agency's address and a studio token; the hub connects out
 * and replicates the ledger (exactly once, chain-checked by the agency) and the room's status. The token is kept
 * sealed by the secret box (the OS keychain in the desktop app), never in a log or a window.
 */
export const agencyFeature: HubFeatureFactory = (ctx: HubContext): HubFeature => {
  let client: AgencyLinkClient | null = null;
  const sources: Pick<RoomSources, 'healthAlerts' | 'questions'> = { healthAlerts: [], questions: [] };
  const unsubscribe = [
    ctx.onBroadcast(TALLY_EVENT, () => client?.entriesAdded()),
    ctx.onBroadcast(OBS_HEALTH_EVENT, (event) => void (sources.healthAlerts = event.health?.alerts ?? [])),
    ctx.onBroadcast(CHAT_EVENTS.lane, (event) => void (sources.questions = event.questions)),
  ];
  // Notes from the agency's producers reach the anchor as any producer's note does (checked and audited by the hub).
  const agencyProducer = (from: string): Principal => ({ id: 'agency', role: 'producer', name: `${from} (agency)` });

  const open = (url: string, token: string) => {
    client?.close();
    ctx.log.addSecret(token);
    const ledger = ctx.use(LEDGER_READER);
    client = new AgencyLinkClient(url, token, {
      ledger,
      status: () => roomStatusOf({ state: ctx.store.current, tallies: ledger.tallies(), settings: ledger.settings(), ...sources }, Date.now()),
      onNote: (note) => void ctx.execute(agencyProducer(note.from), 'note.send', { text: note.text }),
      onChange: (view) => ctx.broadcast(AGENCY_LINK_EVENT, { link: view }, LINK_VIEWERS),
    });
  };
  const stored = () => ctx.db.prepare('SELECT url, sealed_token FROM agency_link WHERE id = 1').get() as { url: string; sealed_token: string } | undefined;

  return {
    name: 'agency',
    migrations: [
      {
        feature: 'agency',
        version: 1,
        // The one agency this studio is linked to; the token sealed by the secret box, never in plain text.
        sql: 'CREATE TABLE agency_link (id INTEGER PRIMARY KEY CHECK (id = 1), url TEXT NOT NULL, sealed_token TEXT NOT NULL, linked_at INTEGER NOT NULL);',
      },
    ],
    start() {
      const row = stored();
      if (!row) return;
      try {
        open(row.url, ctx.secrets.open(row.sealed_token));
      } catch (err) {
        if (!(err instanceof SecretBoxError)) throw err;
        ctx.log.warn('The agency link token could not be opened on this computer; the anchor must paste it again.');
      }
    },
    commands: {
      'agency.link': (payload): CommandResult => {
        const checked = agencyUrlOf(payload.url);
        if ('problem' in checked) return failure('invalid', checked.problem);
        ctx.db.prepare('INSERT OR REPLACE INTO agency_link (id, url, sealed_token, linked_at) VALUES (1, ?, ?, ?)').run(checked.url, ctx.secrets.seal(payload.token), Date.now());
        open(checked.url, payload.token);
        return { ok: true, version: ctx.store.current.version };
      },
      'agency.unlink': (): CommandResult => {
        client?.close();
        client = null;
        ctx.db.prepare('DELETE FROM agency_link').run();
        ctx.broadcast(AGENCY_LINK_EVENT, { link: null }, LINK_VIEWERS);
        return { ok: true, version: ctx.store.current.version };
      },
    },
    onConnect(send, principal) {
      if (principal.role === LINK_VIEWERS) send(AGENCY_LINK_EVENT, { link: client?.current ?? null });
    },
    close() {
      for (const off of unsubscribe) off();
      client?.close();
      client = null;
    },
  };
};
