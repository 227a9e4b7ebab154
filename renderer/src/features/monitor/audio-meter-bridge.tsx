import { useEffect, useState } from 'react';
import { METER_FLOOR_DB, meterFraction, type AudioLevel } from '@shared/features/monitor/domain/audio-levels';
import { useSendBlocker } from '../../app/use-can-send';
import { useT } from '../../i18n/use-t';
import { useHub } from '../../store/store-context';
import { holdClips, type ClipHolds } from './monitor-view';
import { useAudioMeters } from './use-monitor-feed';

/**
 * A meter for every audio source OBS measures: level (bar) and peak (tick) on a -60..0 dB scale, a clip mark held two
 * seconds, and the source's mute button beside it. Levels arrive only while the meters are on screen. With `sources`,
 * only those, each shown even while OBS hears nothing from it (a silent microphone reads the floor).
 */
export function AudioMeterBridge(props: { sources?: ReadonlyArray<{ name: string; isMuted: boolean }> }) {
  const t = useT();
  const hub = useHub();
  const [element, setElement] = useState<HTMLElement | null>(null);
  const reading = useAudioMeters(element);
  const [clips, setClips] = useState<ClipHolds>({});
  const muteBlocker = useSendBlocker('audio.mute');
  useEffect(() => {
    if (reading) setClips((holds) => holdClips(holds, reading.levels, Date.now()));
  }, [reading]);
  const heard = reading?.levels ?? [];
  const levels: AudioLevel[] = props.sources
    ? props.sources.map((s) => heard.find((l) => l.source === s.name) ?? { source: s.name, levelDb: METER_FLOOR_DB, peakDb: METER_FLOOR_DB, isMuted: s.isMuted })
    : heard;
  return (
    <section className="meter-bridge" ref={setElement} aria-label={t('monitor.meters')} data-testid="meter-bridge">
      {/* Before a first reading (OBS away) nothing; a reading with no source says what to do. */}
      {reading && levels.length === 0 ? <p className="hint">{t('monitor.noAudio')}</p> : null}
      {levels.map((level) => (
        <MeterRow
          key={level.source}
          level={level}
          isClipped={(clips[level.source] ?? 0) > Date.now()}
          isMuteDisabled={muteBlocker !== null}
          onMute={() => hub && void hub.send('audio.mute', { source: level.source, muted: !level.isMuted })}
        />
      ))}
    </section>
  );
}

function MeterRow(props: { level: AudioLevel; isClipped: boolean; isMuteDisabled: boolean; onMute(): void }) {
  const t = useT();
  const { level } = props;
  const format = (db: number) => db.toFixed(1);
  return (
    <div
      className={`meter-row ${loudnessClass(level.levelDb)} ${level.isMuted ? 'is-muted' : ''} ${props.isClipped ? 'is-clipped' : ''}`}
      data-testid="audio-meter"
      data-source={level.source}
      data-level-db={level.levelDb}
      data-muted={level.isMuted}
    >
      <span className="meter-name" title={level.source}>
        {level.source}
      </span>
      <span
        className="meter"
        role="meter"
        aria-valuemin={-60}
        aria-valuemax={0}
        aria-valuenow={level.levelDb}
        title={t('monitor.meterTitle', { source: level.source, level: format(level.levelDb), peak: format(level.peakDb) })}
      >
        <span className="meter-level" style={{ width: `${meterFraction(level.levelDb) * 100}%` }} />
        <span className="meter-peak" style={{ left: `${meterFraction(level.peakDb) * 100}%` }} />
        {props.isClipped ? <span className="meter-clip" data-testid="meter-clip" title={t('monitor.clip')} /> : null}
      </span>
      <button
        type="button"
        className={`meter-mute ${level.isMuted ? 'is-muted' : ''}`}
        data-testid="meter-mute"
        aria-pressed={level.isMuted}
        disabled={props.isMuteDisabled}
        aria-label={t(level.isMuted ? 'monitor.unmute' : 'monitor.mute', { source: level.source })}
        title={t(level.isMuted ? 'monitor.unmute' : 'monitor.mute', { source: level.source })}
        onClick={props.onMute}
      >
        {t(level.isMuted ? 'monitor.muted' : 'monitor.muteShort')}
      </button>
    </div>
  );
}

/** The meter's colour band, as on OBS's mixer: green for speech, yellow from -20 dB, red from -9 dB. */
function loudnessClass(levelDb: number): string {
  if (levelDb >= -9) return 'is-over';
  return levelDb >= -20 ? 'is-hot' : '';
}
