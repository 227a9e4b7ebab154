import type { Product } from '../../catalog/domain/catalog';
import {
  addCue,
  currentCueOf,
  endFlash,
  goToCue,
  moveCue,
  removeCue,
  setOverlay,
  startFlash,
  stepCue,
  updateCue,
  type Cue,
  type RundownResult,
  type RundownState,
} from '../domain/rundown';
import { failure, type CommandResult } from '../../../core/protocol';
import { CATALOG_EVENT } from '../../catalog/protocol/catalog-events';
import { CATALOG_READER } from '../../catalog/protocol/catalog-service';
import { OVERLAY_STATUS } from '../../overlay/protocol/overlay-service';
import type { HubContext, HubFeature, HubFeatureFactory } from '../../../core/hub/hub-feature';
import type { Principal } from '../../../core/hub/auth/tokens';

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
    if (!result.ok) return failure('rejected', result.reason);
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

  /** Goes live on a cue: state first (timer, revision), then the sales timeline, scene, camera preset and card. */
  const goLive = async (change: (r: RundownState, now: number) => RundownResult, principal: Principal): Promise<CommandResult> => {
    // One instant for the cue's timer and its sales segment, so orders are attributed exactly as the timer shows.
    const now = Date.now();
    const applied = edit((r) => change(r, now));
    if (!applied.ok) return applied;
    const cue = currentCueOf(ctx.store.current.rundown);
    if (!cue) return applied;
    const product = cue.sku ? catalog().get(cue.sku) : undefined;
    const label = cue.label || (product ? product.title.zh || product.title.en : cue.sku ?? cue.segment ?? cue.id);
    const warnings: string[] = [];
    const run = async (name: Parameters<HubContext['execute']>[1], payload: unknown, what: string) => {
      const result = await ctx.execute(principal, name, payload);
      if (!result.ok) warnings.push(`${what}: ${result.error.message}`);
    };
    const scene = cue.scene ?? product?.scene ?? null;
    const preset = cue.cameraPreset ?? product?.cameraPreset ?? null;
    await Promise.all([
      run('segment.start', { cueId: cue.id, label: label.slice(0, 200), startedAt: now }, 'Sales timeline not marked'),
      (async () => {
        if (scene && scene !== ctx.store.current.scenes.program) await run('scene.switch', { scene }, 'Scene not switched');
        if (scene && preset) await run('camera.preset', { scene, preset }, 'Camera preset not applied');
      })(),
      ctx.use(OVERLAY_STATUS).whenPainted(),
    ]);
    return { ok: true, version: ctx.store.current.version, data: { cueId: cue.id, warnings } };
  };

  let offCatalog: (() => void) | null = null;
  return {
    name: 'rundown',
    start() {
      // A product of the show saved again (title, tags): chat looks for its new names.
      offCatalog = ctx.onBroadcast(CATALOG_EVENT, (changed) => {
        if (changed.kind !== 'changed') return;
        const inShow = new Set(cueSkus());
        if ([...changed.upserted.map((p) => p.sku), ...changed.removed].some((sku) => inShow.has(sku))) void syncChatProducts(RUNDOWN_PRINCIPAL);
      });
    },
    commands: {
      'cue.add': ({ cue, index }, principal) => editCues((r) => addCue(r, cue as Cue, index), principal),
      'cue.update': ({ cue }, principal) => editCues((r) => updateCue(r, cue.id, cue as Cue), principal),
      'cue.remove': ({ id }, principal) => editCues((r) => removeCue(r, id), principal),
      'cue.move': ({ id, toIndex }) => edit((r) => moveCue(r, id, toIndex)),
      'cue.goto': ({ id }, principal) => goLive((r, now) => goToCue(r, id, now), principal),
      'cue.next': ({ fromCueId }, principal) => goLive((r, now) => stepCue(r, 1, now, fromCueId), principal),
      'cue.prev': ({ fromCueId }, principal) => goLive((r, now) => stepCue(r, -1, now, fromCueId), principal),
      'overlay.set': ({ visible, language }) => edit((r) => setOverlay(r, { isVisible: visible, language })),
      'flash.start': ({ sku, price, durationMs, limit }) => {
        if (!catalog().get(sku)) return failure('rejected', `No product ${sku} in the catalog.`);
        const now = Date.now();
        return edit((r) => startFlash(r, { sku, price, startedAt: now, endsAt: now + durationMs, limit: limit ?? null }));
      },
      'flash.end': () => edit((r) => endFlash(r)),
    },
    close() {
      offCatalog?.();
    },
  };
};
