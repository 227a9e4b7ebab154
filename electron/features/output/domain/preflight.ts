import type { DestinationView } from './destinations';
import { profileOrientation, type EngineOutputState, type PreflightItem, type PreflightReport } from './output';
import type { ObsState } from '../../../core/domain/studio-state';
import type { ScenesState } from '../../scenes/domain/scenes';

/** What a destination's reachability probe found. */
export type ReachProbe = { ok: true } | { ok: false; reason: string };

/** Everything the checklist looks at: studio state plus what the hub measured just now. */
export interface PreflightInput {
  at: number;
  obs: ObsState;
  scenes: ScenesState;
  engine: EngineOutputState | null;
  destinations: DestinationView[];
  /** TCP probe per enabled destination id; missing = not probed. */
  reachability: Record<string, ReachProbe>;
  /** Enabled destinations whose stored key this computer cannot decrypt. */
  unreadableKeys: string[];
  /** Free bytes where the backup recording goes; null when unknown. */
  diskFreeBytes: number | null;
  isBackupRecording: boolean;
}

/** Below this many minutes of recording space the disk check warns. */
export const LOW_DISK_MINUTES = 60;

/** Bitrate the studio's profiles record at (video + 160 kbps audio), to turn free bytes into minutes. */
export function recordingBitrateKbps(profile: string | null | undefined): number {
  // Same figures as the engine's profiles (electron/engine/obs-config.ts): the recording shares the stream encoder.
  const video = profile === 'low-power' ? 2500 : profile === 'test' ? 1000 : 6000;
  return video + 160;
}

/** Minutes of recording that fit in `freeBytes` at `kbps`. */
export function recordingMinutes(freeBytes: number, kbps: number): number {
  return Math.floor(freeBytes / ((kbps * 1000) / 8) / 60);
}

/**
 * The pre-flight checklist: pure, so every rule is tested alone. `fail` blocks going live (it would not work);
 * `warn` is shown and lets the anchor go on (a muted mic or a horizontal canvas for Kuaishou may be on purpose).
 */
export function runPreflight(input: PreflightInput): PreflightReport {
  const items: PreflightItem[] = [];
  const add = (check: string, status: PreflightItem['status'], code: string, message: string, params: PreflightItem['params'] = {}) =>
    items.push({ check, status, code, params, message });
  const enabled = input.destinations.filter((d) => d.isEnabled);
  const isObsUp = input.obs.status === 'connected';

  if (isObsUp) add('obs', 'ok', 'obsConnected', 'OBS is connected.');
  else {
    const detail = input.obs.message ?? input.obs.status;
    add('obs', 'fail', 'obsNotConnected', `OBS is not connected (${detail}). The studio cannot go live without it.`, { detail });
  }

  if (isObsUp) {
    const program = input.scenes.program;
    const items_ = program ? input.scenes.sources?.find((s) => s.scene === program)?.items : undefined;
    if (!program) add('scene', 'fail', 'sceneNone', 'No scene is on program. Pick a scene first.');
    else if (!items_) add('scene', 'warn', 'sceneUnknown', `The sources of "${program}" are not known yet.`, { scene: program });
    else if (items_.some((i) => i.isVisible)) add('scene', 'ok', 'sceneOk', `"${program}" is on program with visible sources.`, { scene: program });
    else add('scene', 'fail', 'sceneEmpty', `"${program}" has no visible source: viewers would see a black picture. Show a source or switch scenes.`, { scene: program });

    const mics = input.engine?.microphones ?? [];
    if (!mics.length) add('mic', 'warn', 'micMissing', 'There is no microphone in the show: viewers will not hear you. Add one under Scenes.');
    else if (mics.every((m) => m.isMuted)) {
      const names = mics.map((m) => m.name).join(', ');
      add('mic', 'warn', 'micMuted', `The microphone is muted (${names}). Unmute it unless you mean to be silent.`, { names });
    } else add('mic', 'ok', 'micOk', 'The microphone is on.');
  }

  if (!enabled.length) {
    add('destinations', 'fail', 'noDestination', 'No destination is enabled. Add one (server URL and stream key) and enable it.');
  } else {
    add('destinations', 'ok', 'destinations', `${enabled.length} destination(s) enabled.`, { count: enabled.length });
  }

  for (const id of input.unreadableKeys) {
    const name = enabled.find((d) => d.id === id)?.name ?? id;
    add(`key:${id}`, 'fail', 'keyUnreadable', `The stream key of "${name}" cannot be decrypted on this computer. Enter the key again.`, { name });
  }

  if (enabled.length > 1 && input.engine && !input.engine.capabilities.relay.isAvailable) {
    const detail = input.engine.capabilities.relay.message ?? 'The local relay is missing.';
    add('relay', 'fail', 'relayMissing', `Sending to several destinations needs the local relay: ${detail} Or enable only one destination.`, { detail });
  }

  const orientation = profileOrientation(input.obs.profile);
  if (orientation && enabled.length) {
    const mismatched = enabled.filter((d) => d.suggestedCanvas && d.suggestedCanvas !== orientation);
    if (mismatched.length) {
      const names = mismatched.map((d) => d.name).join(', ');
      const wanted = mismatched[0]!.suggestedCanvas!;
      add(
        'canvas',
        'warn',
        'canvasMismatch',
        `${names} suggest${mismatched.length === 1 ? 's' : ''} a ${wanted} picture; the studio is ${orientation}. Change the video profile if that is not on purpose.`,
        { names, wanted, current: orientation },
      );
    } else add('canvas', 'ok', 'canvasOk', `The ${orientation} canvas suits every destination.`, { current: orientation });
  }

  const probed = enabled.filter((d) => input.reachability[d.id]);
  const reachable = probed.filter((d) => input.reachability[d.id]!.ok);
  for (const d of probed) {
    const probe = input.reachability[d.id]!;
    if (probe.ok) add(`reach:${d.id}`, 'ok', 'reachable', `${d.name} answers.`, { name: d.name });
    else {
      // One unreachable destination among several goes live with the others and keeps retrying on its own.
      const status = reachable.length ? 'warn' : 'fail';
      add(`reach:${d.id}`, status, 'unreachable', `${d.name} cannot be reached: ${probe.reason}`, { name: d.name, reason: probe.reason });
    }
  }

  if (!input.isBackupRecording) add('disk', 'ok', 'diskSkipped', 'Backup recording is off.');
  else if (input.diskFreeBytes === null) add('disk', 'warn', 'diskUnknown', 'Could not read the free disk space for the backup recording.');
  else {
    const minutes = recordingMinutes(input.diskFreeBytes, recordingBitrateKbps(input.obs.profile));
    const gb = Math.floor(input.diskFreeBytes / 1e8) / 10;
    if (minutes < LOW_DISK_MINUTES) {
      add('disk', 'warn', 'diskLow', `Only ${gb} GB free: the backup recording has room for about ${minutes} minutes. Free some disk space.`, { minutes, gb });
    } else add('disk', 'ok', 'diskOk', `${gb} GB free: room for about ${minutes} minutes of backup recording.`, { minutes, gb });
  }

  return { at: input.at, items, canGoLive: !items.some((i) => i.status === 'fail') };
}

/** The failed items of a report as one sentence for a refusal. */
export function preflightRefusal(report: PreflightReport): string {
  const failed = report.items.filter((i) => i.status === 'fail').map((i) => i.message);
  return `Not live: the pre-flight check failed. ${failed.join(' ')}`;
}
