import { Fragment, useState, type DragEvent } from 'react';
import { cueElapsedMs, type Cue, type RundownState } from '@shared/features/rundown/domain/rundown';
import { formatDuration } from '../../app/format-duration';
import { useT } from '../../i18n/use-t';
import { useHub } from '../../store/store-context';
import type { CommandPayload } from '@shared/core/protocol';
import { ScenePicker } from '../../app/scene-picker';
import { CueEditor } from './cue-editor';
import { planStatus } from './cue-view';

/** The ordered cues: the live one highlighted, the next one marked; drag to reorder, "Go" to jump. */
export function CueList(props: {
  rundown: RundownState;
  title: (cue: Cue) => string;
  canEdit: boolean;
  /** Whether cues can go live now (not after the show ended). */
  canGo: boolean;
  now: number;
  /** The product's own scene, which a cue without one takes (shown as the picker's empty choice). */
  productScene: (cue: Cue) => string | null;
  /** The scene a product cue would put the card in when that scene shows no card; null when the card will show. */
  cardlessScene: (cue: Cue) => string | null;
  /** The script of the cue's product, which a cue without its own script reads. */
  productScript: (cue: Cue) => string;
}) {
  const t = useT();
  const hub = useHub();
  const [dragging, setDragging] = useState<string | null>(null);
  const [dropAt, setDropAt] = useState<number | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const { rundown } = props;
  const liveIndex = rundown.cues.findIndex((c) => c.id === rundown.currentCueId);

  const drop = (event: DragEvent, index: number) => {
    event.preventDefault();
    if (dragging) {
      const from = rundown.cues.findIndex((c) => c.id === dragging);
      // Dropping on row i puts the cue before it; moving down, its own removal shifts the target up by one.
      const to = from < index ? index - 1 : index;
      if (to !== from) void hub?.send('cue.move', { id: dragging, toIndex: to });
    }
    setDragging(null);
    setDropAt(null);
  };

  return (
    <ol className="cue-list" data-testid="cue-list" onDragEnd={() => setDragging(null)}>
      {rundown.cues.map((cue, i) => {
        const isLive = cue.id === rundown.currentCueId;
        const elapsed = cueElapsedMs(rundown, cue.id, props.now);
        const classes = ['cue-row', isLive ? 'is-live' : '', i === liveIndex + 1 ? 'is-next' : '', dropAt === i ? 'is-drop' : ''];
        return (
          <Fragment key={cue.id}>
            <li
              className={classes.join(' ')}
              data-testid="cue-row"
              data-cue-id={cue.id}
              aria-current={isLive ? 'step' : undefined}
              draggable={props.canEdit}
              title={props.canEdit ? t('cues.dragHint') : undefined}
              onDragStart={(e) => {
                e.dataTransfer.effectAllowed = 'move';
                setDragging(cue.id);
              }}
              onDragOver={(e) => {
                if (!dragging) return;
                e.preventDefault();
                setDropAt(i);
              }}
              onDrop={(e) => drop(e, i)}
            >
              <span className="cue-index">{i + 1}</span>
              <span className="cue-name">
                {cue.kind === 'segment' ? <span className="segment-tag">{t(`cues.segment.${cue.segment ?? 'custom'}`)}</span> : null}
                {props.title(cue)}
              </span>
              {props.canEdit ? (
                <ScenePicker
                  value={cue.scene}
                  onChange={(scene) => void hub?.send('cue.update', { cue: { ...cue, scene } as CommandPayload<'cue.update'>['cue'] })}
                  ariaLabel={t('cues.scene')}
                  testId="cue-scene"
                  labels={{ keep: props.productScene(cue) ?? t('cues.keepScene'), missing: (name) => t('cues.sceneGone', { scene: name }) }}
                />
              ) : null}
              {props.cardlessScene(cue) ? (
                <span className="cue-card-hint" data-testid="cue-card-hint" title={t('cues.warning.cardNotInScene', { scene: props.cardlessScene(cue)! })}>
                  {t('cues.cardHiddenHere', { scene: props.cardlessScene(cue)! })}
                </span>
              ) : null}
              {cue.presenter ? (
                <span className="cue-presenter" data-testid="cue-presenter" title={t('cues.presenter')}>
                  {cue.presenter}
                </span>
              ) : null}
              {cue.note ? (
                <span className="cue-note-mark" data-testid="cue-note-mark" title={cue.note} aria-label={`${t('cues.edit.note')}: ${cue.note}`}>
                  ✉
                </span>
              ) : null}
              {cue.card ? (
                <span className="cue-card-mark" data-testid="cue-card-mark" data-card={cue.card}>
                  {t(cue.card === 'show' ? 'cues.edit.cardShowShort' : 'cues.edit.cardHideShort')}
                </span>
              ) : null}
              <span className={`cue-plan plan-${planStatus(elapsed, cue.plannedMs)}`}>
                {elapsed > 0 ? `${formatDuration(elapsed)} / ` : ''}
                {formatDuration(cue.plannedMs)}
              </span>
              {props.canEdit ? (
                <>
                  <button type="button" data-testid="cue-goto" disabled={isLive || !props.canGo} onClick={() => void hub?.send('cue.goto', { id: cue.id })}>
                    {t('cues.goto')}
                  </button>
                  <button
                    type="button"
                    className="quiet"
                    data-testid="cue-edit"
                    aria-expanded={editing === cue.id}
                    aria-label={`${t('cues.edit.open')} ${props.title(cue)}`}
                    title={t('cues.edit.open')}
                    onClick={() => setEditing(editing === cue.id ? null : cue.id)}
                  >
                    ✎
                  </button>
                  <button type="button" className="quiet" aria-label={`${t('cues.remove')} ${props.title(cue)}`} onClick={() => void hub?.send('cue.remove', { id: cue.id })}>
                    ×
                  </button>
                </>
              ) : null}
            </li>
            {props.canEdit && editing === cue.id ? (
              <li className="cue-editor-row">
                <CueEditor cue={cue} productScript={props.productScript(cue)} onDone={() => setEditing(null)} />
              </li>
            ) : null}
          </Fragment>
        );
      })}
      {props.canEdit && dragging ? (
        <li className={`cue-drop-end ${dropAt === rundown.cues.length ? 'is-drop' : ''}`} onDragOver={(e) => (e.preventDefault(), setDropAt(rundown.cues.length))} onDrop={(e) => drop(e, rundown.cues.length)} />
      ) : null}
    </ol>
  );
}
