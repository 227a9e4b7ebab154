import { HANDOFF_SOON_MS, upcomingHandoff } from '@shared/features/rundown/domain/presenters';
import { formatDuration } from '../../app/format-duration';
import { useT } from '../../i18n/use-t';
import { useRundown } from './use-rundown';

/**
 * The handoff ahead, when the next cue has another presenter: who takes over, a countdown to the end of the live cue's
 * planned time (imminent in the last minute, "now" once it ran out), and the producer's note for them. On the live cue
 * and the teleprompter, so the one on air and the one waiting both see it.
 */
export function HandoffBanner(props: { now: number; className?: string }) {
  const t = useT();
  const handoff = upcomingHandoff(useRundown(), props.now);
  if (!handoff) return null;
  const state = handoff.inMs === 0 ? 'now' : handoff.inMs <= HANDOFF_SOON_MS ? 'soon' : 'later';
  return (
    <p className={`handoff is-${state} ${props.className ?? ''}`} role="status" data-testid="handoff" data-state={state} data-to={handoff.to}>
      <strong>{state === 'now' ? t('cues.handoffNow', { to: handoff.to }) : t('cues.handoffIn', { to: handoff.to, time: formatDuration(handoff.inMs) })}</strong>
      {handoff.note ? <span className="handoff-note"> · {t('cues.handoffNote', { to: handoff.to, note: handoff.note })}</span> : null}
    </p>
  );
}
