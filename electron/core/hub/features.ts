import { cohostFeature } from '../../features/cohost/hub/cohost-feature';
import { chatFeature } from '../../features/chat/hub/chat-feature';
import { coreFeature } from './core-feature';
import type { HubFeatureFactory } from './hub-feature';
import { ledgerFeature } from '../../features/sales/hub/sales-feature';
import { outputFeature } from '../../features/output/hub/output-feature';
import { rundownFeature } from '../../features/rundown/hub/rundown-feature';
import { thumbnailsFeature } from '../../features/scenes/hub/thumbnails-feature';

/** Every feature the hub runs, in start order. A new feature adds one line here. */
export const HUB_FEATURES: HubFeatureFactory[] = [coreFeature, cohostFeature, ledgerFeature, chatFeature, rundownFeature, thumbnailsFeature, outputFeature];
