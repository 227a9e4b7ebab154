import { useState } from 'react';
import type { DestinationView } from '@shared/features/output/domain/destinations';
import type { DerivedPictureHealth } from '@shared/features/output/domain/output';
import { formatDuration } from '../../app/format-duration';
import { useCanSend } from '../../app/use-can-send';
import { useNow } from '../../app/use-now';
import { useT } from '../../i18n/use-t';
import { useAppState, useHub } from '../../store/store-context';
import { DestinationFormView } from './destination-form';
import { canvasValue, destinationRows, type DestinationRow } from './output-view';

const NO_DESTINATIONS: DestinationView[] = [];

/** Destinations with their enable switch, health while live, reconnect, edit and remove; the add form below. */
export function DestinationList() {
  const t = useT();
  const destinations = useAppState((s) => s.studio?.output.destinations ?? NO_DESTINATIONS);
  const engine = useAppState((s) => s.studio?.output.engine ?? null);
  const isLive = useAppState((s) => s.studio?.output.show.phase === 'live');
  const canEdit = useCanSend('destination.add');
  const [editing, setEditing] = useState<string | null>(null);
  const rows = destinationRows(destinations, engine);
  const offset = useAppState((s) => s.connection.clockOffsetMs);
  // liveSince is the studio's clock: a window on another device adds its offset.
  const now = useNow(isLive) + offset;

  return (
    <section className="output-section">
      <h3>{t('output.destinations')}</h3>
      {!rows.length ? <p className="output-note">{t('output.noDestinations')}</p> : null}
      {engine?.derived.map((p) => <DerivedPictureLine key={p.orientation} picture={p} />)}
      <ul className="output-destinations" data-testid="destinations">
        {rows.map((row) =>
          editing === row.destination.id ? (
            <li key={row.destination.id}>
              <DestinationFormView editing={row.destination} onDone={() => setEditing(null)} />
            </li>
          ) : (
            <DestinationItem key={row.destination.id} row={row} now={now} canEdit={canEdit} onEdit={() => setEditing(row.destination.id)} />
          ),
        )}
      </ul>
      {canEdit && editing === null ? <DestinationFormView editing={null} onDone={() => undefined} /> : null}
    </section>
  );
}

/** The second picture of dual output while live: its shape, size and the health of its encoder. */
function DerivedPictureLine(props: { picture: DerivedPictureHealth }) {
  const t = useT();
  const p = props.picture;
  return (
    <div className={`output-health output-derived status-${p.status}`} data-testid="derived-picture" data-status={p.status}>
      <span>{t('output.picture.derived', { orientation: t(`output.canvas.${p.orientation}`), width: p.width, height: p.height })}</span>
      <span className="output-status">{t(`output.status.${p.status}`)}</span>
      {p.lastError && p.status !== 'live' ? (
        <span className="output-health-error" title={p.lastError.message}>
          {t(`output.error.${p.lastError.code}`)}
        </span>
      ) : null}
    </div>
  );
}

function DestinationItem(props: { row: DestinationRow; now: number; canEdit: boolean; onEdit: () => void }) {
  const t = useT();
  const hub = useHub();
  const canEnable = useCanSend('destination.enable');
  const canReconnect = useCanSend('destination.reconnect');
  const { destination: d, health } = props.row;
  return (
    <li className="output-destination" data-testid="destination-row" data-id={d.id} data-status={health?.status ?? 'idle'}>
      <div className="output-destination-head">
        <label className="output-enable">
          <input
            type="checkbox"
            checked={d.isEnabled}
            disabled={!canEnable}
            aria-label={t('output.enabled', { name: d.name })}
            onChange={(e) => hub && void hub.send('destination.enable', { id: d.id, isEnabled: e.target.checked })}
          />
          <span className="output-destination-name">{d.name}</span>
        </label>
        <span className="output-platform">{t(`output.platform.${d.platform}`)}</span>
        <span className="output-picture" data-testid="destination-picture">
          {t(`output.canvas.${canvasValue(d.canvas)}`)}
        </span>
        <span className={`output-key ${d.hasKey ? 'has-key' : ''}`} data-testid="destination-key">
          {d.hasKey ? `•••• ${t('output.keyStored')}` : t('output.keyMissing')}
        </span>
      </div>
      <div className="output-server" title={d.server}>
        {d.server}
      </div>
      {health ? (
        <div className={`output-health status-${health.status}`} data-testid="destination-health">
          <span className="output-status">{t(`output.status.${health.status}`)}</span>
          {health.bitrateKbps !== null ? <span>{t('output.bitrate', { kbps: health.bitrateKbps })}</span> : null}
          {health.liveSince !== null ? <span>{t('output.liveFor', { duration: formatDuration(props.now - health.liveSince) })}</span> : null}
          {health.attempts > 0 && health.status !== 'live' ? <span>{t('output.attempts', { attempts: health.attempts })}</span> : null}
          {health.lastError && health.status !== 'live' ? (
            <span className="output-health-error" data-testid="destination-error" title={health.lastError.message}>
              {t(`output.error.${health.lastError.code}`)}
            </span>
          ) : null}
          {canReconnect && health.status !== 'stopped' ? (
            <button type="button" data-testid="destination-reconnect" onClick={() => hub && void hub.send('destination.reconnect', { id: d.id })}>
              {t('output.reconnect')}
            </button>
          ) : null}
        </div>
      ) : null}
      {props.canEdit ? (
        <div className="output-row-buttons">
          <button type="button" onClick={props.onEdit} data-testid="destination-edit">
            {t('output.edit')}
          </button>
          <button type="button" onClick={() => hub && void hub.send('destination.remove', { id: d.id })} data-testid="destination-remove">
            {t('output.remove')}
          </button>
        </div>
      ) : null}
    </li>
  );
}
