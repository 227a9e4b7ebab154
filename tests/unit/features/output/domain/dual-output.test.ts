import { describe, expect, it } from 'vitest';
import { PROFILES } from '../../../../../electron/core/engine/obs-config';
import { derivedArgs, derivedEncodeCores, derivedWindow, derivePicture } from '../../../../../electron/features/output/domain/dual-output';

describe('dual output: the derived picture', () => {
  it('a 16:9 canvas gives a 9:16 picture of as many pixels, framed from the middle, full height', () => {
    expect(derivePicture(PROFILES.horizontal, 'vertical')).toEqual({
      orientation: 'vertical',
      size: { width: 1080, height: 1920 },
      crop: { x: 656, w: 608 },
      fps: 30,
      bitrateKbps: 6000,
      x264Preset: 'veryfast',
    });
    expect(derivePicture(PROFILES.test, 'vertical')).toMatchObject({ size: { width: 360, height: 640 }, crop: { x: 220, w: 202 } });
    expect(derivePicture(PROFILES['low-power'], 'vertical')).toMatchObject({ size: { width: 720, height: 1280 } });
    // The window is centred and inside the canvas.
    for (const profile of Object.values(PROFILES).filter((p) => p.width > p.height)) {
      const { crop } = derivePicture(profile, 'vertical')!;
      expect(crop!.x + crop!.w).toBeLessThanOrEqual(profile.width);
      expect(Math.abs(crop!.x - (profile.width - crop!.x - crop!.w))).toBeLessThanOrEqual(2);
    }
  });

  it('a 9:16 canvas gives a 16:9 picture (the whole vertical picture on a blurred fill); the same shape gives none', () => {
    expect(derivePicture(PROFILES.vertical, 'horizontal')).toMatchObject({ orientation: 'horizontal', size: { width: 1920, height: 1080 }, crop: null });
    expect(derivePicture(PROFILES.vertical, 'vertical')).toBeNull();
    expect(derivePicture(PROFILES.horizontal, 'horizontal')).toBeNull();
    expect(derivePicture(PROFILES.horizontal, null)).toBeNull();
  });

  it('the encode: the profile\'s preset and bitrate, 2 s keyframes, audio copied; the card read fresh, never probed ahead', () => {
    const picture = derivePicture(PROFILES.horizontal, 'vertical')!;
    const args = derivedArgs('rtmp://127.0.0.1:1/live/show', 'rtmp://127.0.0.1:1/live/show-vertical', picture, '/data/derived-card.png');
    const after = (flag: string, from = 0) => args[args.indexOf(flag, from) + 1];
    expect(after('-preset')).toBe('veryfast');
    expect(after('-b:v')).toBe('6000k');
    expect(after('-g')).toBe('60');
    expect(after('-c:a')).toBe('copy');
    expect(after('-filter_complex')).toContain('crop=trunc(ih*9/32)*2:ih:(iw-ow)/2:0,scale=1080:1920');
    expect(after('-filter_complex')).toContain('overlay=0:0');
    const card = args.indexOf('/data/derived-card.png');
    expect(args.slice(card - 14, card)).toEqual(['-re', '-thread_queue_size', '1', '-probesize', '32', '-analyzeduration', '0', '-f', 'image2', '-loop', '1', '-framerate', '4', '-i']);
    expect(args.at(-1)).toBe('rtmp://127.0.0.1:1/live/show-vertical');
    // Without a card (the painter failed) the picture still goes out, with no second input.
    const bare = derivedArgs('in', 'out', picture, null);
    expect(bare.filter((a) => a === '-i')).toHaveLength(1);
    expect(bare[bare.indexOf('-filter_complex') + 1]).not.toContain('[1:v]');
  });

  it('the 9:16 window is known as soon as an enabled destination wants it and the relay can make it', () => {
    const engine = { picture: PROFILES.test, capabilities: { relay: { isAvailable: true } } };
    const tall = { isEnabled: true, canvas: 'vertical' as const };
    expect(derivedWindow([{ isEnabled: true, canvas: null }, tall], engine)).toEqual({ x: 220, w: 202 });
    expect(derivedWindow([{ ...tall, isEnabled: false }], engine)).toBeNull();
    expect(derivedWindow([tall], { ...engine, capabilities: { relay: { isAvailable: false } } })).toBeNull();
    expect(derivedWindow([tall], null)).toBeNull();
    expect(derivedWindow([{ isEnabled: true, canvas: 'horizontal' }], { ...engine, picture: PROFILES.vertical })).toBeNull();
  });

  it('the CPU estimate grows with the pixel rate and the preset', () => {
    const test = derivedEncodeCores(derivePicture(PROFILES.test, 'vertical')!);
    const hd = derivedEncodeCores(derivePicture(PROFILES.horizontal, 'vertical')!);
    expect(hd).toBeGreaterThan(test);
    expect(derivedEncodeCores({ ...derivePicture(PROFILES.horizontal, 'vertical')!, x264Preset: 'faster' })).toBeGreaterThan(hd);
  });
});
