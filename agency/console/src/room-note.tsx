import { useState, type FormEvent } from 'react';
import { useSession, useT } from './console-context';

/** "Send a note to the anchor": shown on the studio's screen; the node's sentence when it refuses. */
export function RoomNote(props: { roomId: string; isLinked: boolean }) {
  const t = useT();
  const session = useSession();
  const [text, setText] = useState('');
  const [isBusy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const send = async (e: FormEvent) => {
    e.preventDefault();
    const client = session.client();
    if (!client || !text.trim() || !props.isLinked) return;
    setBusy(true);
    setResult(null);
    const answer = await client.request('room.note', { roomId: props.roomId, text: text.trim() });
    setBusy(false);
    if (answer.ok) {
      setText('');
      setResult({ ok: true, text: t('note.sent') });
    } else setResult({ ok: false, text: answer.message ?? t('common.noAnswer') });
  };
  return (
    <form className="room-note" onSubmit={(e) => void send(e)} data-testid="room-note">
      <h3>{t('note.title')}</h3>
      {props.isLinked ? null : <p className="hint warn">{t('note.offline')}</p>}
      <div className="room-note-row">
        <input
          value={text}
          maxLength={500}
          placeholder={t('note.placeholder')}
          aria-label={t('note.title')}
          onChange={(e) => setText(e.target.value)}
          data-testid="room-note-text"
        />
        <button type="submit" className="primary" disabled={isBusy || !text.trim() || !props.isLinked} data-testid="room-note-send">
          {isBusy ? t('common.busy') : t('note.send')}
        </button>
      </div>
      {result ? (
        <p className={result.ok ? 'ok-text' : 'error-text'} role={result.ok ? 'status' : 'alert'} data-testid="room-note-result">
          {result.text}
        </p>
      ) : null}
    </form>
  );
}
