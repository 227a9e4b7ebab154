import { describe, expect, it } from 'vitest';
import { isClipping, isSilent, levelOf, meterFraction, METER_FLOOR_DB, readMeterInputs, toDb } from '../../../../../electron/features/monitor/domain/audio-levels';

describe('audio levels', () => {
  it('turns OBS linear amplitudes into floored dBFS', () => {
    expect(toDb(1)).toBe(0);
    expect(toDb(0.5)).toBe(-6);
    expect(toDb(0.1)).toBe(-20);
    expect(toDb(0.001)).toBe(-60);
    expect(toDb(0.0001)).toBe(METER_FLOOR_DB);
    for (const odd of [0, -1, Number.NaN, Number.NEGATIVE_INFINITY]) expect(toDb(odd)).toBe(METER_FLOOR_DB);
    // A sample over full scale (a float source) still reads 0 dBFS, the top of the meter.
    expect(toDb(1.7)).toBe(0);
  });

  it('reads the loudest channel of an entry as OBS sent it (the 440 Hz tone the OBS tests use)', () => {
    const tone = { inputName: 'Tone', inputLevelsMul: [[0.0881, 0.125, 0.125], [0.05, 0.2, 0.2]] };
    expect(levelOf(tone, false)).toEqual({ source: 'Tone', levelDb: -21.1, peakDb: -14, isMuted: false });
    // Muted: OBS reports magnitude and peak 0 (only the pre-fader input peak stays).
    expect(levelOf({ inputName: 'Tone', inputLevelsMul: [[0, 0, 0.125]] }, true)).toEqual({ source: 'Tone', levelDb: -60, peakDb: -60, isMuted: true });
    expect(levelOf({ inputName: 'Mono', inputLevelsMul: [] }, false).levelDb).toBe(-60);
  });

  it('keeps only entries shaped like OBS meter entries', () => {
    const good = { inputName: 'Mic', inputLevelsMul: [[0.1, 0.2, 0.2]] };
    expect(readMeterInputs([good, null, 3, { inputName: 5, inputLevelsMul: [] }, { inputName: 'x', inputLevelsMul: [1] }, { inputName: 'y' }])).toEqual([good]);
    expect(readMeterInputs('nope')).toEqual([]);
  });

  it('places levels on the meter, marks clips, and calls the floor silence', () => {
    expect(meterFraction(-60)).toBe(0);
    expect(meterFraction(-30)).toBe(0.5);
    expect(meterFraction(0)).toBe(1);
    expect(meterFraction(-90)).toBe(0);
    expect(isClipping(-0.2)).toBe(true);
    expect(isClipping(-3)).toBe(false);
    expect(isSilent(-60)).toBe(true);
    expect(isSilent(-30)).toBe(false);
  });
});
