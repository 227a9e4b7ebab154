import { EmptyState, Panel } from '../../app/panel';
import { WhyNote } from '../../app/why-note';
import { useCanSend } from '../../app/use-can-send';
import { useT } from '../../i18n/use-t';
import { useAppState, useHub } from '../../store/store-context';
import { DestinationList } from './destination-list';
import { PreflightList } from './preflight-list';
import { ShowControls } from './show-controls';
import './output.css';

/** Going live: on-air state and timer, pre-flight checklist, destinations with health, backup and virtual camera. */
export function OutputPanel() {
  const t = useT();
  const hasState = useAppState((s) => s.studio !== null);
  return (
    <Panel title={t('output.title')} area="output">
      {!hasState ? (
        <EmptyState>{t('output.waiting')}</EmptyState>
      ) : (
        <div className="output">
          <ShowControls />
          <PreflightList />
          <DestinationList />
          <BackupAndVirtualCam />
        </div>
      )}
    </Panel>
  );
}

function BackupAndVirtualCam() {
  const t = useT();
  const hub = useHub();
  const isBackupRecording = useAppState((s) => s.studio?.output.show.isBackupRecording ?? true);
  const backupFile = useAppState((s) => s.studio?.output.show.backupFile ?? null);
  const phase = useAppState((s) => s.studio?.output.show.phase ?? 'off-air');
  const recording = useAppState((s) => s.studio?.output.engine?.recording ?? null);
  const virtualCam = useAppState((s) => s.studio?.output.engine?.virtualCam.isActive ?? false);
  const virtualCamProblem = useAppState((s) => s.studio?.output.engine?.capabilities.virtualCam.message ?? null);
  const canSetBackup = useCanSend('output.settings');
  const canVirtualCam = useCanSend('virtualcam.start');
  return (
    <section className="output-section">
      <label className="output-toggle">
        <input
          type="checkbox"
          checked={isBackupRecording}
          disabled={!canSetBackup}
          onChange={(e) => hub && void hub.send('output.settings', { isBackupRecording: e.target.checked })}
          data-testid="backup-toggle"
        />
        {t('output.backupToggle')}
      </label>
      {recording?.isActive ? <p className="output-note output-recording">● {t('output.recording')}</p> : null}
      {recording?.problem ? <p className="output-error">{t('output.recordingProblem', { message: recording.problem })}</p> : null}
      {backupFile && phase === 'off-air' ? (
        <p className="output-note output-backup" data-testid="backup-file">
          {t('output.backupFile', { path: backupFile })}
        </p>
      ) : null}
      <h3>{t('output.virtualCam')}</h3>
      {virtualCamProblem ? (
        // The engine's sentence is English (and platform-specific): the window says it in its language, the how-to
        // behind "Why?", the engine's details on hover.
        <WhyNote short={t('output.virtualCamUnavailable')} why={t('refusal.virtualCameraMissing')} testId="virtualcam-problem" title={virtualCamProblem} />
      ) : null}
      {canVirtualCam ? (
        <button
          type="button"
          data-testid="virtualcam-toggle"
          onClick={() => hub && void hub.send(virtualCam ? 'virtualcam.stop' : 'virtualcam.start', {})}
        >
          {virtualCam ? t('output.virtualCamStop') : t('output.virtualCamStart')}
        </button>
      ) : null}
      {virtualCam ? <span className="output-note"> {t('output.virtualCamOn')}</span> : null}
    </section>
  );
}
