import { useMemo, useState } from 'react';
import type { ChatEntry } from '@shared/features/chat/domain/chat';
import { Panel } from '../../app/panel';
import { useT } from '../../i18n/use-t';
import { useAppState, useHub } from '../../store/store-context';
import { ChatList } from './chat-list';
import { ChatPhaseNote } from './chat-phase-note';
import type { ModerationActions } from './chat-row';
import { ChatText } from './chat-text';
import { ChatToolbar } from './chat-toolbar';
import { LinkConfirm } from './link-confirm';
import { QuestionsLane } from './questions-lane';
import { useQuestionReader } from './read-aloud';
import { useCanSend } from '../../app/use-can-send';
import './chat.css';

const NO_PRODUCTS: never[] = [];

/** Live chat from the platform bridges: questions lane, pinned message, the live list and moderation. */
export function ChatPanel() {
  const t = useT();
  const hub = useHub();
  const status = useAppState((s) => s.chat.status);
  const canModerate = useCanSend('chat.hide');
  const [link, setLink] = useState<string | null>(null);
  const products = status?.products ?? NO_PRODUCTS;
  const pinnedKey = status?.pinned?.key ?? null;
  useQuestionReader();

  // Stable across batches so memoised rows do not re-render on every flush.
  const actions = useMemo<ModerationActions>(
    () => ({
      canModerate,
      pinnedKey,
      hide: (e: ChatEntry) => void hub?.send('chat.hide', { key: e.key }),
      block: (e: ChatEntry) => void hub?.send('chat.blockUser', { platform: e.platform, userId: e.user.id, isBlocked: true }),
      highlight: (e: ChatEntry) => void hub?.send('chat.highlight', { key: e.key, isHighlighted: !e.isHighlighted }),
      pin: (e: ChatEntry) => void hub?.send('chat.pin', { key: pinnedKey === e.key ? null : e.key }),
      answer: (e: ChatEntry) => void hub?.send('chat.markAnswered', { key: e.key, isAnswered: true }),
      dismiss: (e: ChatEntry) => void hub?.send('chat.dismiss', { key: e.key }),
    }),
    [hub, canModerate, pinnedKey],
  );

  return (
    <Panel title={t('chat.title')} area="chat">
      <div className="chat-panel">
        <ChatToolbar status={status} />
        <ChatPhaseNote status={status} />
        {status?.pinned ? (
          <div className="chat-pinned" data-testid="chat-pinned" data-key={status.pinned.key} title={t('chat.pinnedNote')}>
            <span className="chat-tag">{t('chat.pinned')}</span>
            <span className="chat-user">{status.pinned.user.name}</span>
            <ChatText text={status.pinned.text} onLink={setLink} />
            {canModerate ? (
              <button type="button" data-testid="chat-unpin" onClick={() => void hub?.send('chat.pin', { key: null })}>
                {t('chat.unpin')}
              </button>
            ) : null}
          </div>
        ) : null}
        <QuestionsLane products={products} actions={actions} onLink={setLink} />
        <ChatList products={products} actions={actions} onLink={setLink} />
      </div>
      {link ? <LinkConfirm url={link} onClose={() => setLink(null)} /> : null}
    </Panel>
  );
}
