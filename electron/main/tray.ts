import { Menu, nativeImage, Tray } from 'electron';

/** What the tray menu can do; main.ts wires each to the same path as the window and the menus. */
export interface TrayActions {
  iconPath: string;
  showStudio(): void;
  openCoHostWindow(): void;
  /** Quits like closing the anchor window: a live show ends only after the anchor confirms. */
  quit(): void;
}

/**
 * The studio's tray icon: back to the studio window, the co-host window, and Quit. A long show often runs with the
 * studio minimized behind the platform's own companion app; the tray keeps it one click away.
 */
export function createStudioTray(actions: TrayActions): Tray {
  const icon = nativeImage.createFromPath(actions.iconPath).resize({ width: 16, height: 16 });
  const tray = new Tray(icon);
  tray.setToolTip('Anchor Studio');
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: 'Show the studio', click: actions.showStudio },
      { label: 'Open co-host window', click: actions.openCoHostWindow },
      { type: 'separator' },
      { label: 'Quit Anchor Studio', click: actions.quit },
    ]),
  );
  tray.on('click', actions.showStudio);
  return tray;
}
