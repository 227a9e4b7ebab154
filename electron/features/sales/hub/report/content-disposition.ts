/**
 * A Content-Disposition header carrying a file name that may hold any Unicode (a Chinese show title): `filename*` in
 * UTF-8 (RFC 6266 / RFC 5987) for every current browser, and an ASCII `filename` for the rest, with what ASCII cannot
 * say replaced by "_".
 */
export function contentDisposition(type: 'inline' | 'attachment', fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  // encodeURIComponent leaves ' ( ) * ! unescaped; RFC 5987's attr-char does not allow ' ( ) *.
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
