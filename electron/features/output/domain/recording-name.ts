// The backup recording's files are named after the show, so a seven-hour show's segments are easy to find and order.

/** What a recording file is named with when the show has no usable title. */
export const DEFAULT_RECORDING_NAME = 'Anchor Studio';

/** Longest show part of a recording file name, characters. */
export const RECORDING_NAME_LENGTH = 60;

/**
 * A show title as the start of a file name on Windows, macOS and Linux: no path separators, no characters Windows
 * refuses (`<>:"|?*`), no control characters, no `%` (OBS reads it as a date field), no leading or trailing dots and
 * spaces; the default when nothing is left.
 */
export function recordingNameOf(title: string): string {
  const cleaned = title
    .replace(/[\\/<>:"|?*%\p{Cc}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const cut = [...cleaned].slice(0, RECORDING_NAME_LENGTH).join('').replace(/^[.\s]+|[.\s]+$/g, '');
  return cut || DEFAULT_RECORDING_NAME;
}

/** OBS's file name format for the recording: the show, then the date and time the file (or segment) began. */
export function recordingFileFormat(name: string): string {
  return `${name} %CCYY-%MM-%DD %hh-%mm-%ss`;
}
