import { showPhaseOf } from '@shared/core/domain/show-phase';
import type { ChatStatus } from '@shared/features/chat/protocol/chat-events';
import { useT } from '../../i18n/use-t';
import { useAppState } from '../../store/store-context';

/**
 * One calm line that says which chat this is: while rehearsing, that it will be cleared at going live; on air, that
 * the rehearsal's chat was cleared (and how much), so nobody wonders where it went.
 */
export function ChatPhaseNote(props: { status: ChatStatus | null }) {
  const t = useT();
  // Primitive selectors: stable between renders.
  const isLive = useAppState((s) => s.studio?.live.isLive ?? false);
  const startedAt = useAppState((s) => s.studio?.live.startedAt ?? null);
  const endedAt = useAppState((s) => s.studio?.live.endedAt ?? null);
  const phase = showPhaseOf({ isLive, startedAt, endedAt });
  const cut = props.status?.rehearsalCleared ?? null;
  if (phase === 'rehearsal') {
    return (
      <p className="chat-phase-note" data-testid="chat-phase-note" data-phase="rehearsal">
        {t('chat.rehearsalNote')}
      </p>
    );
  }
  // Only for this show's go-live (a cut from an earlier show says nothing about this one).
  if (phase === 'live' && cut !== null && cut.at === startedAt && cut.count > 0) {
    return (
      <p className="chat-phase-note" data-testid="chat-phase-note" data-phase="live">
        {t('chat.rehearsalCleared', { count: cut.count })}
      </p>
    );
  }
  return null;
}
