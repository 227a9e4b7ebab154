import type { BridgesEvent } from '../../electron/features/bridges/protocol/bridge-events';
import { recentChat } from './chat';
import type { HubClient } from './hub';

/** Appends every `bridges.status` event the socket receives to `into` (the newest last). */
export function recordBridgeStatuses(socket: HubClient, into: BridgesEvent[]): void {
  (socket as unknown as { on(e: string, l: (p: BridgesEvent) => void): void }).on('bridges.status', (e) => into.push(e));
}

/** The texts of the newest chat messages (up to 500) that came from one platform, oldest first. */
export async function platformTexts(url: string, anchorToken: string, platform: string): Promise<string[]> {
  const messages = (await recentChat(url, anchorToken, '?limit=500')).body.messages as Array<{ platform: string; text: string }>;
  return messages.filter((m) => m.platform === platform).map((m) => m.text);
}
