import { useState } from 'react';
import type { RoomSummary } from '../../shared/console-protocol';
import { useSession, useT } from './console-context';

/**
 * The room's run of show with the cue on air marked. A producer (or admin) may go to a cue or to the next one: the
 * studio runs it only where its anchor allowed agency commands, as its own producer would; its sentence shows otherwise.
 */
export function RoomRunOfShow(props: { room: RoomSummary; canSteer: boolean }) {
  const t = useT();
  const session = useSession();
  const [isBusy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const { room, canSteer } = props;
  const cues = room.status?.cues ?? [];
  const currentId = room.status?.cue?.id ?? null;
  if (cues.length === 0) return null;
  const canSend = canSteer && room.isLinked && !isBusy;

  const send = async (name: 'cue.goto' | 'cue.next', payload: object) => {
    const client = session.client();
    if (!client) return;
    setBusy(true);
    setRefusal(null);
    const answer = await client.request('room.command', { roomId: room.id, name, payload });
    setBusy(false);
    if (!answer.ok) setRefusal(answer.message ?? t('common.noAnswer'));
  };

  return (
    <section className="detail-section run-of-show" data-testid="run-of-show">
      <div className="run-of-show-head">
        <h3>{t('runOfShow.title')}</h3>
        {canSteer ? (
          <button type="button" disabled={!canSend} onClick={() => void send('cue.next', {})} data-testid="cue-next">
            {t('runOfShow.next')}
          </button>
        ) : null}
      </div>
      <ol className="cue-list">
        {cues.map((cue) => (
          <li key={cue.id} className={cue.id === currentId ? 'cue-current' : undefined} data-testid="cue-row" data-current={cue.id === currentId}>
            <span>{cue.label}</span>
            {canSteer && cue.id !== currentId ? (
              <button type="button" className="quiet" disabled={!canSend} onClick={() => void send('cue.goto', { id: cue.id })}>
                {t('runOfShow.goto')}
              </button>
            ) : null}
          </li>
        ))}
      </ol>
      {canSteer ? <p className="hint">{t('runOfShow.hint')}</p> : null}
      {refusal ? (
        <p className="error-text" role="alert" data-testid="run-of-show-refusal">
          {refusal}
        </p>
      ) : null}
    </section>
  );
}
