import type { AudioLevel } from '../domain/audio-levels';

// The monitor's events and limits: names and payloads only (no schemas), so a window can use them without loading zod.

/** Limits of the program monitor and the audio meters: live, bounded, and only while someone looks. */
export const MONITOR_LIMITS = {
  /** A watch lasts this long unless renewed (a monitor on screen renews it). */
  leaseMs: 6_000,
  minFps: 1,
  maxFps: 30,
  minWidth: 160,
  maxWidth: 1280,
  /** Largest frame (data URI characters): a 1280 px JPEG of a busy picture stays well below. */
  maxImageChars: 400_000,
  /**
   * Frames per second a window on the LAN gets at most, whatever the local rate: with `maxImageChars` this bounds a
   * co-host's monitor to 5 x 400 kB = 2 MB/s at worst, and about 5 x 40 kB (1.6 Mbit/s) for a 640 px picture.
   */
  lanFps: 5,
  /** Meter readings per second sent to windows (OBS measures 20 per second; the eye needs no more than 10). */
  metersPerSecond: 10,
  maxSources: 64,
} as const;

/** The two pictures a monitor can show: what goes out, and (in studio mode) what is lined up next. */
export const MONITOR_VIEWS = ['program', 'preview'] as const;

/** One of {@link MONITOR_VIEWS}. */
export type MonitorView = (typeof MONITOR_VIEWS)[number];

/** Socket event carrying one monitor frame; volatile and never stored. */
export const MONITOR_FRAME_EVENT = 'monitor.frame';
/** Socket event carrying the latest audio levels; volatile and never stored. */
export const AUDIO_METERS_EVENT = 'audio.meters';

/** Payload of the `monitor.frame` event. */
export interface MonitorFrameEvent {
  view: MonitorView;
  /** The scene on that view when OBS rendered the frame. */
  scene: string;
  /** Epoch ms when the engine asked OBS for the frame. */
  at: number;
  /** `data:image/jpeg;base64,...` */
  image: string;
}

/** Payload of the `audio.meters` event. */
export interface AudioMetersEvent {
  /** Epoch ms of OBS's reading. */
  at: number;
  levels: AudioLevel[];
}

/** The monitor feature's events (part of the protocol's feature events map). */
export interface MonitorEvents {
  'monitor.frame': MonitorFrameEvent;
  'audio.meters': AudioMetersEvent;
}
