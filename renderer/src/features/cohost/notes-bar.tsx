import { useState, type FormEvent } from 'react';
import { useCanSend } from '../../app/use-can-send';
import { useT } from '../../i18n/use-t';
import { useAppState, useHub } from '../../store/store-context';

import type { Note } from '@shared/features/cohost/domain/cohost';

// A stable empty list: a selector returning a fresh [] on every call would re-render forever.
const NO_NOTES: Note[] = [];

/** Producer notes: the anchor sees each until acknowledged; a producer writes them here. */
export function NotesBar() {
  const t = useT();
  const hub = useHub();
  const notes = useAppState((s) => s.studio?.notes ?? NO_NOTES);
  const canAck = useCanSend('note.ack');
  const canSend = useCanSend('note.send');
  const [draft, setDraft] = useState('');

  const send = async (e: FormEvent) => {
    e.preventDefault();
    const result = await hub?.send('note.send', { text: draft });
    if (result?.ok) setDraft('');
  };

  return (
    <>
      {canAck && notes.length > 0 ? (
        <ul className="notes" aria-live="polite" data-testid="notes">
          {notes.map((n) => (
            <li key={n.id} className="note" data-testid="note">
              <strong>{t('notes.from', { name: n.fromName })}:</strong> <span>{n.text}</span>
              <button type="button" data-testid="note-ack" onClick={() => void hub?.send('note.ack', { id: n.id })}>
                {t('notes.ack')}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {canSend ? (
        <form className="note-compose" onSubmit={send}>
          <input
            data-testid="note-input"
            value={draft}
            maxLength={280}
            placeholder={t('notes.placeholder')}
            onChange={(e) => setDraft(e.target.value)}
          />
          <button type="submit" data-testid="note-send" disabled={draft.trim() === ''}>
            {t('notes.send')}
          </button>
        </form>
      ) : null}
    </>
  );
}
