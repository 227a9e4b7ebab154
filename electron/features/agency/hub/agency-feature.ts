import { failure, type CommandResult } from '../../../core/protocol';
import type { HubContext, HubFeature, HubFeatureFactory } from '../../../core/hub/hub-feature';
import type { Principal } from '../../../core/hub/auth/tokens';
import { SecretBoxError } from '../../../core/hub/auth/secret-box';
import { AGENCY_COMMANDS_OFF, AGENCY_STEERING_COMMANDS, agencyUrlOf } from '../domain/agency-link';
import { isCommandName } from '../../../core/protocol/commands';
import { roomStatusOf, type RoomSources } from '../domain/room-status';
import { AGENCY_LINK_EVENT } from '../protocol/agency-events';
import { LEDGER_READER } from '../../sales/protocol/ledger-service';
import { TALLY_EVENT } from '../../sales/protocol/sales-events';
import { CHAT_EVENTS } from '../../chat/protocol/chat-events';
import { OBS_HEALTH_EVENT } from '../../health/protocol/health-events';
import { AgencyLinkClient } from './agency-link-client';
import { CATALOG_READER } from '../../catalog/protocol/catalog-service';
import { productTitle } from '../../catalog/domain/catalog';
import type { Cue } from '../../rundown/domain/rundown';

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

  const cueName = (cue: Cue) => {
    const product = cue.sku ? catalog()?.get(cue.sku) : undefined;
    return cue.label || (product ? productTitle(product, 'zh') : (cue.sku ?? cue.segment ?? ''));
  };
  const catalog = () => {
    try {
      return ctx.use(CATALOG_READER);
    } catch {
      return null; // a hub without the catalog feature names product cues by SKU
    }
  };
  const open = (url: string, token: string, allowsCommands: boolean) => {
    client?.close();
    ctx.log.addSecret(token);
    const ledger = ctx.use(LEDGER_READER);
    client = new AgencyLinkClient(url, token, {
      ledger,
      status: () => roomStatusOf({ state: ctx.store.current, tallies: ledger.tallies(), settings: ledger.settings(), cueName, ...sources }, Date.now()),
      onNote: (note) => void ctx.execute(agencyProducer(note.from), 'note.send', { text: note.text }),
      async onCommand(command) {
        if (!client?.current.allowsCommands) return { ok: false, message: AGENCY_COMMANDS_OFF };
        if (!isCommandName(command.name)) return { ok: false, message: `The studio has no command "${command.name}": update the agency console.` };
        if (!AGENCY_STEERING_COMMANDS.includes(command.name)) {
          return { ok: false, message: `An agency may run this studio's rundown (${AGENCY_STEERING_COMMANDS.join(', ')}), not ${command.name}.` };
        }
        const result = await ctx.execute(agencyProducer(command.from), command.name, command.payload);
        return result.ok ? { ok: true } : { ok: false, message: result.error.message };
      },
      onChange: (view) => ctx.broadcast(AGENCY_LINK_EVENT, { link: view }, LINK_VIEWERS),
    }, allowsCommands);
  };
  const stored = () =>
    ctx.db.prepare('SELECT url, sealed_token, allow_commands FROM agency_link WHERE id = 1').get() as { url: string; sealed_token: string; allow_commands: number } | undefined;

  return {
    name: 'agency',
    migrations: [
      {
        feature: 'agency',
        version: 1,
        // The one agency this studio is linked to; the token sealed by the secret box, never in plain text.
        sql: `CREATE TABLE agency_link (
          id INTEGER PRIMARY KEY CHECK (id = 1), url TEXT NOT NULL, sealed_token TEXT NOT NULL, linked_at INTEGER NOT NULL,
          allow_commands INTEGER NOT NULL DEFAULT 0
        );`,
      },
    ],
    start() {
      const row = stored();
      if (!row) return;
      try {
        open(row.url, ctx.secrets.open(row.sealed_token), row.allow_commands === 1);
      } catch (err) {
        if (!(err instanceof SecretBoxError)) throw err;
        ctx.log.warn('The agency link token could not be opened on this computer; the anchor must paste it again.');
      }
    },
    commands: {
      'agency.link': (payload): CommandResult => {
        const checked = agencyUrlOf(payload.url);
        if ('problem' in checked) return failure('rejected', checked.problem);
        // A new link starts with agency commands off, whatever the last one allowed.
        ctx.db.prepare('INSERT OR REPLACE INTO agency_link (id, url, sealed_token, linked_at, allow_commands) VALUES (1, ?, ?, ?, 0)').run(checked.url, ctx.secrets.seal(payload.token), Date.now());
        open(checked.url, payload.token, false);
        return { ok: true, version: ctx.store.current.version };
      },
      'agency.permit': (payload): CommandResult => {
        if (!client) return failure('rejected', 'The studio is not linked to an agency: link it first.');
        ctx.db.prepare('UPDATE agency_link SET allow_commands = ? WHERE id = 1').run(payload.allowCommands ? 1 : 0);
        client.setAllowsCommands(payload.allowCommands);
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
