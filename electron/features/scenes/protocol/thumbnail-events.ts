// Scene thumbnails' event and limits: names and payloads only (no schemas), so a window can use them without loading zod.

/** Limits of live scene thumbnails: small, slow, and only while someone looks at them. */
export const THUMBNAIL_LIMITS = {
  /** A watch lasts this long unless renewed (the scene panel renews it while visible). */
  leaseMs: 10_000,
  minIntervalMs: 500,
  maxIntervalMs: 10_000,
  minWidth: 64,
  maxWidth: 480,
  /** Largest data URI per scene (a 480 px JPEG is far below). */
  maxImageChars: 120_000,
  maxScenes: 50,
} as const;

/** Socket event carrying the latest thumbnails; volatile and never persisted (telemetry, not show state). */
export const THUMBNAILS_EVENT = 'thumbnails';

/** Payload of the `thumbnails` event. */
export interface ThumbnailsEvent {
  /** Epoch ms when OBS rendered them. */
  at: number;
  /** Scene name -> `data:image/jpeg;base64,...`. */
  images: Record<string, string>;
}

/** The scenes feature's events (part of the protocol's feature events map). */
export interface ScenesEvents {
  thumbnails: ThumbnailsEvent;
}
