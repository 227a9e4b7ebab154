import { memo } from 'react';
import { ORDER_SIGNAL_KINDS, type ChatEntry } from '@shared/features/chat/domain/chat';
import type { ProductRef } from '@shared/features/chat/domain/product-mentions';
import { useCanSend } from '../../app/use-can-send';
import { useT } from '../../i18n/use-t';
import { useAppState, useHub } from '../../store/store-context';
import { ChatText } from './chat-text';

/** Which moderation actions this window may take (from the role), and how to take them. */
export interface ModerationActions {
  canModerate: boolean;
  pinnedKey: string | null;
  hide(entry: ChatEntry): void;
  block(entry: ChatEntry): void;
  highlight(entry: ChatEntry): void;
  pin(entry: ChatEntry): void;
  answer(entry: ChatEntry): void;
  dismiss(entry: ChatEntry): void;
}

/** The intent and product chips of an entry. */
export function EntryTags(props: { entry: ChatEntry; products: readonly ProductRef[] }) {
  const t = useT();
  const { entry } = props;
  if (entry.intents.length === 0 && entry.productIds.length === 0) return null;
  return (
    <span className="chat-tags">
      {entry.intents.map((intent) => (
        <span key={intent} className="chat-tag" data-intent={intent}>
          {t(`chat.intent.${intent}`)}
        </span>
      ))}
      {entry.productIds.map((id) => (
        <ProductMention key={id} sku={id} title={props.products.find((p) => p.id === id)?.title ?? id} />
      ))}
    </span>
  );
}

/**
 * A product the message mentions, linked to the cue that sells it (the sku is the join key): shows the cue's number, and
 * for people who run the show a click goes to that cue.
 */
function ProductMention(props: { sku: string; title: string }) {
  const t = useT();
  const hub = useHub();
  const canGo = useCanSend('cue.goto');
  // Primitive selectors: a number and a string (or null) are stable between renders.
  const index = useAppState((s) => s.studio?.rundown.cues.findIndex((c) => c.sku === props.sku) ?? -1);
  const cueId = useAppState((s) => (index >= 0 ? (s.studio?.rundown.cues[index]?.id ?? null) : null));
  const isLive = useAppState((s) => cueId !== null && s.studio?.rundown.currentCueId === cueId);
  const label = t('chat.mentions', { product: props.title });
  if (cueId === null) {
    return (
      <span className="chat-tag chat-tag-product" data-product-id={props.sku} data-testid="product-mention">
        {label}
      </span>
    );
  }
  const text = `${label} · ${t('chat.cueNumber', { n: index + 1 })}`;
  return canGo && !isLive ? (
    <button
      type="button"
      className="chat-tag chat-tag-product is-link"
      data-product-id={props.sku}
      data-cue-id={cueId}
      data-testid="product-mention"
      title={t('chat.goToCue')}
      onClick={() => void hub?.send('cue.goto', { id: cueId })}
    >
      {text} →
    </button>
  ) : (
    <span className={`chat-tag chat-tag-product${isLive ? ' is-live' : ''}`} data-product-id={props.sku} data-cue-id={cueId} data-testid="product-mention">
      {text}
    </span>
  );
}

/** One chat message; memoised on the entry so a flood re-renders only new rows. */
export const ChatRow = memo(function ChatRow(props: {
  entry: ChatEntry;
  products: readonly ProductRef[];
  actions: ModerationActions;
  onLink(url: string): void;
}) {
  const t = useT();
  const { entry, actions } = props;
  const kind = entry.kind;
  const isSignal = (ORDER_SIGNAL_KINDS as readonly string[]).includes(kind);
  return (
    <div
      className={`chat-row${entry.isHighlighted ? ' is-highlighted' : ''}${kind !== 'comment' ? ' is-event' : ''}${isSignal ? ' is-order-signal' : ''}`}
      data-testid="chat-row"
      data-key={entry.key}
      data-kind={kind}
      title={isSignal ? t('chat.orderSignalNote') : undefined}
    >
      <span className="chat-platform">{entry.platform}</span>
      <span className="chat-user">{entry.user.name}</span>
      {kind !== 'comment' ? <span className="chat-event">{t(`chat.kind.${kind}`)}</span> : null}
      {entry.text ? <ChatText text={entry.text} onLink={props.onLink} /> : null}
      <EntryTags entry={entry} products={props.products} />
      {actions.canModerate ? (
        <span className="chat-actions">
          <button type="button" data-testid="chat-highlight" title={entry.isHighlighted ? t('chat.unhighlight') : t('chat.highlight')} onClick={() => actions.highlight(entry)}>
            ★
          </button>
          <button type="button" data-testid="chat-pin" title={actions.pinnedKey === entry.key ? t('chat.unpin') : t('chat.pin')} onClick={() => actions.pin(entry)}>
            {actions.pinnedKey === entry.key ? t('chat.unpin') : t('chat.pinShort')}
          </button>
          <button type="button" data-testid="chat-hide" title={t('chat.hide')} onClick={() => actions.hide(entry)}>
            {t('chat.hide')}
          </button>
          <button type="button" data-testid="chat-block" title={t('chat.block')} onClick={() => actions.block(entry)}>
            {t('chat.blockShort')}
          </button>
        </span>
      ) : null}
    </div>
  );
});
