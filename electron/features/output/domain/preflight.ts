import type { CanvasOrientation, DestinationView } from './destinations';
import { CPU_HEADROOM_FACTOR, derivedEncodeCores, derivePicture, type DerivedPicture } from './dual-output';
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
  /** This computer's processors and how busy they were just now (0..1); null when not measured. */
  cpu: CpuLoad | null;
}

/** How many logical processors there are and the share of their time that was busy over a short sample. */
export interface CpuLoad {
  cores: number;
  busy: number;
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

  if (enabled.length > 1 && input.engine) {
    const relay = input.engine.capabilities.relay;
    if (!relay.isAvailable) {
      const detail = relay.message ?? 'The local relay is missing.';
      add('relay', 'fail', 'relayMissing', `Sending to several destinations needs the local relay: ${detail} Or enable only one destination.`, { detail });
    } else if (relay.ffmpeg === 'system') {
      add('relay', 'ok', 'relaySystem', "Several destinations go through the studio's relay, with this computer's ffmpeg (the studio's own is missing).");
    } else if (relay.ffmpeg === 'bundled') {
      add('relay', 'ok', 'relayBundled', "Several destinations go through the studio's relay and its own ffmpeg.");
    }
  }

  canvasChecks(input, enabled, add);

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

/** The destinations that want the other shape than the studio's canvas (each needs a derived picture). */
export function otherShapeDestinations(enabled: readonly DestinationView[], orientation: CanvasOrientation | null): DestinationView[] {
  return orientation ? enabled.filter((d) => d.canvas && d.canvas !== orientation) : [];
}

type AddItem = (check: string, status: PreflightItem['status'], code: string, message: string, params?: PreflightItem['params']) => void;

/**
 * The picture shapes: a destination that wants the other shape gets a derived picture when the relay can make it (and
 * the CPU is checked for the extra encode); without the relay it gets the canvas as is, and the anchor is told.
 */
function canvasChecks(input: PreflightInput, enabled: DestinationView[], add: AddItem): void {
  const orientation = profileOrientation(input.obs.profile);
  if (!orientation || !enabled.length) return;
  const mismatched = otherShapeDestinations(enabled, orientation);
  if (!mismatched.length) {
    add('canvas', 'ok', 'canvasOk', `The ${orientation} canvas suits every destination.`, { current: orientation });
    return;
  }
  const wanted = mismatched[0]!.canvas!;
  const names = mismatched.map((d) => d.name).join(', ');
  const relay = input.engine?.capabilities.relay;
  if (!input.engine || !relay?.isAvailable) {
    const detail = relay?.message ?? 'The OBS engine is not connected.';
    const message = `${names} want${mismatched.length === 1 ? 's' : ''} a ${wanted} picture; the studio is ${orientation}, and a second picture needs the local relay (${detail}) They get the ${orientation} picture.`;
    add('canvas', 'warn', 'canvasMismatch', message, { names, wanted, current: orientation });
    return;
  }
  const pictures = new Map<CanvasOrientation, DerivedPicture>();
  for (const d of mismatched) {
    const picture = derivePicture(input.engine.picture, d.canvas);
    if (picture) pictures.set(picture.orientation, picture);
  }
  for (const picture of pictures.values()) {
    const to = mismatched.filter((d) => d.canvas === picture.orientation).map((d) => d.name).join(', ');
    const { width, height } = picture.size;
    add(`canvas:${picture.orientation}`, 'ok', 'canvasDerived', `${to} get${to.includes(',') ? '' : 's'} a ${picture.orientation} ${width}x${height} picture made from the ${orientation} canvas.`, {
      names: to,
      wanted: picture.orientation,
      current: orientation,
      width,
      height,
    });
  }
  cpuCheck(input.cpu, [...pictures.values()], add);
}

/** Is there room for the derived pictures' encodes? Measured load against the estimate, with headroom. */
function cpuCheck(cpu: CpuLoad | null, pictures: DerivedPicture[], add: AddItem): void {
  const need = pictures.reduce((sum, p) => sum + derivedEncodeCores(p), 0);
  const needText = need.toFixed(1);
  if (!cpu) {
    add('cpu', 'warn', 'cpuUnknown', `The second picture needs about ${needText} of a processor core; the studio could not measure how busy this computer is.`, { need: needText });
    return;
  }
  const busy = Math.round(cpu.busy * 100);
  const free = cpu.cores * (1 - cpu.busy);
  const params = { need: needText, busy, free: free.toFixed(1) };
  if (free < need * CPU_HEADROOM_FACTOR) {
    add('cpu', 'warn', 'cpuLow', `The processor is ${busy}% busy (${params.free} cores free); the second picture needs about ${needText} more. Expect dropped frames: close other programs, or send every destination the same picture.`, params);
  } else {
    add('cpu', 'ok', 'cpuOk', `Room for the second picture: it needs about ${needText} of a core, ${params.free} are free (${busy}% busy).`, params);
  }
}

/** The failed items of a report as one sentence for a refusal. */
export function preflightRefusal(report: PreflightReport): string {
  const failed = report.items.filter((i) => i.status === 'fail').map((i) => i.message);
  return `Not live: the pre-flight check failed. ${failed.join(' ')}`;
}
