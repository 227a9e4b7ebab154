import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { ChatEntry } from '@shared/features/chat/domain/chat';
import type { ProductRef } from '@shared/features/chat/domain/product-mentions';
import { useT } from '../../i18n/use-t';
import { useAppState } from '../../store/store-context';
import { ChatRow, type ModerationActions } from './chat-row';
import { applyChangeToList, CHAT_VIEW_CAPACITY } from './chat-view';
import { pruneSizeCache } from './size-cache';

/** Closer than this to the bottom counts as "at the bottom" (sub-pixel layout, a half-visible last row). */
const BOTTOM_SLACK_PX = 24;
/** Height of a one-line row; wrapped rows are measured. */
const ROW_ESTIMATE_PX = 30;
/** Row sizes kept before pruning: a live list and a paused copy, with room to spare. */
const SIZE_CACHE_MAX = 3 * CHAT_VIEW_CAPACITY;

/**
 * The message list: virtualized (only visible rows exist in the DOM), sticks to the bottom while the anchor reads
 * live, and freezes when they scroll up (a flood would otherwise push what they read out of the ring buffer) with an
 * "N new" button that jumps back.
 */
export function ChatList(props: { products: readonly ProductRef[]; actions: ModerationActions; onLink(url: string): void }) {
  const t = useT();
  const live = useAppState((s) => s.chat.messages.items);
  const received = useAppState((s) => s.chat.received);
  const changes = useAppState((s) => s.chat.changes);
  const clearedThroughSeq = useAppState((s) => s.chat.clearedThroughSeq);
  const [paused, setPaused] = useState<{ items: readonly ChatEntry[]; receivedAt: number; appliedChange: number } | null>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const lastTop = useRef(0);
  const shown = paused?.items ?? live;

  // Row sizes are keyed by message, not by index: when the ring buffer is full every batch shifts all indexes, and an
  // index-keyed size would then belong to another message (rows on screen are not re-measured when only their index
  // changes), so rows overlapped or left gaps until a reload (#21). The cache is pruned to the list below.
  const getItemKey = useCallback((index: number) => shown[index]?.key ?? index, [shown]);
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_ESTIMATE_PX,
    getItemKey,
    overscan: 4,
  });
  useEffect(() => {
    pruneSizeCache(virtualizer.itemSizeCache, shown.map((m) => m.key), SIZE_CACHE_MAX);
  }, [virtualizer, shown]);

  // Moderation keeps applying to a paused list: a moderator often scrolls up precisely to hide something. Going live
  // clears it too: rehearsal chat must not stay on screen because someone was scrolled up.
  useEffect(() => {
    if (!paused) return;
    const missed = changes.filter((c) => c.n > paused.appliedChange);
    const isCut = paused.items.some((m) => m.seq <= clearedThroughSeq);
    if (missed.length === 0 && !isCut) return;
    const items = missed.reduce((list, c) => applyChangeToList(list, c.change), paused.items);
    setPaused({
      ...paused,
      items: isCut ? items.filter((m) => m.seq > clearedThroughSeq) : items,
      appliedChange: missed.at(-1)?.n ?? paused.appliedChange,
    });
  }, [changes, paused, clearedThroughSeq]);

  // After every render while following: one direct scroll is cheaper than scrollToIndex, whose dynamic-size
  // reconciliation re-measures over several frames (visible as dropped frames under a flood). Rows measured after
  // this render trigger another render, which lands here again.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (paused || !el) return;
    el.scrollTop = el.scrollHeight;
    lastTop.current = el.scrollTop;
  });

  const onScroll = useCallback(() => {
    const el = scrollRef.current;
    if (!el) return;
    const isAtBottom = el.scrollHeight - el.scrollTop - el.clientHeight <= BOTTOM_SLACK_PX;
    const movedUp = el.scrollTop < lastTop.current - 1;
    lastTop.current = el.scrollTop;
    if (isAtBottom) {
      if (paused) setPaused(null);
    } else if (movedUp && !paused) {
      // Only a move up pauses: following the bottom never scrolls up, the reader does.
      setPaused({ items: live, receivedAt: received, appliedChange: changes.at(-1)?.n ?? 0 });
    }
  }, [paused, live, received, changes]);

  const resume = () => {
    setPaused(null);
    const el = scrollRef.current;
    if (el) lastTop.current = el.scrollHeight;
  };

  const newCount = paused ? received - paused.receivedAt : 0;
  return (
    <div className="chat-list-wrap">
      <div ref={scrollRef} className="chat-list" data-testid="chat-list" data-paused={paused ? 'true' : 'false'} onScroll={onScroll}>
        {shown.length === 0 ? <p className="empty">{t('chat.waiting')}</p> : null}
        <div className="chat-list-inner" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => (
            <div
              key={shown[item.index]!.key}
              data-index={item.index}
              ref={virtualizer.measureElement}
              className="chat-list-item"
              style={{ transform: `translateY(${item.start}px)` }}
            >
              <ChatRow entry={shown[item.index]!} products={props.products} actions={props.actions} onLink={props.onLink} />
            </div>
          ))}
        </div>
      </div>
      {paused ? (
        <button type="button" className="chat-new" data-testid="chat-new" onClick={resume}>
          {newCount > 0 ? t('chat.newMessages', { count: newCount }) : t('chat.paused')}
        </button>
      ) : null}
    </div>
  );
}
