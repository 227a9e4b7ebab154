import type { ChatEntry } from '@shared/features/chat/domain/chat';
import type { ProductRef } from '@shared/features/chat/domain/product-mentions';
import { useT } from '../../i18n/use-t';
import { useAppState } from '../../store/store-context';
import { EntryTags, type ModerationActions } from './chat-row';
import { ChatText } from './chat-text';

/** Open questions shown at once; older ones stay in the buffer and move up as questions get answered. */
const LANE_SHOWN = 40;

/** The questions lane: buyer questions and product mentions, newest first, until marked answered. */
export function QuestionsLane(props: { products: readonly ProductRef[]; actions: ModerationActions; onLink(url: string): void }) {
  const t = useT();
  const questions = useAppState((s) => s.chat.questions.items);
  const shown: ChatEntry[] = questions.slice(-LANE_SHOWN).reverse();
  return (
    <section className="chat-lane" data-testid="questions-lane" aria-label={t('chat.questions')}>
      <h3 className="chat-lane-title">
        {t('chat.questions')} <span className="chat-count">{questions.length}</span>
      </h3>
      {shown.length === 0 ? <p className="empty">{t('chat.questionsEmpty')}</p> : null}
      <ul className="chat-lane-list">
        {shown.map((q) => (
          <li key={q.key} className={`chat-question${q.isHighlighted ? ' is-highlighted' : ''}`} data-testid="question-row" data-key={q.key}>
            <span className="chat-user">{q.user.name}</span>
            <ChatText text={q.text} onLink={props.onLink} />
            <EntryTags entry={q} products={props.products} />
            {props.actions.canModerate ? (
              <span className="chat-actions is-visible">
                <button type="button" data-testid="question-pin" title={t('chat.pin')} onClick={() => props.actions.pin(q)}>
                  {t('chat.pinShort')}
                </button>
                <button type="button" data-testid="question-answered" onClick={() => props.actions.answer(q)}>
                  ✓ {t('chat.answered')}
                </button>
              </span>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
