/**
 * Content-Security-Policy for every studio page, in Electron (custom protocol) and in a browser (served by the hub).
 * `hubOrigin` is added to connect-src when the page is not served by the hub itself (Electron's app:// pages).
 */
export function contentSecurityPolicy(hubOrigin?: string): string {
  const connect = hubOrigin ? `'self' ${hubOrigin} ${hubOrigin.replace(/^http/, 'ws')}` : "'self'";
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src ${connect}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
