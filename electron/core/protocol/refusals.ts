import type { CohostRefusalKey } from '../../features/cohost/domain/cohost';
import type { RundownRefusalKey } from '../../features/rundown/domain/rundown';
import type { OutputRefusalKey } from '../../features/output/domain/output';
import type { SceneRefusalKey } from '../../features/scenes/domain/source-layout';
import type { BridgeRefusalKey } from '../../features/bridges/domain/bridge-problems';

/**
 * Every refusal a window says in the user's language, gathered from the features: the UI's message catalogs must hold
 * `refusal.<key>` for each in both languages (a missing one does not compile, see renderer/src/i18n/catalog.ts).
 */
export type RefusalKey = CohostRefusalKey | RundownRefusalKey | OutputRefusalKey | SceneRefusalKey | BridgeRefusalKey;
