import { describe, expect, it } from 'vitest';
import type { DestinationView } from '../../../../../electron/features/output/domain/destinations';
import type { EngineOutputState } from '../../../../../electron/features/output/domain/output';
import { recordingMinutes, runPreflight, type PreflightInput } from '../../../../../electron/features/output/domain/preflight';

const destination = (id: string, patch: Partial<DestinationView> = {}): DestinationView => ({
  id,
  name: id,
  platform: 'custom',
  server: 'rtmp://127.0.0.1/live',
  hasKey: true,
  isEnabled: true,
  canvas: null,
  createdAt: 1,
  ...patch,
});

const engine = (patch: Partial<EngineOutputState> = {}): EngineOutputState => ({
  mode: 'off',
  destinations: [],
  derived: [],
  picture: { width: 640, height: 360, fps: 30, bitrateKbps: 1000, x264Preset: 'ultrafast' },
  recording: { isActive: false, startedAt: null, lastFile: null, problem: null },
  virtualCam: { isActive: false },
  capabilities: { relay: { isAvailable: true, message: null }, virtualCam: { isAvailable: false, message: 'no v4l2loopback' } },
  recordingDir: '/data/recordings',
  microphones: [{ name: 'Mic', isMuted: false }],
  ...patch,
});

const ready = (patch: Partial<PreflightInput> = {}): PreflightInput => ({
  at: 1000,
  obs: { status: 'connected', message: null, version: '29.0.2', profile: 'horizontal' },
  scenes: { names: ['Anchor'], program: 'Anchor', preview: null, sources: [{ scene: 'Anchor', items: [{ name: 'Cam', kind: 'v4l2_input', isVisible: true }] }] },
  engine: engine(),
  destinations: [destination('a')],
  reachability: { a: { ok: true } },
  unreadableKeys: [],
  diskFreeBytes: 100e9,
  isBackupRecording: true,
  cpu: { cores: 2, busy: 0.1 },
  ...patch,
});

const statusOf = (input: PreflightInput, check: string) => runPreflight(input).items.find((i) => i.check === check)?.status;

describe('pre-flight checklist', () => {
  it('passes a ready studio with every check ok', () => {
    const report = runPreflight(ready());
    expect(report.canGoLive).toBe(true);
    expect(report.items.map((i) => [i.check, i.status])).toEqual([
      ['obs', 'ok'],
      ['scene', 'ok'],
      ['mic', 'ok'],
      ['destinations', 'ok'],
      ['canvas', 'ok'],
      ['reach:a', 'ok'],
      ['disk', 'ok'],
    ]);
  });

  it('fails without OBS, without an enabled destination, on a black program scene, on an unreadable key', () => {
    const noObs = runPreflight(ready({ obs: { status: 'starting', message: 'Starting OBS…', version: null } }));
    expect(noObs.canGoLive).toBe(false);
    expect(noObs.items[0]).toMatchObject({ check: 'obs', status: 'fail', code: 'obsNotConnected' });
    expect(noObs.items[0]!.message).toContain('Starting OBS…');
    expect(statusOf(ready({ destinations: [destination('a', { isEnabled: false })] }), 'destinations')).toBe('fail');
    const black = ready({ scenes: { names: ['S'], program: 'S', preview: null, sources: [{ scene: 'S', items: [{ name: 'x', kind: 'k', isVisible: false }] }] } });
    expect(runPreflight(black).items.find((i) => i.check === 'scene')).toMatchObject({ status: 'fail', code: 'sceneEmpty', params: { scene: 'S' } });
    expect(statusOf(ready({ unreadableKeys: ['a'] }), 'key:a')).toBe('fail');
  });

  it('warns (does not block) on a muted or missing mic and on a canvas the platform does not suggest', () => {
    const muted = runPreflight(ready({ engine: engine({ microphones: [{ name: 'Mic', isMuted: true }] }) }));
    expect(muted.canGoLive).toBe(true);
    expect(muted.items.find((i) => i.check === 'mic')).toMatchObject({ status: 'warn', code: 'micMuted' });
    expect(statusOf(ready({ engine: engine({ microphones: [] }) }), 'mic')).toBe('warn');
    // Without the relay there is no second picture: the vertical platform gets the horizontal canvas, and is told.
    const noRelay = engine({ capabilities: { relay: { isAvailable: false, message: 'nginx is not installed.' }, virtualCam: { isAvailable: false, message: null } } });
    const kuaishou = runPreflight(ready({ engine: noRelay, destinations: [destination('a', { name: '快手', canvas: 'vertical' })] }));
    expect(kuaishou.canGoLive).toBe(true);
    expect(kuaishou.items.find((i) => i.check === 'canvas')).toMatchObject({
      status: 'warn',
      code: 'canvasMismatch',
      params: { names: '快手', wanted: 'vertical', current: 'horizontal' },
    });
    expect(kuaishou.items.find((i) => i.check === 'canvas')?.message).toContain('nginx is not installed.');
    expect(statusOf(ready({ obs: { status: 'connected', message: null, version: 'x', profile: 'vertical' }, destinations: [destination('a', { canvas: 'vertical' })] }), 'canvas')).toBe('ok');
  });

  it('dual output: a destination wanting the other shape gets a derived picture, and the CPU is checked for its encode', () => {
    const both = [destination('a', { name: 'YouTube', canvas: 'horizontal' }), destination('b', { name: '抖音', canvas: 'vertical' }), destination('c', { name: '快手', canvas: 'vertical' })];
    const reachability = { a: { ok: true as const }, b: { ok: true as const }, c: { ok: true as const } };
    const report = runPreflight(ready({ destinations: both, reachability }));
    expect(report.canGoLive).toBe(true);
    // One 9:16 picture (made from the 640x360 canvas) for both vertical destinations: one encode, not two.
    expect(report.items.filter((i) => i.check.startsWith('canvas'))).toEqual([
      expect.objectContaining({ check: 'canvas:vertical', status: 'ok', code: 'canvasDerived', params: { names: '抖音, 快手', wanted: 'vertical', current: 'horizontal', width: 360, height: 640 } }),
    ]);
    expect(report.items.find((i) => i.check === 'cpu')).toMatchObject({ status: 'ok', code: 'cpuOk', params: { busy: 10, free: '1.8' } });
    // A busy computer: the encode fits in the estimate but not with headroom: a warning, not a refusal.
    const busy = runPreflight(ready({ destinations: both, reachability, cpu: { cores: 2, busy: 0.93 } }));
    expect(busy.canGoLive).toBe(true);
    expect(busy.items.find((i) => i.check === 'cpu')).toMatchObject({ status: 'warn', code: 'cpuLow', params: { busy: 93, free: '0.1' } });
    expect(statusOf(ready({ destinations: both, reachability, cpu: null }), 'cpu')).toBe('warn');
    // The estimate grows with the picture: a 1080p profile needs more than the test canvas.
    const hd = engine({ picture: { width: 1920, height: 1080, fps: 30, bitrateKbps: 6000, x264Preset: 'veryfast' } });
    const needOf = (r: ReturnType<typeof runPreflight>) => Number(r.items.find((i) => i.check === 'cpu')!.params.need);
    expect(needOf(runPreflight(ready({ engine: hd, destinations: both, reachability })))).toBeGreaterThan(needOf(report));
    // Every destination on the canvas's shape: no second picture, no CPU line.
    expect(statusOf(ready(), 'cpu')).toBeUndefined();
  });

  it('blocks when the only destination is unreachable, warns when others can go live', () => {
    const single = runPreflight(ready({ reachability: { a: { ok: false, reason: 'refused' } } }));
    expect(single.canGoLive).toBe(false);
    expect(single.items.find((i) => i.check === 'reach:a')).toMatchObject({ status: 'fail', params: { name: 'a', reason: 'refused' } });
    const two = runPreflight(
      ready({ destinations: [destination('a'), destination('b')], reachability: { a: { ok: true }, b: { ok: false, reason: 'refused' } } }),
    );
    expect(two.canGoLive).toBe(true);
    expect(two.items.find((i) => i.check === 'reach:b')?.status).toBe('warn');
  });

  it('needs the relay for several destinations', () => {
    const input = ready({
      destinations: [destination('a'), destination('b')],
      reachability: { a: { ok: true }, b: { ok: true } },
      engine: engine({ capabilities: { relay: { isAvailable: false, message: 'nginx not found.' }, virtualCam: { isAvailable: true, message: null } } }),
    });
    const report = runPreflight(input);
    expect(report.canGoLive).toBe(false);
    expect(report.items.find((i) => i.check === 'relay')?.message).toContain('nginx not found.');
    expect(statusOf({ ...input, destinations: [destination('a'), destination('b', { isEnabled: false })] }, 'relay')).toBeUndefined();
  });

  it('turns free disk into recording minutes and warns under an hour', () => {
    expect(recordingMinutes(6160 * 125 * 60 * 90, 6160)).toBe(90);
    const low = runPreflight(ready({ diskFreeBytes: 1e9 }));
    expect(low.canGoLive).toBe(true);
    expect(low.items.find((i) => i.check === 'disk')).toMatchObject({ status: 'warn', code: 'diskLow', params: { minutes: 21, gb: 1 } });
    expect(statusOf(ready({ diskFreeBytes: 1e9, isBackupRecording: false }), 'disk')).toBe('ok');
    expect(statusOf(ready({ diskFreeBytes: null }), 'disk')).toBe('warn');
  });
});
