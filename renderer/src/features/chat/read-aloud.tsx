import { useEffect, useRef } from 'react';
import { newQuestions, questionUtterance, READ_ALOUD_QUEUE, READ_ALOUD_RATES } from '@shared/features/chat/domain/read-aloud';
import type { ChatStatus } from '@shared/features/chat/protocol/chat-events';
import { useCanSend } from '../../app/use-can-send';
import { useT } from '../../i18n/use-t';
import { useAppState, useHub } from '../../store/store-context';

/** The paces offered; the hub takes any in READ_ALOUD_RATES. */
const PACES = [0.75, 1, 1.25, 1.5] as const;

/** The system's speech (Electron and Chromium speak through the OS voices), or null where this window has none. */
function speech(): SpeechSynthesis | null {
  return typeof window !== 'undefined' && 'speechSynthesis' in window && typeof SpeechSynthesisUtterance === 'function' ? window.speechSynthesis : null;
}

/**
 * Reads each new buyer question aloud in the anchor's window while the studio's setting is on: in the question's own
 * language, at the chosen pace, only questions that arrive after it was turned on, at most a few waiting at a time
 * (in a flood the lane shows them; a voice cannot keep up). Other windows never speak: the anchor is who needs it,
 * and a producer's window on the same computer would read everything twice.
 */
export function useQuestionReader(): void {
  const isAnchor = useAppState((s) => s.connection.role === 'anchor');
  const enabled = useAppState((s) => s.chat.status?.readAloud.enabled ?? false);
  const rate = useAppState((s) => s.chat.status?.readAloud.rate ?? 1);
  const questions = useAppState((s) => s.chat.questions);
  const offset = useAppState((s) => s.connection.clockOffsetMs);
  const known = useRef(new Set<string>());
  /** Hub time it was turned on in this window; null while off. */
  const since = useRef<number | null>(null);
  const waiting = useRef(0);
  const isOn = isAnchor && enabled && speech() !== null;

  useEffect(() => {
    const synth = speech();
    if (!isOn || !synth) {
      since.current = null;
      return;
    }
    since.current ??= Date.now() + offset;
    const fresh = newQuestions(questions, known.current, since.current);
    known.current = new Set(questions.map((q) => q.entry.key));
    for (const q of fresh) {
      if (waiting.current >= READ_ALOUD_QUEUE) break;
      const said = questionUtterance(q.entry);
      const utterance = new SpeechSynthesisUtterance(said.text);
      utterance.lang = said.lang;
      utterance.rate = rate;
      waiting.current += 1;
      utterance.onend = utterance.onerror = () => {
        waiting.current = Math.max(0, waiting.current - 1);
      };
      synth.speak(utterance);
    }
  }, [isOn, questions, rate, offset]);

  // Turned off (or the window closes): stop talking at once.
  useEffect(() => {
    if (!isOn) return;
    return () => {
      speech()?.cancel();
      waiting.current = 0;
    };
  }, [isOn]);
}

/** The toolbar's switch for reading questions aloud, and its pace (anchor and producer). */
export function ReadAloudControl(props: { status: ChatStatus | null }) {
  const t = useT();
  const hub = useHub();
  const canSet = useCanSend('chat.readAloud.set');
  const isAnchor = useAppState((s) => s.connection.role === 'anchor');
  if (!canSet || !props.status) return null;
  const { enabled, rate } = props.status.readAloud;
  const set = (next: { enabled: boolean; rate: number }) => void hub?.send('chat.readAloud.set', next);
  const where = isAnchor ? (speech() ? null : t('chat.readAloudNoVoice')) : t('chat.readAloudWhere');
  return (
    <span className="chat-read-aloud" title={where ?? t('chat.readAloudTitle')}>
      <label>
        <input type="checkbox" data-testid="chat-read-aloud" checked={enabled} onChange={(e) => set({ enabled: e.target.checked, rate })} />
        {t('chat.readAloud')}
      </label>
      {enabled ? (
        <select aria-label={t('chat.readAloudPace')} data-testid="chat-read-aloud-pace" value={rate} onChange={(e) => set({ enabled, rate: Number(e.target.value) })}>
          {[...new Set([...PACES, rate])]
            .filter((p) => p >= READ_ALOUD_RATES.min && p <= READ_ALOUD_RATES.max)
            .sort((a, b) => a - b)
            .map((p) => (
              <option key={p} value={p}>
                {`${p}×`}
              </option>
            ))}
        </select>
      ) : null}
      {enabled && where ? <span className="muted">{where}</span> : null}
    </span>
  );
}
