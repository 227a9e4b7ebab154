import { isSilent, SILENCE_WARN_MS, type AudioLevel } from './audio-levels';

/** A microphone problem while live: muted, or picking nothing up for `SILENCE_WARN_MS`. */
export type MicProblem = { kind: 'muted'; source: string } | { kind: 'silent'; source: string; seconds: number };

/** What the silence watch remembers: since when each microphone has been silent, and since when the show is live. */
export interface MicSilenceState {
  /** Microphone -> epoch ms of the first silent reading in the current silent stretch. */
  silentSince: Record<string, number>;
  /** Epoch ms the stream went out; null while not live. */
  liveSince: number | null;
}

/** Nothing heard yet, not live. */
export const INITIAL_MIC_SILENCE: MicSilenceState = { silentSince: {}, liveSince: null };

/**
 * The state after one meter reading (OBS sends one every 50 ms). A microphone missing from the reading counts as silent:
 * OBS leaves out sources that produce no audio at all (an unplugged device).
 */
export function onMeterReading(state: MicSilenceState, at: number, mics: readonly string[], levels: readonly AudioLevel[]): MicSilenceState {
  const silentSince: Record<string, number> = {};
  for (const mic of mics) {
    const level = levels.find((l) => l.source === mic);
    const isQuiet = !level || level.isMuted || isSilent(level.levelDb);
    if (isQuiet) silentSince[mic] = state.silentSince[mic] ?? at;
  }
  return { ...state, silentSince };
}

/** The state after the show went live or off air. */
export function onLiveChange(state: MicSilenceState, at: number, isLive: boolean): MicSilenceState {
  if (isLive === (state.liveSince !== null)) return state;
  return { ...state, liveSince: isLive ? at : null };
}

/**
 * The microphone problems now: none off air; a muted microphone at once (the anchor talks to nobody); an unmuted one
 * silent for `SILENCE_WARN_MS` of live time (silence before going live counts from the moment of going live).
 */
export function micProblems(state: MicSilenceState, now: number, mics: ReadonlyArray<{ name: string; isMuted: boolean }>): MicProblem[] {
  if (state.liveSince === null) return [];
  const problems: MicProblem[] = [];
  for (const mic of mics) {
    if (mic.isMuted) {
      problems.push({ kind: 'muted', source: mic.name });
      continue;
    }
    const since = state.silentSince[mic.name];
    if (since === undefined) continue;
    const silentMs = now - Math.max(since, state.liveSince);
    if (silentMs >= SILENCE_WARN_MS) problems.push({ kind: 'silent', source: mic.name, seconds: Math.floor(silentMs / 1000) });
  }
  return problems;
}
