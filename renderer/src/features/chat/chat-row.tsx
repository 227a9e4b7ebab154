import { memo } from 'react';
import type { ChatEntry } from '../../../../electron/domain/chat';
import type { ProductRef } from '../../../../electron/domain/product-mentions';
import { useT } from '../../i18n/use-t';
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
        // Links to the product's cue card once the run of show exists; the product id is the join key.
        <span key={id} className="chat-tag chat-tag-product" data-product-id={id} data-testid="product-mention">
          {t('chat.mentions', { product: props.products.find((p) => p.id === id)?.title ?? id })}
        </span>
      ))}
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
  const isEvent = entry.kind !== 'comment';
  return (
    <div
      className={`chat-row${entry.isHighlighted ? ' is-highlighted' : ''}${isEvent ? ' is-event' : ''}`}
      data-testid="chat-row"
      data-key={entry.key}
    >
      <span className="chat-platform">{entry.platform}</span>
      <span className="chat-user">{entry.user.name}</span>
      {isEvent ? <span className="chat-event">{t(`chat.kind.${entry.kind as 'gift' | 'like' | 'follow' | 'join'}`)}</span> : null}
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
