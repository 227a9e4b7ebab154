import type { CameraPreset } from '../../scenes/domain/scenes';
import type { ShowPhase } from '../../../core/domain/show-phase';

/** Languages the product card is painted in. */
export type OverlayLanguage = 'zh-CN' | 'en';

/** Kinds of non-product cues a sell-along show is made of. */
export const SEGMENT_KINDS = ['opening', 'giveaway', 'break', 'qa', 'closing', 'custom'] as const;

/** One of SEGMENT_KINDS. */
export type SegmentKind = (typeof SEGMENT_KINDS)[number];

/** One step of the run of show: a product to sell, or a segment (opening, giveaway, break...). */
export interface Cue {
  id: string;
  kind: 'product' | 'segment';
  /** The product this cue sells; null for segments. */
  sku: string | null;
  /** The segment kind; null for product cues. */
  segment: SegmentKind | null;
  /** What the cue list shows (a product cue may leave it empty and show the product title). */
  label: string;
  /** Planned time on air, ms. */
  plannedMs: number;
  /** Scene and camera preset this cue switches to; null takes the product's own, then keeps what is on. */
  scene: string | null;
  cameraPreset: CameraPreset | null;
  /** The product card as this cue goes live: shown or hidden; absent leaves it as it is (cues saved before it existed). */
  card?: CueCard;
  /** What the anchor reads on this cue; on a product cue, when not blank, it replaces the product's own script. */
  script?: string;
  /** The producer's note for this cue: on the cue row and the teleprompter while the cue is live. */
  note?: string;
  /** Who is on for this cue (a lecturer, a guest, the anchor): a change of presenter is a handoff (presenters.ts). */
  presenter?: string;
}

/** What a cue does with the product card as it goes live. */
export type CueCard = 'show' | 'hide';

/** Parts of a "Go" on a cue that did not land (planned in cue-go.ts). */
export type CueWarningKey =
  /** The cue's product is no longer in the catalog: no card, no price. */
  | 'productMissing'
  /** The scene asked for does not exist in OBS (a typo, a renamed scene): the picture stayed where it was. */
  | 'sceneMissing'
  /** OBS (or the show's rules) refused the scene switch; `cause` says why. */
  | 'sceneNotSwitched'
  /** The camera preset was not applied; `cause` says why. */
  | 'presetNotApplied'
  /** The card is on but the scene on air does not carry it (opening, break): viewers do not see it. */
  | 'cardNotInScene'
  /** The sales timeline was not marked: orders keep the previous cue; `cause` says why. */
  | 'timelineNotMarked';

/** A part of "Go" that did not land, with what the window needs to say it. */
export interface CueWarning {
  key: CueWarningKey;
  params?: Record<string, string>;
  /** The refusal behind it, as the hub sent it (its English sentence and, when it has one, its refusal key). */
  cause?: { message: string; refusal?: { key: string; params?: Record<string, string | number> } };
}

/** A flash sale running on one product: a sale price until `endsAt`, optionally for a limited number of units. */
export interface FlashSale {
  sku: string;
  /** Sale price, minor units of the product's currency. */
  price: number;
  startedAt: number;
  endsAt: number;
  /** Units offered at the sale price; null when not limited. */
  limit: number | null;
  /**
   * Units of the product paid before the sale began: what the sale sold is counted from here (price.ts). Absent in
   * sales saved by earlier versions: counted from zero.
   */
  unitsPaidAtStart?: number;
}

/** The live run of show: the ordered cues and where the show is in them. */
export interface RundownState {
  cues: Cue[];
  currentCueId: string | null;
  /** When the current cue's present stint began, epoch ms; null when no cue is live. */
  cueStartedAt: number | null;
  /** Time spent on each cue in earlier stints (going back to a cue keeps counting from where it was), ms. */
  spentMs: Record<string, number>;
  /** Whether the product card is on the stream. */
  isOverlayVisible: boolean;
  /** Language of the product card viewers see. */
  overlayLanguage: OverlayLanguage;
  flash: FlashSale | null;
  /** The last "Go": which cue, when, and every part of it that did not land (shown on the live cue until the next). */
  lastGo: { cueId: string; at: number; warnings: CueWarning[] } | null;
}

/** Most cues one show holds. */
export const MAX_CUES = 500;

/** Longest producer note on a cue, characters. */
export const MAX_CUE_NOTE = 500;

/** Longest presenter name on a cue, characters. */
export const MAX_PRESENTER = 40;

/** The run of show of a studio that has none yet. */
export function initialRundown(): RundownState {
  return { cues: [], currentCueId: null, cueStartedAt: null, spentMs: {}, isOverlayVisible: true, overlayLanguage: 'zh-CN', flash: null, lastGo: null };
}

/** Refusals of the run of show's rules a window says in its own language. */
export type RundownRefusalKey =
  | 'cueIdTaken'
  | 'cueLimit'
  | 'cueMissing'
  | 'cueAlreadyLive'
  | 'cueMovedOn'
  | 'rundownEmpty'
  | 'lastCue'
  | 'firstCue'
  | 'flashWindow'
  | 'flashNotRunning'
  | 'productMissing'
  | 'showEnded'
  | 'sampleNeedsEmptyRundown';

/**
 * The result of a run-of-show edit: the next state, or why it cannot be done (in English words for logs and HTTP
 * callers, and as a refusal key the person's window says in their language).
 */
export type RundownResult =
  | { ok: true; state: RundownState }
  | { ok: false; reason: string; refusal: { key: RundownRefusalKey; params?: Record<string, string | number> } };

/** Adds a cue at `index` (end by default). */
export function addCue(state: RundownState, cue: Cue, index = state.cues.length): RundownResult {
  if (state.cues.some((c) => c.id === cue.id)) return refuse('cueIdTaken', `A cue with id ${cue.id} already exists.`);
  if (state.cues.length >= MAX_CUES) return refuse('cueLimit', `A show holds at most ${MAX_CUES} cues; remove some first.`, { max: MAX_CUES });
  const cues = [...state.cues];
  cues.splice(clamp(index, 0, cues.length), 0, { ...cue });
  return done({ ...state, cues });
}

/**
 * Replaces a cue (same id) with the edited one: fields the editor left out (a cleared card rule, script or note) are
 * gone, not kept from before.
 */
export function replaceCue(state: RundownState, cue: Cue): RundownResult {
  const at = indexOf(state, cue.id);
  if (at < 0) return missing(cue.id);
  const cues = [...state.cues];
  cues[at] = cue;
  return done({ ...state, cues });
}

/** Removes a cue; removing the live cue leaves no cue live. */
export function removeCue(state: RundownState, id: string): RundownResult {
  if (indexOf(state, id) < 0) return missing(id);
  const { [id]: _dropped, ...spentMs } = state.spentMs;
  const isLive = state.currentCueId === id;
  return done({
    ...state,
    cues: state.cues.filter((c) => c.id !== id),
    spentMs,
    currentCueId: isLive ? null : state.currentCueId,
    cueStartedAt: isLive ? null : state.cueStartedAt,
  });
}

/** Moves a cue to position `toIndex` of the list (drag and drop). */
export function moveCue(state: RundownState, id: string, toIndex: number): RundownResult {
  const from = indexOf(state, id);
  if (from < 0) return missing(id);
  const cues = [...state.cues];
  const [cue] = cues.splice(from, 1);
  cues.splice(clamp(toIndex, 0, cues.length), 0, cue!);
  return done({ ...state, cues });
}

/** Makes a cue live at `now`: banks the time spent on the cue that was live, starts this cue's timer, sets its card. */
export function goToCue(state: RundownState, id: string, now: number): RundownResult {
  if (indexOf(state, id) < 0) return missing(id);
  if (state.currentCueId === id) return refuse('cueAlreadyLive', 'That cue is already live.');
  const isOverlayVisible = isCardOnAfterGo(state.cues[indexOf(state, id)]!, state.isOverlayVisible);
  return done({ ...bankCurrent(state, now), currentCueId: id, cueStartedAt: now, isOverlayVisible });
}

/**
 * Steps to the next (or previous) cue. `fromCueId` is the cue the sender saw live: when the show has moved on since,
 * the step is refused, so two people pressing "next" at once advance one cue, not two.
 */
export function stepCue(state: RundownState, direction: 1 | -1, now: number, fromCueId?: string | null): RundownResult {
  if (fromCueId !== undefined && fromCueId !== state.currentCueId) {
    return refuse('cueMovedOn', 'The show already moved to another cue; nothing was done. Look at the current cue and try again.');
  }
  if (state.cues.length === 0) return refuse('rundownEmpty', 'The run of show is empty: add a cue first.');
  const at = state.currentCueId === null ? -1 : indexOf(state, state.currentCueId);
  const target = at < 0 ? (direction === 1 ? 0 : -1) : at + direction;
  const cue = state.cues[target];
  if (!cue) return direction === 1 ? refuse('lastCue', 'This is the last cue.') : refuse('firstCue', 'This is the first cue.');
  return goToCue(state, cue.id, now);
}

/** Whether the product card is on once `cue` went live, the card being on (`isCardOn`) before. */
export function isCardOnAfterGo(cue: Cue, isCardOn: boolean): boolean {
  return cue.card === undefined ? isCardOn : cue.card === 'show';
}

/** The cue after the live one (the first cue when none is live); null at the end. */
export function nextCueOf(state: RundownState): Cue | null {
  if (state.currentCueId === null) return state.cues[0] ?? null;
  return state.cues[indexOf(state, state.currentCueId) + 1] ?? null;
}

/** The live cue, or null. */
export function currentCueOf(state: RundownState): Cue | null {
  return state.cues.find((c) => c.id === state.currentCueId) ?? null;
}

/** Time a cue has been on air in total at `now` (earlier stints plus the present one), ms. */
export function cueElapsedMs(state: RundownState, cueId: string, now: number): number {
  const earlier = state.spentMs[cueId] ?? 0;
  if (state.currentCueId !== cueId || state.cueStartedAt === null) return earlier;
  return earlier + Math.max(0, now - state.cueStartedAt);
}

/**
 * Cues go live and flash sales start before and during a show, not after it ended: a cue would say ON AIR with its
 * timer running, or a sale price show, while nothing is on air. A new show opens the run again.
 */
export function endedShowRefusal(phase: ShowPhase): RundownResult | null {
  return phase === 'ended' ? refuse('showEnded', 'The show has ended. Start a new show (Sales, "New show") to run the cues again.') : null;
}

/**
 * The run of show as the show goes on air at `now`: rehearsal timings are not the show's, so every cue starts from
 * zero and a cue left live from rehearsal counts from going live.
 */
export function startShowRun(state: RundownState, now: number): RundownState {
  return { ...state, spentMs: {}, cueStartedAt: state.currentCueId === null ? null : now };
}

/**
 * The run of show once the show ended at `now`: no cue is on air, no timer runs, no flash sale continues; the time each
 * cue spent on air is kept for the report.
 */
export function closeShowRun(state: RundownState, now: number): RundownState {
  return { ...bankCurrent(state, now), currentCueId: null, cueStartedAt: null, flash: null, lastGo: null };
}

/** Starts a flash sale (replacing any running one). */
export function startFlash(state: RundownState, flash: FlashSale): RundownResult {
  if (flash.endsAt <= flash.startedAt) return refuse('flashWindow', 'A flash sale must end after it starts.');
  return done({ ...state, flash: { ...flash } });
}

/** Ends the flash sale. */
export function endFlash(state: RundownState): RundownResult {
  if (!state.flash) return refuse('flashNotRunning', 'No flash sale is running.');
  return done({ ...state, flash: null });
}

/** Whether a flash sale is on at `now`. */
export function isFlashActive(flash: FlashSale | null, now: number): flash is FlashSale {
  return flash !== null && now < flash.endsAt;
}

/** Shows or hides the product card on the stream, or changes its language. */
export function setOverlay(state: RundownState, change: { isVisible?: boolean; language?: OverlayLanguage }): RundownResult {
  return done({ ...state, isOverlayVisible: change.isVisible ?? state.isOverlayVisible, overlayLanguage: change.language ?? state.overlayLanguage });
}

function bankCurrent(state: RundownState, now: number): RundownState {
  const id = state.currentCueId;
  if (id === null) return state;
  return { ...state, spentMs: { ...state.spentMs, [id]: cueElapsedMs(state, id, now) } };
}

function indexOf(state: RundownState, id: string): number {
  return state.cues.findIndex((c) => c.id === id);
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, Math.trunc(n)));
}

function done(state: RundownState): RundownResult {
  return { ok: true, state };
}

function refuse(key: RundownRefusalKey, reason: string, params?: Record<string, string | number>): RundownResult {
  return { ok: false, reason, refusal: params ? { key, params } : { key } };
}

function missing(id: string): RundownResult {
  return refuse('cueMissing', `No cue ${id} in the run of show; it may have been removed. Reload the list.`);
}
