import { app, session, type Session } from 'electron';
import { hardenWebContents } from './secure-window';

/**
 * App-wide guards that must be installed before `ready`: every renderer sandboxed, and every web contents (including
 * ones Electron creates on its own, e.g. devtools or a future pop-up) hardened as soon as it exists.
 */
export function installAppSecurity(): void {
  app.enableSandbox();
  app.on('web-contents-created', (_event, contents) => {
    // DevTools pages navigate to devtools:// internally; hardening them would break the inspector.
    if (contents.getType() === 'webview' || contents.getType() === 'window' || contents.getType() === 'browserView') {
      hardenWebContents(contents);
    }
  });
}

/** Denies every permission request and check (camera, mic, notifications, geolocation...): the UI needs none. */
export function denyAllPermissions(target: Session = session.defaultSession): void {
  target.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  target.setPermissionCheckHandler(() => false);
}
