import { useState, type ReactNode } from 'react';
import { safeArea } from '@shared/features/scenes/domain/source-layout';
import { derivedWindow } from '@shared/features/output/domain/dual-output';
import type { MonitorView } from '@shared/features/monitor/protocol/monitor-events';
import { Panel } from '../../app/panel';
import { useNow } from '../../app/use-now';
import { useT } from '../../i18n/use-t';
import { useAppState } from '../../store/store-context';
import { AudioMeterBridge } from './audio-meter-bridge';
import { monitorViews, STALE_FRAME_MS } from './monitor-view';
import { useMonitorFrames, type ReceivedFrame } from './use-monitor-feed';
import './monitor.css';

/**
 * What goes out, live: OBS's program picture (and, in studio mode, the preview beside it) at about 15 frames a second
 * while the panel is on screen, with the platforms' safe areas, and a meter for every sound source.
 */
export function MonitorPanel() {
  const t = useT();
  const [element, setElement] = useState<HTMLDivElement | null>(null);
  const isStudioMode = useAppState((s) => (s.studio?.scenes.preview ?? null) !== null);
  const isVertical = useAppState((s) => s.studio?.obs.profile === 'vertical');
  const isObsConnected = useAppState((s) => s.studio?.obs.status === 'connected');
  const [isSafeShown, setSafeShown] = useState(true);
  const verticalWindow = useVerticalWindow();
  const views = monitorViews(isStudioMode);
  const frames = useMonitorFrames(element, views);
  return (
    <Panel title={t('monitor.title')} area="monitor">
      <div className={`monitor ${isVertical ? 'is-vertical' : ''}`} ref={setElement}>
        <div className="monitor-pictures">
          {views.map((view) => (
            <MonitorPicture
              key={view}
              view={view}
              frame={isObsConnected ? frames[view] : undefined}
              isVertical={isVertical}
              isSafeShown={isSafeShown}
              verticalWindow={view === 'program' ? verticalWindow : null}
            >
              {view === 'program' ? (
                <label className="monitor-safe-toggle" title={t('monitor.safeAreasHint')}>
                  <input type="checkbox" checked={isSafeShown} onChange={(e) => setSafeShown(e.target.checked)} data-testid="monitor-safe-toggle" />
                  {t('monitor.safeAreas')}
                </label>
              ) : null}
            </MonitorPicture>
          ))}
        </div>
        <AudioMeterBridge />
      </div>
    </Panel>
  );
}

/** Dual output: the part of the 16:9 program a derived 9:16 picture shows, as fractions of the width (null: none). */
function useVerticalWindow(): { x: number; w: number } | null {
  const output = useAppState((s) => s.studio?.output);
  const band = output ? derivedWindow(output.destinations, output.engine) : null;
  const width = output?.engine?.picture.width ?? 0;
  return band && width ? { x: band.x / width, w: band.w / width } : null;
}

function MonitorPicture(props: {
  view: MonitorView;
  frame: ReceivedFrame | undefined;
  isVertical: boolean;
  isSafeShown: boolean;
  verticalWindow: { x: number; w: number } | null;
  children?: ReactNode;
}) {
  const t = useT();
  const { frame } = props;
  const now = useNow(frame !== undefined);
  const label = t(props.view === 'program' ? 'monitor.program' : 'monitor.preview');
  const isStale = frame !== undefined && now - frame.receivedAt > STALE_FRAME_MS;
  const safe = safeArea(props.isVertical);
  return (
    <figure className={`monitor-picture is-${props.view}`} data-testid={`monitor-${props.view}`} data-scene={frame?.scene ?? ''} data-at={frame?.at ?? 0}>
      <figcaption>
        <span>
          {label}
          {frame ? <strong> · {frame.scene}</strong> : null}
        </span>
        {props.children}
      </figcaption>
      {/* No black box before a first frame: without OBS the panel stays small and leaves the room to cues and sales. */}
      {frame ? (
        <div className="monitor-frame">
          <img src={frame.image} alt={t('monitor.alt', { view: label, scene: frame.scene })} draggable={false} />
          {props.isSafeShown ? (
            <span
              className="monitor-safe-area"
              data-testid="monitor-safe-area"
              style={{ left: `${safe.x * 100}%`, top: `${safe.y * 100}%`, width: `${safe.w * 100}%`, height: `${safe.h * 100}%` }}
            />
          ) : null}
          {props.isSafeShown && props.verticalWindow ? (
            <span
              className="monitor-vertical-window"
              data-testid="monitor-vertical-window"
              title={t('monitor.verticalWindowHint')}
              style={{ left: `${props.verticalWindow.x * 100}%`, width: `${props.verticalWindow.w * 100}%` }}
            >
              <em>{t('monitor.verticalWindow')}</em>
            </span>
          ) : null}
          {isStale ? <p className="monitor-paused" role="status">{t('monitor.paused')}</p> : null}
        </div>
      ) : (
        <p className="hint">{t('monitor.waiting')}</p>
      )}
    </figure>
  );
}
