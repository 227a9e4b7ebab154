import { useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import type { SceneSource } from '@shared/features/scenes/domain/scenes';
import { safeArea, snapMovedBox, snapResizedBox, type CanvasBox } from '@shared/features/scenes/domain/source-layout';
import { useT } from '../../i18n/use-t';
import { useAppState } from '../../store/store-context';
import { canvasOrientation } from './editor-view';
import { visualSources } from './scene-view';
import { useEditorSend } from './use-editor-send';

/** A drag in progress: which source, how (move or resize from the bottom-right corner), where it started. */
interface Drag {
  source: string;
  mode: 'move' | 'resize';
  start: { x: number; y: number };
  from: CanvasBox;
  box: CanvasBox;
}

/**
 * The scene's layout drawn to scale over its thumbnail: drag a source to move it, its corner to resize it; the box
 * snaps to the thirds and to the platforms' safe area (drawn dashed) and is sent as `source.move` when the pointer
 * lets go (the editor's Undo puts it back).
 */
export function LayoutMonitor(props: {
  scene: string;
  items: readonly SceneSource[];
  isDisabled: boolean;
  /** A move OBS applied, with the box it came from (for undo). */
  onMoved(edit: { scene: string; source: string; box: CanvasBox }): void;
}) {
  const t = useT();
  const send = useEditorSend();
  const image = useAppState((s) => s.thumbnails.images[props.scene]);
  const isVertical = canvasOrientation(useAppState((s) => s.studio?.obs.profile ?? null)) === 'vertical';
  const frame = useRef<HTMLDivElement | null>(null);
  const [drag, setDrag] = useState<Drag | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Where the platforms' apps draw over the picture: guides to snap to, so nothing important ends up under them.
  const safe = safeArea(isVertical);
  const placed = visualSources(props.items).filter((i): i is SceneSource & { box: CanvasBox } => !!i.box);

  const begin = (e: ReactPointerEvent, item: SceneSource & { box: CanvasBox }, mode: Drag['mode']) => {
    // A locked source stays where it is (the engine refuses the move anyway).
    if (props.isDisabled || item.isLocked) return;
    const { name: source, box } = item;
    e.preventDefault();
    e.stopPropagation();
    (e.currentTarget as Element).setPointerCapture?.(e.pointerId);
    setDrag({ source, mode, start: { x: e.clientX, y: e.clientY }, from: box, box });
  };
  const moveTo = (e: ReactPointerEvent) => {
    const rect = frame.current?.getBoundingClientRect();
    if (!drag || !rect || rect.width === 0 || rect.height === 0) return;
    const dx = (e.clientX - drag.start.x) / rect.width;
    const dy = (e.clientY - drag.start.y) / rect.height;
    const { from } = drag;
    const box = drag.mode === 'move' ? snapMovedBox({ ...from, x: from.x + dx, y: from.y + dy }, safe) : snapResizedBox({ ...from, w: from.w + dx, h: from.h + dy }, safe);
    setDrag({ ...drag, box });
  };
  const end = async () => {
    const done = drag;
    setDrag(null);
    if (!done || sameBox(done.box, done.from)) return;
    const failure = await send('source.move', { scene: props.scene, source: done.source, box: done.box });
    setError(failure);
    if (failure === null) props.onMoved({ scene: props.scene, source: done.source, box: done.from });
  };

  if (placed.length === 0) return null;
  return (
    <div className="layout-monitor" data-testid="layout-monitor">
      <p className="hint">{t('scenes.monitor')}</p>
      <div
        ref={frame}
        className={`layout-frame ${isVertical ? 'is-vertical' : ''}`}
        role="group"
        aria-label={t('scenes.monitorLabel', { scene: props.scene })}
        onPointerMove={moveTo}
        onPointerUp={() => void end()}
        onPointerCancel={() => setDrag(null)}
      >
        {image ? <img src={image} alt="" draggable={false} /> : null}
        <span className="third v1" />
        <span className="third v2" />
        <span className="third h1" />
        <span className="third h2" />
        <span
          className="safe-area"
          data-testid="layout-safe-area"
          title={t('scenes.safeArea')}
          style={{ left: `${safe.x * 100}%`, top: `${safe.y * 100}%`, width: `${safe.w * 100}%`, height: `${safe.h * 100}%` }}
        />
        {placed.map((item) => {
          const box = drag?.source === item.name ? drag.box : item.box;
          return (
            <div
              key={item.name}
              className={`layout-box ${drag?.source === item.name ? 'is-dragging' : ''} ${item.isLocked ? 'is-locked' : ''}`}
              data-testid="layout-box"
              data-source={item.name}
              data-box={`${box.x},${box.y},${box.w},${box.h}`}
              style={{ left: `${box.x * 100}%`, top: `${box.y * 100}%`, width: `${box.w * 100}%`, height: `${box.h * 100}%` }}
              data-locked={item.isLocked === true}
              onPointerDown={(e) => begin(e, item, 'move')}
            >
              <span className="layout-box-name">
                {item.isLocked ? '🔒 ' : ''}
                {item.name}
              </span>
              {item.isLocked ? null : <span className="layout-handle" data-testid="layout-handle" onPointerDown={(e) => begin(e, item, 'resize')} />}
            </div>
          );
        })}
      </div>
      {error ? (
        <p className="field-error" role="alert" data-testid="layout-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function sameBox(a: CanvasBox, b: CanvasBox): boolean {
  return a.x === b.x && a.y === b.y && a.w === b.w && a.h === b.h;
}
