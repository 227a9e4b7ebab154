import { app, dialog, type BrowserWindow } from 'electron';
import type { StudioState } from '../core/domain/studio-state';

/** True while the show is on air (or going on or off air); false when it is not or the hub cannot say. */
export async function isShowOnAir(hubUrl: string, token: string, fetchState: typeof fetch = fetch): Promise<boolean> {
  try {
    const res = await fetchState(`${hubUrl}/api/v1/state`, { headers: { Authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(2000) });
    if (!res.ok) return false;
    const body = (await res.json()) as { state?: StudioState } & Partial<StudioState>;
    const phase = (body.state ?? body).output?.show.phase;
    return phase !== undefined && phase !== 'off-air';
  } catch {
    // A hub that does not answer has nothing on air the anchor could keep by staying.
    return false;
  }
}

const TEXT = {
  en: {
    message: 'The show is live.',
    detail: 'Quitting ends the show: every destination stops and the backup recording closes.',
    quit: 'End the show and quit',
    stay: 'Keep the show running',
  },
  'zh-CN': {
    message: '正在直播。',
    detail: '退出会结束直播：所有推流平台都会停止，备份录像会结束。',
    quit: '结束直播并退出',
    stay: '继续直播',
  },
} as const;

/** Asks the anchor whether quitting may end the live show; staying is the default (Enter and Esc keep the show). */
export async function confirmEndShowOnQuit(window: BrowserWindow | null): Promise<boolean> {
  const text = app.getLocale().toLowerCase().startsWith('zh') ? TEXT['zh-CN'] : TEXT.en;
  const options = { type: 'warning' as const, message: text.message, detail: text.detail, buttons: [text.stay, text.quit], defaultId: 0, cancelId: 0 };
  const { response } = window ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options);
  return response === 1;
}
