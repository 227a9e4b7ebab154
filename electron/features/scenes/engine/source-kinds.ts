import type { SourceType } from '../domain/source-layout';
import { obsColor } from './show-scenes';

export { SOURCE_TYPES, type SourceType } from '../domain/source-layout';

/** What the anchor chose for the new source. */
export interface SourceOptions {
  /** Camera or microphone device id as OBS lists it; default device when absent. */
  device?: string;
  /** Media or image file path. */
  file?: string;
  /** Text of a text source. */
  text?: string;
}

/** The OBS input to create for a source type on this OBS (by its available input kinds), or null when none fits. */
export function inputForSource(
  type: SourceType,
  availableKinds: ReadonlySet<string>,
  options: SourceOptions = {},
): { kind: string; settings: Record<string, unknown> } | null {
  const device = options.device;
  // Ordered per platform family: Linux, Windows, macOS names; the first kind this OBS has wins.
  const candidates: Record<SourceType, Array<[string, Record<string, unknown>]>> = {
    camera: [
      ['v4l2_input', device ? { device_id: device } : {}],
      ['dshow_input', device ? { video_device_id: device } : {}],
      ['av_capture_input_v2', device ? { device } : {}],
      ['av_capture_input', device ? { device } : {}],
    ],
    screen: [
      ['xshm_input', { screen: 0, show_cursor: true }],
      ['pipewire-desktop-capture-source', {}],
      ['monitor_capture', {}],
      ['screen_capture', {}],
      ['display_capture', {}],
    ],
    // Window capture: X11 (xcomposite), Windows, macOS 13+ (ScreenCaptureKit, type 1 = window). Linux's needs a
    // compositing X server; OBS leaves it out of its kind list where it cannot work, and the anchor is told so.
    window: [
      ['xcomposite_input', {}],
      ['window_capture', {}],
      ['screen_capture', { type: 1 }],
    ],
    media: [['ffmpeg_source', { is_local_file: true, local_file: options.file ?? '', looping: true }]],
    image: [['image_source', { file: options.file ?? '' }]],
    text: [
      [
        'text_ft2_source_v2',
        { text: options.text ?? '', font: { face: 'Noto Sans CJK SC', size: 72, style: 'Bold', flags: 1 }, color1: obsColor('#ffffff'), color2: obsColor('#ffffff') },
      ],
      ['text_gdiplus_v3', { text: options.text ?? '', font: { face: 'Microsoft YaHei', size: 72 } }],
      ['text_gdiplus_v2', { text: options.text ?? '', font: { face: 'Microsoft YaHei', size: 72 } }],
    ],
    'test-pattern': [['ffmpeg_source', { is_local_file: false, input: 'testsrc2=size=640x360:rate=30', input_format: 'lavfi', hw_decode: false }]],
    microphone: [
      ['pulse_input_capture', { device_id: device ?? 'default' }],
      ['wasapi_input_capture', { device_id: device ?? 'default' }],
      ['coreaudio_input_capture', { device_id: device ?? 'default' }],
    ],
  };
  for (const [kind, settings] of candidates[type]) {
    if (availableKinds.has(kind)) return { kind, settings };
  }
  return null;
}

/** True for sources that only carry sound (no picture to place). */
export function isAudioOnly(type: SourceType): boolean {
  return type === 'microphone';
}
