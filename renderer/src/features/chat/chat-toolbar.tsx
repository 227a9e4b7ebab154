import { useState } from 'react';
import { DEFAULT_SIMULATION } from '@shared/features/chat/domain/chat-simulation';
import type { ChatIngestInfo, ChatStatus } from '@shared/features/chat/protocol/chat-events';
import { useT } from '../../i18n/use-t';
import { useAppState, useHub } from '../../store/store-context';
import { IngestSecretFields } from '../../app/ingest-secret-fields';
import { useCanSend } from '../../app/use-can-send';
import { ReadAloudControl } from './read-aloud';

/** Simulator switch, reading questions aloud, keyword filters and (anchor only) the bridges' endpoint and secret. */
export function ChatToolbar(props: { status: ChatStatus | null }) {
  const t = useT();
  const hub = useHub();
  const canSimulate = useCanSend('chat.simulator.start');
  const canFilter = useCanSend('chat.filters.set');
  const canSeeSecret = useCanSend('chat.ingestInfo');
  const [rate, setRate] = useState(DEFAULT_SIMULATION.ratePerSecond);
  const [open, setOpen] = useState<'filters' | 'bridges' | null>(null);
  const [ingest, setIngest] = useState<ChatIngestInfo | null>(null);
  const isRunning = Boolean(props.status?.simulator);
  const isLive = useAppState((s) => s.studio?.live.isLive ?? false);

  const toggleSimulator = () => {
    if (!hub) return;
    if (isRunning) void hub.send('chat.simulator.stop', {});
    else void hub.send('chat.simulator.start', { ...DEFAULT_SIMULATION, ratePerSecond: rate });
  };
  const showBridges = async () => {
    if (open === 'bridges') return setOpen(null);
    setOpen('bridges');
    const result = await hub?.send('chat.ingestInfo', {});
    // Kept in this component only: the secret never enters the store, the logs or the broadcast state.
    if (result?.ok) setIngest(result.data as ChatIngestInfo);
  };

  return (
    <div className="chat-toolbar">
      {canSimulate ? (
        <span className="chat-sim">
          <input
            type="number"
            min={1}
            max={5000}
            value={rate}
            aria-label={t('chat.simRate')}
            data-testid="chat-sim-rate"
            onChange={(e) => setRate(Math.max(1, Math.min(5000, Number(e.target.value) || 1)))}
          />
          <span className="muted">{t('chat.simRate')}</span>
          <button
            type="button"
            data-testid="chat-sim-toggle"
            data-running={isRunning ? 'true' : 'false'}
            // On air the hub refuses to start it; stopping stays possible (it stops by itself at going live anyway).
            disabled={isLive && !isRunning}
            title={isLive && !isRunning ? t('chat.simOffAir') : undefined}
            onClick={toggleSimulator}
          >
            {isRunning ? t('chat.simStop') : t('chat.simStart')}
          </button>
        </span>
      ) : null}
      <span className="spacer" />
      <ReadAloudControl status={props.status} />
      {props.status && props.status.blockedUsers.length > 0 ? (
        <span className="muted">{t('chat.blocked', { count: props.status.blockedUsers.length })}</span>
      ) : null}
      {canFilter ? (
        <button type="button" data-testid="chat-filters-toggle" onClick={() => setOpen(open === 'filters' ? null : 'filters')}>
          {t('chat.filters')}
        </button>
      ) : null}
      {canSeeSecret ? (
        <button type="button" data-testid="chat-bridges-toggle" onClick={() => void showBridges()}>
          {t('chat.bridges')}
        </button>
      ) : null}
      {open === 'filters' && props.status ? <FilterEditor status={props.status} onDone={() => setOpen(null)} /> : null}
      {open === 'bridges' && ingest ? (
        <IngestSecretFields
          endpoint={ingest.endpoint}
          secret={ingest.secret}
          labels={{ endpoint: t('chat.ingestEndpoint'), secret: t('chat.ingestSecret') }}
          hint={ingest.isFromEnv ? t('chat.ingestSecretEnv') : t('chat.ingestHelp')}
          className="chat-popover"
          testIds={{ box: 'chat-bridges', secret: 'chat-ingest-secret' }}
        />
      ) : null}
    </div>
  );
}

function FilterEditor(props: { status: ChatStatus; onDone(): void }) {
  const t = useT();
  const hub = useHub();
  const [terms, setTerms] = useState(props.status.filters.terms.join('\n'));
  const [useShared, setUseShared] = useState(props.status.filters.useSharedList);
  const save = async () => {
    const list = terms.split('\n').map((s) => s.trim()).filter(Boolean);
    const result = await hub?.send('chat.filters.set', { terms: list, useSharedList: useShared });
    if (result?.ok) props.onDone();
  };
  return (
    <div className="chat-popover" data-testid="chat-filters">
      <label>
        {t('chat.filterTerms')}
        <textarea rows={4} value={terms} onChange={(e) => setTerms(e.target.value)} data-testid="chat-filter-terms" />
      </label>
      <label className="chat-check">
        <input type="checkbox" checked={useShared} onChange={(e) => setUseShared(e.target.checked)} data-testid="chat-filter-shared" />
        {t('chat.filterShared')}
      </label>
      <button type="button" className="primary" onClick={() => void save()} data-testid="chat-filter-save">
        {t('chat.save')}
      </button>
    </div>
  );
}
