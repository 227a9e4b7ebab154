import type { Product } from '../../catalog/domain/catalog';
import { sceneShowsCard, type CameraPreset, type ScenesState } from '../../scenes/domain/scenes';
import type { Cue, CueWarning } from './rundown';

/**
 * What "Go" on a cue guarantees. Always: the cue is live, its timer runs, orders from now on are attributed to it.
 * Then, each either applied or reported with its reason: the cue's scene (its own, else its product's; none keeps the
 * picture), the camera preset in the scene on air, and the product card on stream when the card is on. Nothing here
 * fails silently: every part not applied becomes a warning (see CueWarning) every window shows on the live cue.
 */

/** The switches a "Go" will ask OBS for, and what is already known not to land. */
export interface CueGoPlan {
  /** Scene to switch to; null keeps the picture. */
  scene: string | null;
  /** Camera preset to apply in the scene on air after the switch; null keeps the cameras. */
  preset: { scene: string; preset: CameraPreset } | null;
  warnings: CueWarning[];
}

/** What the plan is made from: the cue, its product (undefined when missing), OBS's scenes, and whether the card is on. */
export interface CueGoInput {
  cue: Cue;
  product: Product | undefined;
  scenes: Pick<ScenesState, 'names' | 'program'>;
  isCardOn: boolean;
}

/** Plans a "Go" on a cue: which scene and preset to ask for, and the warnings known before asking anything. */
export function planCueGo({ cue, product, scenes, isCardOn }: CueGoInput): CueGoPlan {
  const warnings: CueWarning[] = [];
  if (cue.sku && !product) warnings.push({ key: 'productMissing', params: { sku: cue.sku } });
  const wanted = cue.scene ?? product?.scene ?? null;
  const exists = wanted !== null && scenes.names.includes(wanted);
  if (wanted !== null && !exists) warnings.push({ key: 'sceneMissing', params: { scene: wanted } });
  const scene = exists && wanted !== scenes.program ? wanted : null;
  const onAir = exists ? wanted : scenes.program;
  const preset = cue.cameraPreset ?? product?.cameraPreset ?? null;
  if (product && isCardOn && onAir !== null && !sceneShowsCard(onAir)) warnings.push({ key: 'cardNotInScene', params: { scene: onAir } });
  return { scene, preset: preset && onAir !== null && (exists || wanted === null) ? { scene: onAir, preset } : null, warnings };
}
