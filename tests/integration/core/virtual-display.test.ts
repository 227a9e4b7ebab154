import { describe, expect, it } from 'vitest';
import { isPidAlive } from '../../../electron/core/engine/obs-process';
import { findXvfb, startVirtualDisplay, stopVirtualDisplay } from '../../../electron/core/engine/virtual-display';

// A real Xvfb: quitting the studio must leave no screen behind, and "stopped" must mean gone, not "asked to go"
// (a CI run once found the Xvfb still alive right after the studio said it had quit).
describe('the virtual screen OBS draws on', () => {
  const xvfb = findXvfb(process.env);

  it('is installed on this machine (the install script puts it there)', () => {
    expect(xvfb, 'Xvfb not on PATH: run scripts/install-system-deps.sh').not.toBeNull();
  });

  it('is gone, not only signalled, once stopping resolves; stopping twice is harmless', async () => {
    for (let round = 0; round < 5; round++) {
      const display = await startVirtualDisplay(xvfb!);
      expect(display.display).toMatch(/^:\d+$/);
      expect(isPidAlive(display.pid)).toBe(true);
      await stopVirtualDisplay(display);
      expect(isPidAlive(display.pid), `Xvfb ${display.pid} still running after stop (round ${round})`).toBe(false);
      await stopVirtualDisplay(display);
    }
  });
});
