import { coreFeature } from '../core/hub/core-feature';
import type { HubFeatureFactory } from '../core/hub/hub-feature';
import { catalogFeature } from '../features/catalog/hub/catalog-feature';
import { chatFeature } from '../features/chat/hub/chat-feature';
import { cohostFeature } from '../features/cohost/hub/cohost-feature';
import { healthFeature } from '../features/health/hub/health-feature';
import { outputFeature } from '../features/output/hub/output-feature';
import { overlayFeature } from '../features/overlay/hub/overlay-feature';
import { rundownFeature } from '../features/rundown/hub/rundown-feature';
import { rehearsalOrdersFeature } from '../features/sales/hub/rehearsal-feature';
import { salesFeature } from '../features/sales/hub/sales-feature';
import { agencyFeature } from '../features/agency/hub/agency-feature';
import { bridgesFeature } from '../features/bridges/hub/bridges-feature';
import { monitorFeature } from '../features/monitor/hub/monitor-feature';
import { thumbnailsFeature } from '../features/scenes/hub/thumbnails-feature';

/**
 * Every feature the hub runs, in start order: the studio composes them (features never import each other's hub
 * parts). A new feature adds one line here.
 */
export const HUB_FEATURES: HubFeatureFactory[] = [
  coreFeature,
  healthFeature,
  cohostFeature,
  salesFeature,
  chatFeature,
  bridgesFeature,
  catalogFeature,
  overlayFeature,
  rundownFeature,
  rehearsalOrdersFeature,
  thumbnailsFeature,
  monitorFeature,
  outputFeature,
  agencyFeature,
];
