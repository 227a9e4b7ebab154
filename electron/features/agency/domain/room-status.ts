import type { ObsStatus, StudioState } from '../../../core/domain/studio-state';
import { showPhaseOf, type ShowPhase } from '../../../core/domain/show-phase';
import { HEALTH_ALERT_CODES, type HealthAlertCode } from '../../health/domain/health-alerts';
import type { DestinationStatus } from '../../output/domain/output';
import type { LedgerSettings } from '../../sales/domain/ledger';
import type { Tallies } from '../../sales/domain/tallies';
import type { ChatEntry } from '../../chat/domain/chat';
import type { Cue } from '../../rundown/domain/rundown';

/** Every alert a room can raise: the studio's own, then OBS's health alerts. */
export const ROOM_ALERT_CODES = ['obs-down', 'destination-down', 'stock-low', ...HEALTH_ALERT_CODES] as const;

/** Why an agency should look at a room now; `detail` names what (a destination, a microphone, a SKU). */
export type RoomAlertCode = (typeof ROOM_ALERT_CODES)[number];

/** One alert of a room. */
export interface RoomAlert {
  code: RoomAlertCode;
  detail: string;
}

/** A buyer question nobody has answered yet. */
export interface OpenQuestion {
  author: string;
  text: string;
  askCount: number;
  at: number;
}

/** Most cues of the run of show a status carries. */
export const MAX_STATUS_CUES = 200;

/** Most open questions a status carries (the newest; the count covers them all). */
export const MAX_STATUS_QUESTIONS = 5;

/**
 * What a studio tells its agency about its room, whole each time (latest wins): the show, the air, OBS and the
 * destinations, alerts, open buyer questions, and the settings its sales figures follow. Never a key or a token.
 */
export interface RoomStatus {
  at: number;
  title: string;
  phase: ShowPhase;
  /** When the show on air went live; null off air. */
  liveSince: number | null;
  cue: { id: string; label: string } | null;
  /** The run of show, in order (the first MAX_STATUS_CUES cues). */
  cues: Array<{ id: string; label: string }>;
  obs: ObsStatus;
  destinations: Array<{ name: string; platform: string; status: DestinationStatus | 'idle' }>;
  alerts: RoomAlert[];
  openQuestions: { count: number; newest: OpenQuestion[] };
  /** What the studio's own figures follow, so the agency's figures for the show are the studio's to the cent. */
  sales: Pick<LedgerSettings, 'currency' | 'showStartedAt' | 'rehearsalClearedAt'>;
}

/** The parts of a studio a status is made from (its state plus what its features broadcast). */
export interface RoomSources {
  state: StudioState;
  tallies: Tallies;
  settings: LedgerSettings;
  healthAlerts: ReadonlyArray<{ code: HealthAlertCode; source?: string }>;
  questions: ReadonlyArray<{ entry: ChatEntry; askCount: number }>;
  /** A cue's name as the cue list shows it (a product cue without a label is its product's title). */
  cueName(cue: Cue): string;
}

/** The room's status, derived from the studio's own state and figures. */
export function roomStatusOf(sources: RoomSources, now: number): RoomStatus {
  const { state, tallies, settings } = sources;
  const health = new Map((state.output.engine?.destinations ?? []).map((d) => [d.id, d.status]));
  const isLive = state.live.isLive;
  const destinations = state.output.destinations
    .filter((d) => d.isEnabled)
    .map((d) => ({ name: d.name, platform: d.platform, status: isLive ? (health.get(d.id) ?? 'idle') : ('idle' as const) }));
  const cue = state.rundown.cues.find((c) => c.id === state.rundown.currentCueId);
  const alerts: RoomAlert[] = [];
  if (state.obs.status !== 'connected') alerts.push({ code: 'obs-down', detail: state.obs.status });
  for (const d of destinations) if (d.status === 'failed' || d.status === 'reconnecting') alerts.push({ code: 'destination-down', detail: d.name });
  for (const a of sources.healthAlerts) alerts.push({ code: a.code, detail: a.source ?? '' });
  for (const [sku, stock] of Object.entries(tallies.stock)) if (stock.isLow) alerts.push({ code: 'stock-low', detail: sku });
  const open = sources.questions.filter((q) => !q.entry.isAnswered);
  return {
    at: now,
    title: state.show.title,
    phase: showPhaseOf(state.live),
    liveSince: isLive ? state.live.startedAt : null,
    cue: cue ? { id: cue.id, label: sources.cueName(cue) } : null,
    cues: state.rundown.cues.slice(0, MAX_STATUS_CUES).map((c) => ({ id: c.id, label: sources.cueName(c) })),
    obs: state.obs.status,
    destinations,
    alerts,
    openQuestions: {
      count: open.length,
      newest: [...open]
        .sort((a, b) => b.entry.receivedAt - a.entry.receivedAt)
        .slice(0, MAX_STATUS_QUESTIONS)
        .map((q) => ({ author: q.entry.user.name, text: q.entry.text, askCount: q.askCount, at: q.entry.receivedAt })),
    },
    sales: { currency: settings.currency, showStartedAt: settings.showStartedAt, rehearsalClearedAt: settings.rehearsalClearedAt },
  };
}
