import type { EngineHandlers } from '../../../core/protocol/engine-requests';
import type { AudioMeters } from './audio-meters';
import type { ProgramFeed } from './program-feed';

/** The monitor feature's part of the engine's handler table: the program picture and the audio meters. */
export function monitorHandlers(feed: ProgramFeed, meters: AudioMeters) {
  return {
    'monitor.watch': async ({ views, width, fps }) => feed.watch(views, width, fps),
    'meters.watch': async () => meters.watch(),
  } satisfies Partial<EngineHandlers>;
}
