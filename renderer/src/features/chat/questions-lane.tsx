import type { ChatLaneQuestion } from '@shared/features/chat/protocol/chat-events';
import type { ProductRef } from '@shared/features/chat/domain/product-mentions';
import { useT } from '../../i18n/use-t';
import { useAppState } from '../../store/store-context';
import { EntryTags, type ModerationActions } from './chat-row';
import { ChatText } from './chat-text';

/**
 * The buyer-questions lane: viewers' questions and buying requests, most relevant first (the hub ranks them: buyer
 * intent, the live cue's product, how many asked, how fresh), each once with the number of viewers who asked it,
 * until answered or dismissed.
 */
export function QuestionsLane(props: { products: readonly ProductRef[]; actions: ModerationActions; onLink(url: string): void }) {
  const t = useT();
  const questions = useAppState((s) => s.chat.questions);
  return (
    <section className="chat-lane" data-testid="questions-lane" aria-label={t('chat.questions')}>
      <h3 className="chat-lane-title">
        {t('chat.questions')} <span className="chat-count">{questions.length}</span>
      </h3>
      {questions.length === 0 ? <p className="empty">{t('chat.questionsEmpty')}</p> : null}
      <ul className="chat-lane-list">
        {questions.map((q) => (
          <QuestionRow key={q.entry.key} question={q} {...props} />
        ))}
      </ul>
    </section>
  );
}

function QuestionRow(props: { question: ChatLaneQuestion; products: readonly ProductRef[]; actions: ModerationActions; onLink(url: string): void }) {
  const t = useT();
  const { entry, askCount } = props.question;
  return (
    <li className={`chat-question${entry.isHighlighted ? ' is-highlighted' : ''}`} data-testid="question-row" data-key={entry.key} data-asks={askCount}>
      <span className="chat-user">{entry.user.name}</span>
      <ChatText text={entry.text} onLink={props.onLink} />
      {askCount > 1 ? (
        <span className="chat-tag chat-asks" data-testid="question-asks">
          {t('chat.askCount', { count: askCount })}
        </span>
      ) : null}
      <EntryTags entry={entry} products={props.products} />
      {props.actions.canModerate ? (
        <span className="chat-actions is-visible">
          <button type="button" data-testid="question-pin" title={t('chat.pin')} onClick={() => props.actions.pin(entry)}>
            {t('chat.pinShort')}
          </button>
          <button type="button" data-testid="question-answered" onClick={() => props.actions.answer(entry)}>
            ✓ {t('chat.answered')}
          </button>
          <button type="button" data-testid="question-dismiss" title={t('chat.dismissTitle')} onClick={() => props.actions.dismiss(entry)}>
            {t('chat.dismiss')}
          </button>
        </span>
      ) : null}
    </li>
  );
}
