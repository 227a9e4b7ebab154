/** The video profiles OBS runs with: canvas, frame rate and encoder preset (electron/core/engine/obs-config.ts). */
export const VIDEO_PROFILES = ['horizontal', 'vertical', 'low-power', 'test'] as const;

/** One of {@link VIDEO_PROFILES}. */
export type VideoProfile = (typeof VIDEO_PROFILES)[number];

/** The profiles an anchor picks from (`test` is the 640x360 canvas of the tests and benches). */
export const PICKABLE_PROFILES = ['horizontal', 'vertical', 'low-power'] as const satisfies readonly VideoProfile[];
