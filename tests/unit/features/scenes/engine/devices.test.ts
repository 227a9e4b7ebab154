import { describe, expect, it } from 'vitest';
import { DEVICE_PROBES, toDevices } from '../../../../../electron/features/scenes/engine/devices';
import { inputForSource } from '../../../../../electron/features/scenes/engine/source-kinds';

describe('devices and source kinds', () => {
  it('turns OBS list items into devices and drops empty or disabled ones', () => {
    expect(
      toDevices([
        { itemName: 'HD Webcam', itemValue: '/dev/video0', itemEnabled: true },
        { itemName: '', itemValue: '', itemEnabled: true },
        { itemName: 'Busy cam', itemValue: '/dev/video2', itemEnabled: false },
        { itemName: '', itemValue: 'usb-1', itemEnabled: true },
      ]),
    ).toEqual([
      { id: '/dev/video0', name: 'HD Webcam' },
      { id: 'usb-1', name: 'usb-1' },
    ]);
  });

  it('probes the camera kind of each platform', () => {
    expect(DEVICE_PROBES.cameras.map((p) => p.kind)).toEqual(['v4l2_input', 'dshow_input', 'av_capture_input_v2', 'av_capture_input']);
  });

  it('picks the OBS input kind per platform from what this OBS has', () => {
    const linux = new Set(['v4l2_input', 'xshm_input', 'pulse_input_capture', 'text_ft2_source_v2', 'ffmpeg_source', 'image_source']);
    const windows = new Set(['dshow_input', 'monitor_capture', 'wasapi_input_capture', 'text_gdiplus_v2', 'ffmpeg_source']);
    expect(inputForSource('camera', linux, { device: '/dev/video0' })).toEqual({ kind: 'v4l2_input', settings: { device_id: '/dev/video0' } });
    expect(inputForSource('camera', windows, { device: 'cam:1' })).toEqual({ kind: 'dshow_input', settings: { video_device_id: 'cam:1' } });
    expect(inputForSource('screen', windows)?.kind).toBe('monitor_capture');
    expect(inputForSource('microphone', linux)?.settings).toEqual({ device_id: 'default' });
    expect(inputForSource('text', windows, { text: '秒杀' })?.kind).toBe('text_gdiplus_v2');
    expect(inputForSource('screen', new Set(['ffmpeg_source']))).toBeNull();
  });
});
