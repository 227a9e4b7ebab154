/** Kinds of report file the studio writes. */
export type ReportFileKind = 'html' | 'csv';

/** Characters no file system takes in a name (Windows is the strictest), and control characters. */
const UNSAFE = /[\u0000-\u001f\u007f<>:"/\\|?*]+/g;
/** Longest show title kept in a file name (in characters): names stay well under the 255-byte limit in UTF-8. */
const MAX_TITLE_CHARS = 60;

/** The local calendar date of `at` as YYYY-MM-DD (the studio's clock: the day the anchor was on air). */
export function localDate(at: number): string {
  const d = new Date(at);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * The file name of a post-show report: the show's title and the day it went on air, e.g.
 * `秋季茶具专场-2026-12-04-sales.html`. Characters a file system refuses become "-"; an untitled show is "show".
 */
export function reportFileName(showTitle: string, at: number, kind: ReportFileKind): string {
  const title =
    [...showTitle.replace(UNSAFE, '-').replace(/\s+/g, ' ').trim()]
      .slice(0, MAX_TITLE_CHARS)
      .join('')
      .replace(/^[-. ]+|[-. ]+$/g, '') || 'show';
  return `${title}-${localDate(at)}-sales.${kind}`;
}
