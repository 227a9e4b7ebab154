import type { Product } from '../../catalog/domain/catalog';
import {
  addCue,
  currentCueOf,
  endFlash,
  goToCue,
  isFlashActive,
  moveCue,
  removeCue,
  closeShowRun,
  endedShowRefusal,
  setOverlay,
  startFlash,
  startShowRun,
  stepCue,
  replaceCue,
  type Cue,
  type CueWarningKey,
  type RundownResult,
  type RundownState,
} from '../domain/rundown';
import { failure, type CommandName, type CommandResult } from '../../../core/protocol';
import { planCueGo } from '../domain/cue-go';
import { showPhaseOf } from '../../../core/domain/show-phase';
import { flashUnitsLeft } from '../domain/price';
import { TALLY_EVENT } from '../../sales/protocol/sales-events';
import { LEDGER_READER } from '../../sales/protocol/ledger-service';
import { CATALOG_EVENT } from '../../catalog/protocol/catalog-events';
import { CATALOG_READER } from '../../catalog/protocol/catalog-service';
import { OVERLAY_STATUS } from '../../overlay/protocol/overlay-service';
import type { HubContext, HubFeature, HubFeatureFactory } from '../../../core/hub/hub-feature';
import type { Principal } from '../../../core/hub/auth/tokens';
import { SAMPLE_SHOW, writeSamplePictures } from './sample-show';
import { IMAGES_FOLDER } from '../../overlay/domain/card-picture';
import { join } from 'node:path';

/** Most products handed to chat for mention matching: those in the run of show (matching all 5,000 would slow chat). */
const MAX_CHAT_PRODUCTS = 500;

/** Who re-syncs chat's product list when the catalog changes under the show (the audit log names it). */
const RUNDOWN_PRINCIPAL: Principal = { id: 'rundown', role: 'anchor', name: 'Run of show' };

/**
 * The run of show: cues, going to a cue (scene, camera preset, product card, sales timeline) and flash sales. Cues
 * live in the studio state (so concurrent edits are checked by revision); products come from the catalog feature.
 */
export const rundownFeature: HubFeatureFactory = (ctx: HubContext): HubFeature => {
  const catalog = () => ctx.use(CATALOG_READER);

  /** Applies a pure run-of-show edit to the studio state (the card on the stream follows the state by itself). */
  const edit = (change: (r: RundownState) => RundownResult): CommandResult => {
    const result = change(ctx.store.current.rundown);
    if (!result.ok) return failure('rejected', result.reason, result.refusal);
    const applied = ctx.store.apply({ name: 'rundown.set', payload: result.state });
    if (!applied.ok) return failure('rejected', applied.reason);
    return { ok: true, version: applied.version };
  };

  const cueSkus = () => [...new Set(ctx.store.current.rundown.cues.flatMap((c) => (c.sku ? [c.sku] : [])))];

  /** Tells chat which products to find mentions of: the products the cues sell, in cue order. */
  const syncChatProducts = async (principal: Principal) => {
    const products = cueSkus()
      .map((sku) => catalog().get(sku))
      .filter((p): p is Product => p !== undefined)
      .slice(0, MAX_CHAT_PRODUCTS)
      .map((p) => ({
        id: p.sku,
        title: (p.title.zh || p.title.en).slice(0, 120),
        aliases: [p.title.en, ...p.tags].filter((a) => a.trim() && a !== p.title.zh).map((a) => a.slice(0, 60)).slice(0, 20),
      }));
    const result = await ctx.execute(principal, 'chat.products.set', { products });
    if (!result.ok) ctx.log.warn('chat products not updated', { code: result.error.code });
  };

  /** A cue edit that may change which products the show sells: chat then looks for the new set. */
  const editCues = async (change: (r: RundownState) => RundownResult, principal: Principal): Promise<CommandResult> => {
    const before = cueSkus().join('\n');
    const result = edit(change);
    if (result.ok && cueSkus().join('\n') !== before) await syncChatProducts(principal);
    return result;
  };

  /**
   * Goes to a cue: the cue, its timer and its sales segment first (one instant for both, so orders are attributed
   * exactly as the timer shows), then the scene, camera preset and card the plan asks for. Every part that did not
   * land is a warning kept on the live cue (every window shows it) and returned to whoever pressed "Go".
   */
  const goTo = async (change: (r: RundownState, now: number) => RundownResult, principal: Principal): Promise<CommandResult> => {
    const now = Date.now();
    const next = endedShowRefusal(showPhaseOf(ctx.store.current.live)) ?? change(ctx.store.current.rundown, now);
    if (!next.ok) return failure('rejected', next.reason, next.refusal);
    const cue = currentCueOf(next.state);
    if (!cue) return edit(() => next);
    const product = cue.sku ? catalog().get(cue.sku) : undefined;
    const plan = planCueGo({ cue, product, scenes: ctx.store.current.scenes, isCardOn: next.state.isOverlayVisible });
    const warnings = [...plan.warnings];
    const applied = edit(() => ({ ok: true, state: { ...next.state, lastGo: { cueId: cue.id, at: now, warnings: plan.warnings } } }));
    if (!applied.ok) return applied;
    const run = async (name: CommandName, payload: unknown, key: CueWarningKey, params?: Record<string, string>) => {
      const result = await ctx.execute(principal, name, payload);
      if (!result.ok) warnings.push({ key, ...(params ? { params } : {}), cause: result.error });
    };
    const label = cue.label || (product ? product.title.zh || product.title.en : (cue.sku ?? cue.segment ?? cue.id));
    await Promise.all([
      run('segment.start', { cueId: cue.id, label: label.slice(0, 200), startedAt: now }, 'timelineNotMarked'),
      (async () => {
        if (plan.scene) await run('scene.switch', { scene: plan.scene }, 'sceneNotSwitched', { scene: plan.scene });
        if (plan.preset) await run('camera.preset', plan.preset, 'presetNotApplied', { preset: plan.preset.preset, scene: plan.preset.scene });
      })(),
      ctx.use(OVERLAY_STATUS).whenPainted(),
    ]);
    // Keep what went wrong on the live cue, unless the show has moved on meanwhile.
    const lastGo = ctx.store.current.rundown.lastGo;
    if (warnings.length > plan.warnings.length && lastGo?.cueId === cue.id && lastGo.at === now) {
      edit((r) => ({ ok: true, state: { ...r, lastGo: { ...lastGo, warnings: [...warnings] } } }));
    }
    return { ok: true, version: ctx.store.current.version, data: { cueId: cue.id, warnings } };
  };

  /** Refuses a product cue whose product is not in the catalog (a cue for a SKU nobody sells). */
  const checkProduct = (cue: { kind: string; sku: string | null }): CommandResult | null =>
    cue.kind === 'product' && cue.sku !== null && !catalog().get(cue.sku)
      ? failure('rejected', `There is no product ${cue.sku} in the catalog. Pick a product from the list, or add it to the catalog first.`, {
          key: 'productMissing',
          params: { sku: cue.sku },
        })
      : null;

  /**
   * Loads the sample show into an empty run of show: its products, then its cues, through the same commands a person
   * would send (validated, audited). A studio that already has cues is refused: nothing of the anchor's is replaced.
   */
  const loadSample = async (principal: Principal): Promise<CommandResult> => {
    const count = ctx.store.current.rundown.cues.length;
    if (count > 0) {
      return failure('rejected', `The run of show already has ${count} cues; the sample show loads into an empty one. Remove the cues first, or keep your own show.`, {
        key: 'sampleNeedsEmptyRundown',
        params: { count },
      });
    }
    try {
      writeSamplePictures(join(ctx.dataDir, IMAGES_FOLDER));
    } catch (err) {
      // The show still loads; its cards go without pictures.
      ctx.log.warn('could not put the sample pictures in the images folder', { reason: (err as Error).message });
    }
    const steps: Array<[CommandName, unknown]> = [
      ['catalog.upsert', { products: SAMPLE_SHOW.products }],
      ...SAMPLE_SHOW.cues.map((cue): [CommandName, unknown] => ['cue.add', { cue }]),
      ...(ctx.store.current.show.title.trim() ? [] : [['show.rename', { title: SAMPLE_SHOW.title }] as [CommandName, unknown]]),
    ];
    for (const [name, payload] of steps) {
      const result = await ctx.execute(principal, name, payload);
      if (!result.ok) return result;
    }
    return { ok: true, version: ctx.store.current.version };
  };

  /** Units of a product paid so far, as the ledger counts them: what a limited flash sale has sold is counted from them. */
  const unitsPaid = (sku: string) => ctx.use(LEDGER_READER).tallies().bySku[sku]?.units ?? 0;
  /** A limited flash sale whose units are all sold is over: from that instant every view shows the regular price. */
  const endSoldOutFlash = () => {
    const flash = ctx.store.current.rundown.flash;
    if (flash && isFlashActive(flash, Date.now()) && flashUnitsLeft(flash, unitsPaid(flash.sku)) === 0) {
      edit((r) => endFlash(r));
      ctx.log.info('flash sale sold out', { sku: flash.sku, limit: flash.limit });
    }
  };

  const offs: Array<() => void> = [];
  return {
    name: 'rundown',
    start() {
      // A product of the show saved again (title, tags): chat looks for its new names.
      offs.push(
        ctx.onBroadcast(CATALOG_EVENT, (changed) => {
          if (changed.kind !== 'changed') return;
          const inShow = new Set(cueSkus());
          if ([...changed.upserted.map((p) => p.sku), ...changed.removed].some((sku) => inShow.has(sku))) void syncChatProducts(RUNDOWN_PRINCIPAL);
        }),
        ctx.onBroadcast(TALLY_EVENT, endSoldOutFlash),
        // Rehearsal timings are not the show's; an ended show has no cue on air (show-phase.ts).
        ctx.onShowPhase((change) => {
          if (change.to === 'live') edit((r) => ({ ok: true, state: startShowRun(r, change.at) }));
          if (change.to === 'ended') edit((r) => ({ ok: true, state: closeShowRun(r, change.at) }));
        }),
      );
    },
    commands: {
      'cue.add': ({ cue, index }, principal) => checkProduct(cue) ?? editCues((r) => addCue(r, cue as Cue, index), principal),
      'show.loadSample': (_payload, principal) => loadSample(principal),
      'cue.update': ({ cue }, principal) => checkProduct(cue) ?? editCues((r) => replaceCue(r, cue as Cue), principal),
      'cue.remove': ({ id }, principal) => editCues((r) => removeCue(r, id), principal),
      'cue.move': ({ id, toIndex }) => edit((r) => moveCue(r, id, toIndex)),
      'cue.goto': ({ id }, principal) => goTo((r, now) => goToCue(r, id, now), principal),
      'cue.next': ({ fromCueId }, principal) => goTo((r, now) => stepCue(r, 1, now, fromCueId), principal),
      'cue.prev': ({ fromCueId }, principal) => goTo((r, now) => stepCue(r, -1, now, fromCueId), principal),
      'overlay.set': ({ visible, language }) => edit((r) => setOverlay(r, { isVisible: visible, language })),
      'flash.start': ({ sku, price, durationMs, limit }) => {
        if (!catalog().get(sku)) return failure('rejected', `No product ${sku} in the catalog.`, { key: 'productMissing', params: { sku } });
        const now = Date.now();
        const afterEnd = endedShowRefusal(showPhaseOf(ctx.store.current.live));
        if (afterEnd) return edit(() => afterEnd);
        return edit((r) => startFlash(r, { sku, price, startedAt: now, endsAt: now + durationMs, limit: limit ?? null, unitsPaidAtStart: unitsPaid(sku) }));
      },
      'flash.end': () => edit((r) => endFlash(r)),
    },
    close() {
      for (const off of offs) off();
    },
  };
};
