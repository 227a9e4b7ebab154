import { useMemo, useRef, useState } from 'react';
import { currentCueOf, cueElapsedMs, isCardOnAfterGo, nextCueOf, type Cue, type CueWarning } from '@shared/features/rundown/domain/rundown';
import { showPhaseOf } from '@shared/core/domain/show-phase';
import { planCueGo } from '@shared/features/rundown/domain/cue-go';
import { errorText } from '../../app/error-text';
import { EmptyState, Panel } from '../../app/panel';
import { formatDuration } from '../../app/format-duration';
import { useCanSend } from '../../app/use-can-send';
import { useNow } from '../../app/use-now';
import { useT } from '../../i18n/use-t';
import { useAppState, useHub } from '../../store/store-context';
import { AddCueForm } from './add-cue-form';
import { ComplianceSummary } from './compliance-summary';
import { CueList } from './cue-list';
import { cueTitle, planStatus } from './cue-view';
import { FlashSaleControl } from './flash-sale-control';
import { HandoffBanner } from './handoff-banner';
import { PriceTag } from './price-tag';
import { Teleprompter } from './teleprompter';
import { useCueHotkeys } from './use-cue-hotkeys';
import { useClockOffset, useProducts, useRundown, useStock, useTitleLanguage } from './use-rundown';
import './cues.css';

const NO_SCENES = { names: [], program: null };

/** Run of show: the live cue with its timer, what comes next, the cue list, the product card and flash sale controls. */
export function CuesPanel() {
  const t = useT();
  const hub = useHub();
  const rundown = useRundown();
  const products = useProducts();
  const titleLanguage = useTitleLanguage();
  const locale = useAppState((s) => s.language);
  const canRun = useCanSend('cue.next');
  const phase = useAppState((s) => (s.studio ? showPhaseOf(s.studio.live) : 'rehearsal'));
  const scenes = useAppState((s) => s.studio?.scenes ?? NO_SCENES);
  const offset = useClockOffset();
  const now = useNow(rundown.currentCueId !== null) + offset;
  const [isPrompterOpen, setPrompterOpen] = useState(false);

  // Hotkeys read the newest run of show without re-binding on every state change.
  const latest = useRef(rundown);
  latest.current = rundown;
  const actions = useMemo(
    () => ({
      next: () => void hub?.send('cue.next', { fromCueId: latest.current.currentCueId }),
      previous: () => void hub?.send('cue.prev', { fromCueId: latest.current.currentCueId }),
      toggleCard: () => void hub?.send('overlay.set', { visible: !latest.current.isOverlayVisible }),
    }),
    [hub],
  );
  const isEnded = phase === 'ended';
  // After the end the hub refuses cues (a new show opens them again): the controls say so by being off.
  useCueHotkeys(canRun && !isEnded, actions);

  const current = currentCueOf(rundown);
  const next = nextCueOf(rundown);
  const title = (cue: Cue) => cueTitle(cue, cue.sku ? products[cue.sku] : undefined, titleLanguage);

  return (
    <Panel title={t('cues.title')} area="cues">
      <div className="live-cue" data-testid="live-cue">
        {current ? (
          <LiveCueCard cue={current} title={title(current)} elapsedMs={cueElapsedMs(rundown, current.id, now)} now={now} isOnAir={phase === 'live'} />
        ) : (
          <p className="hint" data-testid="live-cue-none">
            {phase === 'ended' ? t('cues.showEnded') : t('cues.none')}
          </p>
        )}
        {current && rundown.lastGo?.cueId === current.id && rundown.lastGo.warnings.length > 0 ? <GoWarnings warnings={rundown.lastGo.warnings} /> : null}
        {isEnded ? null : (
          <p className="next-cue" data-testid="next-cue">
            <span className="label">{t('cues.next')}</span> {next ? title(next) : t('cues.end')}
          </p>
        )}
        {canRun ? (
          <div className="cue-controls">
            <button type="button" data-testid="cue-prev" disabled={isEnded} onClick={actions.previous}>
              {t('cues.prevButton')}
            </button>
            <button type="button" className="primary" data-testid="cue-next" disabled={!next || isEnded} onClick={actions.next}>
              {t('cues.nextButton')}
            </button>
            <label className="card-toggle">
              <input type="checkbox" data-testid="card-toggle" checked={rundown.isOverlayVisible} onChange={actions.toggleCard} />
              {t('cues.card')}
            </label>
            <select
              aria-label={t('cues.cardLanguage')}
              value={rundown.overlayLanguage}
              onChange={(e) => void hub?.send('overlay.set', { language: e.target.value === 'en' ? 'en' : 'zh-CN' })}
            >
              <option value="zh-CN">中文</option>
              <option value="en">English</option>
            </select>
            <button type="button" data-testid="open-teleprompter" onClick={() => setPrompterOpen(true)}>
              {t('cues.teleprompter')}
            </button>
          </div>
        ) : (
          <button type="button" data-testid="open-teleprompter" onClick={() => setPrompterOpen(true)}>
            {t('cues.teleprompter')}
          </button>
        )}
        {canRun ? <p className="hint kbd-hint">{t('cues.hotkeys')}</p> : null}
        {canRun && !isEnded && current?.sku && products[current.sku] ? (
          <FlashSaleControl product={products[current.sku]!} flash={rundown.flash} now={now} locale={locale} />
        ) : null}
      </div>
      {rundown.cues.length === 0 ? (
        <EmptyState>
          {canRun ? t('cues.emptyNext') : t('cues.empty')}
          {canRun ? (
            <button type="button" className="empty-action" data-testid="load-sample" onClick={() => void hub?.send('show.loadSample', {})}>
              {t('cues.loadSample')}
            </button>
          ) : null}
        </EmptyState>
      ) : (
        <CueList
          rundown={rundown}
          title={title}
          canEdit={canRun}
          canGo={canRun && !isEnded}
          now={now}
          productScript={(cue) => (cue.sku ? (products[cue.sku]?.script ?? '') : '')}
          productScene={(cue) => {
            const scene = cue.sku ? products[cue.sku]?.scene : null;
            return scene ? t('cues.productScene', { scene }) : null;
          }}
          cardlessScene={(cue) => {
            const plan = planCueGo({ cue, product: cue.sku ? products[cue.sku] : undefined, scenes, isCardOn: isCardOnAfterGo(cue, rundown.isOverlayVisible) });
            return plan.warnings.find((w) => w.key === 'cardNotInScene')?.params?.scene ?? null;
          }}
        />
      )}
      {canRun ? <AddCueForm count={rundown.cues.length} /> : null}
      <ComplianceSummary cues={rundown.cues} title={title} />
      {isPrompterOpen ? <Teleprompter onClose={() => setPrompterOpen(false)} /> : null}
    </Panel>
  );
}

/** The cue on program (on air, or rehearsing): title, price (the flash price during a sale) and stock left, time against plan. */
function LiveCueCard(props: { cue: Cue; title: string; elapsedMs: number; now: number; isOnAir: boolean }) {
  const t = useT();
  const products = useProducts();
  const stock = useStock();
  const flash = useRundown().flash;
  const product = props.cue.sku ? products[props.cue.sku] : undefined;
  const left = props.cue.sku ? stock[props.cue.sku]?.left : undefined;
  const status = planStatus(props.elapsedMs, props.cue.plannedMs);
  return (
    <div className={`cue-now plan-${status}`}>
      {/* In rehearsal the cue is only on the program picture, not on air: say so, or the anchor thinks viewers see it. */}
      <span className="label" data-testid="live-cue-label">
        {t(props.isOnAir ? 'cues.live' : 'cues.rehearsing')}
      </span>
      <h3 data-testid="live-cue-title">{props.title}</h3>
      {props.cue.sku && !product ? <p className="hint">{t('cues.missingProduct', { sku: props.cue.sku })}</p> : null}
      {product ? (
        <p className="cue-price" data-testid="live-cue-price">
          <PriceTag product={product} flash={flash} now={props.now} className="price-tag" testId="live-cue-price-now" />
          {left !== undefined ? <span className="cue-stock">{left <= 0 ? t('cues.soldOut') : t('cues.stockLeft', { left })}</span> : null}
        </p>
      ) : null}
      {props.cue.presenter ? (
        <p className="cue-presenter-now" data-testid="live-cue-presenter">
          <span className="label">{t('cues.presenter')}</span> {props.cue.presenter}
        </p>
      ) : null}
      <HandoffBanner now={props.now} />
      {props.cue.note ? (
        <p className="cue-note" data-testid="live-cue-note">
          <span className="label">{t('cues.edit.note')}</span> {props.cue.note}
        </p>
      ) : null}
      <p className="cue-timer" data-testid="live-cue-timer">
        {t('cues.plan', { elapsed: formatDuration(props.elapsedMs), planned: formatDuration(props.cue.plannedMs) })}
        {status === 'over' ? <span className="over"> · {t('cues.over')}</span> : null}
      </p>
    </div>
  );
}

/** What did not land of the last "Go" on the live cue, said in the window's language (every window sees it). */
function GoWarnings(props: { warnings: CueWarning[] }) {
  const t = useT();
  return (
    <div className="go-warnings" role="alert" data-testid="go-warnings">
      <strong>{t('cues.goWarnings')}</strong>
      <ul>
        {props.warnings.map((w, i) => (
          <li key={i} data-testid="go-warning" data-key={w.key}>
            {t(`cues.warning.${w.key}`, w.params)}
            {w.cause ? `: ${errorText(t, w.cause)}` : ''}
          </li>
        ))}
      </ul>
    </div>
  );
}
