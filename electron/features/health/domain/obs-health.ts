import type { HealthAlert } from './health-alerts';

/** How healthy the picture and the stream are, over the last second. */
export interface ObsHealth {
  /** OBS process CPU use, percent of one core. */
  cpuPercent: number;
  /** Frames OBS actually rendered per second. */
  fps: number;
  /** Frames the renderer missed (GPU/CPU too slow), percent over the last interval. */
  renderSkippedPercent: number;
  /** Frames the encoder skipped (encoder overloaded), percent over the last interval. */
  encoderSkippedPercent: number;
  isStreaming: boolean;
  /** True while OBS retries a lost connection to the stream server. */
  isReconnecting: boolean;
  /** Output congestion 0..1 as OBS reports it; null when not streaming. */
  congestion: number | null;
  /** Stream bitrate computed from bytes sent over the last interval; null when not streaming. */
  bitrateKbps: number | null;
  /** Plain-words problems for the anchor (English), worst first; empty when all is well. */
  warnings: string[];
  /** The same problems as data (code and figures), for UIs that say them in their own language. */
  alerts?: HealthAlert[];
}
