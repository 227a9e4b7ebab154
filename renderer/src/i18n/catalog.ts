import type { RefusalKey } from '@shared/core/protocol/refusals';
import { catalogMessages } from '../features/catalog/messages';
import { chatMessages } from '../features/chat/messages';
import { cuesMessages } from '../features/rundown/messages';
import { healthMessages } from '../features/health/messages';
import { monitorMessages } from '../features/monitor/messages';
import { bridgesMessages } from '../features/bridges/messages';
import { agencyMessages } from '../features/agency/messages';
import { outputMessages } from '../features/output/messages';
import { salesMessages } from '../features/sales/messages';
import { scenesMessages } from '../features/scenes/messages';
import { en } from './en';
import type { FeatureMessages } from './feature-messages';
import { zhCN } from './zh-cn';

/**
 * Every feature's strings. A feature adds one entry here; its keys are namespaced (`chat.*`, `sales.*`) so two
 * features never collide.
 */
const FEATURES = [chatMessages, salesMessages, catalogMessages, cuesMessages, scenesMessages, healthMessages, outputMessages, monitorMessages, bridgesMessages, agencyMessages] as const satisfies readonly FeatureMessages<string>[];

// Distributes over the list (and gives never for an empty one) because F is a naked type parameter.
type KeysOf<F> = F extends FeatureMessages<infer K> ? K : never;
type FeatureKey = KeysOf<(typeof FEATURES)[number]>;

/** Any UI string key: the shell's and every feature's. */
export type MessageKey = keyof typeof en | FeatureKey;

/** The merged catalogs per language. */
export const CATALOGS = {
  en: Object.assign({}, en, ...FEATURES.map((f: FeatureMessages<string>) => f.en)) as Record<MessageKey, string>,
  'zh-CN': Object.assign({}, zhCN, ...FEATURES.map((f: FeatureMessages<string>) => f['zh-CN'])) as Record<MessageKey, string>,
};

/** The UI string of a refusal the hub sends (see core/protocol/refusals.ts). */
export type RefusalMessageKey = `refusal.${RefusalKey}`;

/** Compile-time check: every refusal the hub can send has a UI string (both catalogs share the key set). */
export const REFUSAL_MESSAGES: Record<RefusalMessageKey, string> = CATALOGS.en;
