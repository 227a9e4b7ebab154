import type { CanvasOrientation } from './destinations';

/**
 * Dual output on OBS 29: one show, one OBS canvas, and a second picture derived from it for the destinations that
 * want the other shape (9:16 for Douyin/TikTok/视频号 while the studio is 16:9, or the reverse). OBS 29 has a single
 * canvas (OBS 31's extra canvases are not on Debian), so the relay makes the second one: an ffmpeg reads the show from
 * the local relay, frames it for the other shape, lays that shape's own product card over it, encodes once and
 * publishes it back to the relay, where every destination of that shape copies it. Why, and the figures:
 * docs/going-live.md "Vertical and horizontal at once".
 */

/** A picture size in pixels. */
export interface PictureSize {
  width: number;
  height: number;
}

/** The studio's picture as OBS encodes it. */
export interface StudioPicture extends PictureSize {
  fps: number;
  bitrateKbps: number;
  x264Preset: X264Preset;
}

/** The x264 presets the studio's profiles use, fastest first. */
export type X264Preset = 'ultrafast' | 'superfast' | 'veryfast' | 'faster';

/** The second picture: its shape and size, how it is framed from the studio's, and how it is encoded. */
export interface DerivedPicture {
  orientation: CanvasOrientation;
  size: PictureSize;
  /**
   * Vertical from horizontal: the window of the studio's canvas it shows (full height, `w` wide from `x`); the studio's
   * own card and pinned comment keep out of it. Null for horizontal from vertical: the whole vertical picture, centred
   * on a blurred, zoomed copy of itself (nothing is cut, so its card is already in it).
   */
  crop: { x: number; w: number } | null;
  fps: number;
  bitrateKbps: number;
  x264Preset: X264Preset;
}

/**
 * The picture a destination that wants `wanted` gets from a studio picture, or null when the studio's own picture is
 * already that shape (or the destination has no preference). The derived picture has as many pixels as the studio's
 * (1920x1080 gives 1080x1920), so it keeps the profile's bitrate.
 */
export function derivePicture(studio: StudioPicture, wanted: CanvasOrientation | null): DerivedPicture | null {
  const isHorizontal = studio.width >= studio.height;
  if (wanted === null || wanted === (isHorizontal ? 'horizontal' : 'vertical')) return null;
  const encode = { fps: studio.fps, bitrateKbps: studio.bitrateKbps, x264Preset: studio.x264Preset };
  if (isHorizontal) {
    const w = even((studio.height * 9) / 16);
    return { orientation: 'vertical', size: { width: even(studio.height), height: even((studio.height * 16) / 9) }, crop: { x: even((studio.width - w) / 2), w }, ...encode };
  }
  return { orientation: 'horizontal', size: { width: even((studio.width * 16) / 9), height: even(studio.width) }, crop: null, ...encode };
}

/**
 * The band of the studio's canvas a derived 9:16 picture will show, when the enabled destinations call for one and the
 * relay can make it; null otherwise. The card stays out of it from the moment such a destination is enabled, so what
 * the anchor rehearses is what goes live.
 */
export function derivedWindow(
  destinations: ReadonlyArray<{ isEnabled: boolean; canvas: CanvasOrientation | null }>,
  engine: { picture: StudioPicture; capabilities: { relay: { isAvailable: boolean } } } | null,
): { x: number; w: number } | null {
  if (!engine?.capabilities.relay.isAvailable) return null;
  for (const d of destinations) {
    const crop = d.isEnabled ? derivePicture(engine.picture, d.canvas)?.crop : null;
    if (crop) return crop;
  }
  return null;
}

/**
 * ffmpeg's filter graph for a derived picture. Input 0 is the show from the relay; input 1, for a vertical picture
 * with a card, is the studio's card painted for that picture (a transparent PNG of its whole size, re-read a few times
 * a second).
 */
export function derivedFilter(picture: DerivedPicture, hasCard: boolean): string {
  const { width: W, height: H } = picture.size;
  if (picture.crop) {
    // The window from the input's own size (the same as `crop` when OBS sends its canvas size): a stream of another
    // size is framed the same way instead of failing.
    const framed = `[0:v]crop=trunc(ih*9/32)*2:ih:(iw-ow)/2:0,scale=${W}:${H}:flags=bicubic,setsar=1`;
    return hasCard ? `${framed}[picture];[picture][1:v]overlay=0:0:format=auto:eof_action=repeat,format=yuv420p[out]` : `${framed},format=yuv420p[out]`;
  }
  return [
    `[0:v]split[fill][front]`,
    `[fill]scale=${W}:${H}:force_original_aspect_ratio=increase,crop=${W}:${H},boxblur=20:2,eq=brightness=-0.08[back]`,
    `[front]scale=-2:${H}:flags=bicubic[middle]`,
    `[back][middle]overlay=(main_w-overlay_w)/2:0,setsar=1,format=yuv420p[out]`,
  ].join(';');
}

/** How often ffmpeg reads the card picture again (a new card shows within about this long). */
export const DERIVED_CARD_FPS = 4;

/**
 * ffmpeg's arguments for a derived picture: read the show, frame it, lay the card over it (vertical), encode with the
 * profile's preset and bitrate (a keyframe every 2 s, as the platforms ask), copy the audio, publish FLV.
 */
export function derivedArgs(input: string, output: string, picture: DerivedPicture, cardFile: string | null): string[] {
  const gop = String(picture.fps * 2);
  const hasCard = picture.crop !== null && cardFile !== null;
  const card = hasCard
    ? // -re and a one-packet queue: the card is read at its own pace and never buffered ahead, so a new card shows at
      // once; no probing, or ffmpeg reads seconds of the (same) picture before starting.
      ['-re', '-thread_queue_size', '1', '-probesize', '32', '-analyzeduration', '0', '-f', 'image2', '-loop', '1', '-framerate', String(DERIVED_CARD_FPS), '-i', cardFile!]
    : [];
  return [
    ...['-hide_banner', '-nostdin', '-nostats', '-loglevel', 'warning'],
    ...['-rw_timeout', '10000000', '-i', input],
    ...card,
    ...['-filter_complex', derivedFilter(picture, hasCard), '-map', '[out]', '-map', '0:a?'],
    ...['-c:v', 'libx264', '-preset', picture.x264Preset, '-tune', 'zerolatency', '-r', String(picture.fps)],
    ...['-b:v', `${picture.bitrateKbps}k`, '-maxrate', `${picture.bitrateKbps}k`, '-bufsize', `${picture.bitrateKbps * 2}k`],
    ...['-g', gop, '-keyint_min', gop, '-sc_threshold', '0', '-pix_fmt', 'yuv420p'],
    ...['-c:a', 'copy'],
    ...['-f', 'flv', '-flvflags', 'no_duration_filesize', '-rw_timeout', '10000000'],
    // Progress every 0.5 s (ffmpeg's default period; `-stats_period` does not exist before ffmpeg 4.4, and the
    // studio's own ffmpeg is 4.1).
    ...['-progress', 'pipe:1'],
    output,
  ];
}

/**
 * Cores one derived encode takes, estimated from its pixel rate and preset. Measured on this project's 2-core test
 * machine with x264 (bench/dual-output.ts prints the measured figure beside this estimate): veryfast 1080x1920 at
 * 30 fps took about 0.45 of a core including reading and framing; small pictures cost a fixed ~0.1 on top.
 */
export function derivedEncodeCores(picture: DerivedPicture): number {
  const megapixelsPerSecond = (picture.size.width * picture.size.height * picture.fps) / 1e6;
  return 0.1 + megapixelsPerSecond * 0.0065 * PRESET_COST[picture.x264Preset];
}

const PRESET_COST: Record<X264Preset, number> = { ultrafast: 0.55, superfast: 0.75, veryfast: 1, faster: 1.35 };

/** How much spare CPU going live with derived pictures wants beyond the estimate (encoders spike on busy scenes). */
export const CPU_HEADROOM_FACTOR = 1.5;

/** Rounds to the nearest even number (x264 needs even sizes for 4:2:0). */
function even(value: number): number {
  return Math.max(2, Math.round(value / 2) * 2);
}
