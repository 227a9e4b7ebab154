// What the audio meters show and when a microphone counts as silent: the rules every side shares.

/** Quietest level a meter shows (dBFS); anything below reads as silence, as on OBS's own mixer. */
export const METER_FLOOR_DB = -60;
/** A peak at or above this (dBFS) is a clip mark: the sound is distorting. */
export const CLIP_DB = -0.5;
/**
 * Below this (dBFS) a live microphone counts as silent: a connected mic in a quiet room still picks up -60..-50 dBFS
 * of room noise, speech sits at -30..-10, a dead or unplugged one reads the floor.
 */
export const SILENCE_DB = -55;
/** How long a live microphone may stay silent before the anchor is warned. */
export const SILENCE_WARN_MS = 10_000;

/** One audio source's loudness over the last meter interval (loudest channel), in dBFS. */
export interface AudioLevel {
  source: string;
  /** RMS level, `METER_FLOOR_DB`..0. */
  levelDb: number;
  /** Sample peak, `METER_FLOOR_DB`..0. */
  peakDb: number;
  isMuted: boolean;
}

/** A linear amplitude (OBS's `inputLevelsMul`, 1 = full scale) in dBFS, floored, to 0.1 dB. */
export function toDb(mul: number): number {
  if (!(mul > 0)) return METER_FLOOR_DB;
  const db = 20 * Math.log10(mul);
  return Math.round(Math.min(0, Math.max(METER_FLOOR_DB, db)) * 10) / 10;
}

/** OBS's `InputVolumeMeters` entry: per channel `[magnitude, peak, inputPeak]`, linear. */
export interface ObsMeterInput {
  inputName: string;
  inputLevelsMul: number[][];
}

/** OBS's meter entries from an event as received: anything not shaped like one is left out. */
export function readMeterInputs(raw: unknown): ObsMeterInput[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter(
    (i): i is ObsMeterInput =>
      typeof i === 'object' && i !== null && typeof i.inputName === 'string' && Array.isArray(i.inputLevelsMul) && i.inputLevelsMul.every(Array.isArray),
  );
}

/** One source's level from OBS's meter entry: the loudest channel's RMS and peak (a muted source reads 0 from OBS). */
export function levelOf(input: ObsMeterInput, isMuted: boolean): AudioLevel {
  let magnitude = 0;
  let peak = 0;
  for (const channel of input.inputLevelsMul) {
    magnitude = Math.max(magnitude, channel[0] ?? 0);
    peak = Math.max(peak, channel[1] ?? 0);
  }
  return { source: input.inputName, levelDb: toDb(magnitude), peakDb: toDb(peak), isMuted };
}

/** Where a level sits on a meter, 0 (floor) to 1 (full scale). */
export function meterFraction(db: number): number {
  return Math.min(1, Math.max(0, (db - METER_FLOOR_DB) / -METER_FLOOR_DB));
}

/** True when a peak distorts. */
export function isClipping(peakDb: number): boolean {
  return peakDb >= CLIP_DB;
}

/** True when a level counts as silence for a microphone. */
export function isSilent(levelDb: number): boolean {
  return levelDb < SILENCE_DB;
}
