import { describe, expect, it } from 'vitest';
import { DEFAULT_RECORDING_NAME, recordingFileFormat, recordingNameOf } from '../../../../../electron/features/output/domain/recording-name';

describe("the backup recording's file names", () => {
  it('keeps a title as it reads, without what a file system or OBS would choke on', () => {
    expect(recordingNameOf('春季茶具专场 · Spring tea night')).toBe('春季茶具专场 · Spring tea night');
    expect(recordingNameOf('春季茶具专场: 7 hours / 100% 手工?')).toBe('春季茶具专场 7 hours 100 手工');
    expect(recordingNameOf('a\\b<c>d"e|f*g\u0000h\nі')).toBe('a b c d e f g h і');
    expect(recordingNameOf('...hidden. ')).toBe('hidden');
  });

  it('falls back to the studio name, and cuts long titles without splitting a character', () => {
    expect(recordingNameOf('')).toBe(DEFAULT_RECORDING_NAME);
    expect(recordingNameOf(' ?*/ ')).toBe(DEFAULT_RECORDING_NAME);
    expect([...recordingNameOf('茶'.repeat(100))]).toHaveLength(60);
  });

  it("is followed by the file's start time in OBS's format fields", () => {
    expect(recordingFileFormat('Tea night')).toBe('Tea night %CCYY-%MM-%DD %hh-%mm-%ss');
  });
});
