import { cohostFeature } from './cohost-feature';
import { chatFeature } from './chat-feature';
import { coreFeature } from './core-feature';
import type { HubFeatureFactory } from './hub-feature';
import { ledgerFeature } from './ledger-feature';
import { outputFeature } from './output-feature';
import { rundownFeature } from './rundown-feature';
import { thumbnailsFeature } from './thumbnails-feature';

/** Every feature the hub runs, in start order. A new feature adds one line here. */
export const HUB_FEATURES: HubFeatureFactory[] = [coreFeature, cohostFeature, ledgerFeature, chatFeature, rundownFeature, thumbnailsFeature, outputFeature];
