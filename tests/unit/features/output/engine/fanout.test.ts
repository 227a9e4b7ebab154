import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { DestinationHealth } from '../../../../../electron/features/output/domain/output';
import { Fanout, fanoutArgs } from '../../../../../electron/features/output/engine/fanout';
import { makeTempDir } from '../../../../helpers/temp-dir';
import { waitUntil } from '../../../../helpers/wait';

// A fake ffmpeg: each run reads its behaviour from the next line of a scenario file ("live" prints growing progress
// and stays up until killed; "refused" fails at once like an unreachable server) and logs its arguments.
const FAKE_FFMPEG = `#!/bin/sh
dir="$(dirname "$0")"
echo "$@" >> "$dir/args.log"
n=$(cat "$dir/runs" 2>/dev/null || echo 0); n=$((n+1)); echo $n > "$dir/runs"
what=$(sed -n "\${n}p" "$dir/scenario"); [ -z "$what" ] && what=refused
if [ "$what" = drop ]; then
  for i in 1 2 3 4 5 6; do echo "total_size=$((i*50000))"; echo "progress=continue"; sleep 0.1; done
  echo "av_interleaved_write_frame(): Connection reset by peer" >&2
  exit 1
fi
if [ "$what" = live ]; then
  trap 'exit 0' INT TERM
  i=1
  while true; do echo "total_size=$((i*50000))"; echo "progress=continue"; i=$((i+1)); sleep 0.1; done
fi
echo "rtmp://push.example.com/live/THEKEY-123456: Connection refused" >&2
exit 1
`;

describe('one destination fan-out (fake ffmpeg)', () => {
  const dir = makeTempDir('anchor-fanout-');
  const fanouts: Fanout[] = [];
  afterEach(async () => {
    for (const f of fanouts.splice(0)) await f.stop();
  });
  afterAll(() => dir.remove());

  const start = (scenario: string[], maxAttempts = 3) => {
    writeFileSync(join(dir.path, 'scenario'), scenario.join('\n') + '\n');
    writeFileSync(join(dir.path, 'runs'), '0');
    writeFileSync(join(dir.path, 'args.log'), '');
    const ffmpeg = join(dir.path, 'ffmpeg');
    writeFileSync(ffmpeg, FAKE_FFMPEG);
    chmodSync(ffmpeg, 0o755);
    const seen: DestinationHealth[] = [];
    const logs: string[] = [];
    const line = (msg: string, fields?: object) => logs.push(JSON.stringify({ msg, ...fields }));
    const fanout = new Fanout(
      { id: 'd1', name: 'Push', server: 'rtmp://push.example.com/live', key: 'THEKEY-123456' },
      {
        input: () => 'rtmp://127.0.0.1:40000/live/show-x',
        ffmpeg,
        log: { debug: line, info: line, warn: line, error: line },
        onChange: () => seen.push(fanout.health),
        timing: { initialBackoffMs: 20, maxBackoffMs: 40, maxAttempts, stableAfterMs: 60_000 },
      },
    );
    fanouts.push(fanout);
    fanout.start();
    return { fanout, seen, logs };
  };
  /** The fan-out reports through its health only; the fake ffmpeg runs on its own, so poll its health. */
  const until = (check: () => boolean, what: string) => waitUntil(check, 5000, what, 25);

  it('copies the streams without re-encoding and reports live with a bitrate once bytes flow', async () => {
    const { fanout } = start(['live']);
    await until(() => fanout.health.status === 'live' && (fanout.health.bitrateKbps ?? 0) > 0, 'live with a bitrate');
    expect(fanout.health.liveSince).toEqual(expect.any(Number));
    const args = readFileSync(join(dir.path, 'args.log'), 'utf8');
    expect(args).toContain('-c copy');
    expect(args).not.toMatch(/libx264|-c:v/);
    expect(fanoutArgs('in', 'out').slice(-1)).toEqual(['out']);
  });

  it('retries with backoff after a drop, gives up as failed after maxAttempts, and "reconnect now" starts over', async () => {
    const { fanout, seen, logs } = start(['refused', 'refused', 'refused', 'live'], 3);
    await until(() => fanout.health.status === 'failed', 'failed after maxAttempts');
    expect(seen.some((h) => h.status === 'reconnecting')).toBe(true);
    expect(fanout.health).toMatchObject({ attempts: 3, lastError: { code: 'refused' } });
    expect(fanout.health.lastError!.message).toContain('push.example.com:1935 refused');
    expect(JSON.stringify(seen) + logs.join('\n')).not.toContain('THEKEY-123456');
    await fanout.reconnect();
    await until(() => fanout.health.status === 'live', 'live after reconnect now');
    expect(fanout.health.attempts).toBe(0);
    await fanout.stop();
    expect(fanout.health.status).toBe('stopped');
  });

  it('a live destination that drops shows reconnecting and comes back by itself', async () => {
    const { fanout, seen } = start(['drop', 'refused', 'live']);
    await until(() => seen.some((h) => h.status === 'reconnecting') && fanout.health.status === 'live', 'reconnecting, then live again');
    const statuses = seen.map((h) => h.status).filter((s, i, all) => s !== all[i - 1]);
    expect(statuses).toEqual(['live', 'reconnecting', 'live']);
    expect(seen.find((h) => h.status === 'reconnecting')!.lastError?.code).toBe('closed');
  });
});
