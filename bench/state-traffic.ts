/**
 * What an idle studio sends each window: bytes per second on one anchor socket while OBS runs and nothing happens
 * (the engine's 1 Hz health is the only change), and the same while the anchor switches scenes every 2 s. Measured on
 * the websocket frames the window receives, on the built studio with a real OBS.
 *
 * Run: npx tsx bench/state-traffic.ts [seconds=20]. Needs OBS (and Xvfb on a machine without a display).
 */
import { sleep } from './bench-stats';
import { runBenchStudio, runMain, type UiSocket } from './bench-studio';

/** Counts the bytes and the messages the socket receives, by event name. */
function meter(socket: UiSocket) {
  let bytes = 0;
  const events = new Map<string, { count: number; bytes: number }>();
  socket.io.engine.on('packet', (packet: { type: string; data?: unknown }) => {
    if (packet.type !== 'message' || typeof packet.data !== 'string') return;
    const size = Buffer.byteLength(packet.data);
    bytes += size;
    const name = /^\d+(?:\/[^,]*,)?\d*\["([^"]+)"/.exec(packet.data)?.[1] ?? '(other)';
    const row = events.get(name) ?? { count: 0, bytes: 0 };
    events.set(name, { count: row.count + 1, bytes: row.bytes + size });
  });
  return {
    reset() {
      bytes = 0;
      events.clear();
    },
    read: () => ({ bytes, events: [...events.entries()].sort((a, b) => b[1].bytes - a[1].bytes) }),
  };
}

async function main(): Promise<void> {
  const seconds = Number(process.argv[2] ?? 20);
  await runBenchStudio({ watchdogMs: 90_000 + seconds * 3000 }, async ({ state, ui }) => {
    await sleep(3000); // past the start-up burst (device lists, first thumbnails)
    const m = meter(ui);
    const report = (label: string) => {
      const { bytes, events } = m.read();
      process.stdout.write(`${label}: ${(bytes / seconds).toFixed(0)} bytes/s per window\n`);
      for (const [name, row] of events) {
        process.stdout.write(`  ${name.padEnd(24)} ${String(row.count).padStart(5)} messages  ${(row.bytes / seconds).toFixed(0).padStart(7)} bytes/s\n`);
      }
    };
    process.stdout.write(`State traffic to one window, OBS ${state().obs.version}, canvas 640x360, ${seconds} s each\n`);
    m.reset();
    await sleep(seconds * 1000);
    report('idle (1 Hz engine health)');
    const names = state().scenes.names;
    m.reset();
    for (let i = 0; i < seconds / 2; i++) {
      await ui.timeout(5000).emitWithAck('command', { name: 'scene.switch', payload: { scene: names[i % 2]! } });
      await sleep(2000);
    }
    report('a scene switch every 2 s');
  });
}

runMain(main);
