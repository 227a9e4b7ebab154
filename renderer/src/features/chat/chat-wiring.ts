import type { ChatBatchEvent, ChatSyncData } from '@shared/features/chat/protocol/chat-events';
import { CHAT_EVENTS } from '@shared/features/chat/protocol/chat-events';
import type { HubClient } from '../../hub/hub-client';
import type { AppStore } from '../../store/studio-store';

/**
 * Feeds the hub's chat events into the store. Wired right after the hub client is created (not in a React effect),
 * so the snapshot sent on connect cannot arrive before anyone listens. Returns the unsubscribe function.
 */
export function wireChat(hub: HubClient, store: AppStore): () => void {
  const dispatch = store.getState().onChatEvent;
  let isSyncing = false;
  const catchUpIfGap = () => {
    const { chat } = store.getState();
    if (!chat.needsSync || isSyncing) return;
    isSyncing = true;
    // A volatile batch was skipped on a busy connection: fetch what came after the last message this window has.
    void hub
      .send('chat.sync', { afterSeq: chat.lastSeq })
      .then((result) => {
        if (result.ok) dispatch({ type: 'synced', data: result.data as ChatSyncData });
      })
      .finally(() => {
        isSyncing = false;
      });
  };
  const offs = [
    hub.on(CHAT_EVENTS.snapshot, (p) => dispatch({ type: 'snapshot', snapshot: p })),
    hub.on(CHAT_EVENTS.batch, (p) => {
      dispatch({ type: 'batch', batch: p as ChatBatchEvent });
      catchUpIfGap();
    }),
    hub.on(CHAT_EVENTS.changed, (p) => dispatch({ type: 'changed', change: p })),
    hub.on(CHAT_EVENTS.status, (p) => dispatch({ type: 'status', status: p })),
    hub.on(CHAT_EVENTS.lane, (p) => dispatch({ type: 'lane', lane: p })),
  ];
  return () => offs.forEach((off) => off());
}
