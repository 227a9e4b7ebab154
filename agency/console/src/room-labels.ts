import { OBS_STATUSES } from '../../../electron/core/domain/studio-state';
import { ROOM_ALERT_CODES, type RoomAlertCode, type RoomStatus } from '../../../electron/features/agency/domain/room-status';
import { agoOf } from './format';
import type { Translate } from './i18n';

/** What an alert code means in the UI's language (a code from a newer studio is shown as it came). */
export function alertLabel(t: Translate, code: string): string {
  return (ROOM_ALERT_CODES as readonly string[]).includes(code) ? t(`alert.${code as RoomAlertCode}`) : code;
}

/** An alert's detail in words: OBS's status for obs-down (the studio sends it as a code), else as the studio wrote it. */
export function alertDetail(t: Translate, code: string, detail: string): string {
  return code === 'obs-down' && (OBS_STATUSES as readonly string[]).includes(detail) ? obsLabel(t, detail as RoomStatus['obs']) : detail;
}

/** "just now", "5 min ago", "3 h ago", "2 d ago". */
export function agoLabel(t: Translate, then: number, now: number): string {
  const ago = agoOf(then, now);
  return ago.unit === 'now' ? t('ago.now') : t(`ago.${ago.unit}`, { count: ago.count });
}

/** OBS's status in words. */
export function obsLabel(t: Translate, obs: RoomStatus['obs']): string {
  return t(`obs.${obs}`);
}

/** A destination's status in words. */
export function destinationLabel(t: Translate, status: RoomStatus['destinations'][number]['status']): string {
  return t(`dest.${status}`);
}

/** The colour class of a status pill: fine, on its way, or broken. */
export function pillTone(status: string): 'ok' | 'warn' | 'bad' | 'idle' {
  if (status === 'connected' || status === 'live') return 'ok';
  if (status === 'failed' || status === 'error' || status === 'unavailable') return 'bad';
  if (status === 'idle' || status === 'stopped') return 'idle';
  return 'warn';
}
