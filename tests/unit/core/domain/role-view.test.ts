import { describe, expect, it } from 'vitest';
import { patchForRole, stateForRole, STATE_VIEW_GROUPS } from '../../../../electron/core/domain/role-view';
import { ROLES } from '../../../../electron/core/domain/roles';
import { diffState } from '../../../../electron/core/domain/state-patch';
import { initialStudioState, type StudioState } from '../../../../electron/core/domain/studio-state';

const busy: StudioState = {
  ...initialStudioState(),
  version: 7,
  notes: [{ id: 'n1', fromName: 'Li', fromRole: 'producer', text: 'price drop at 9', at: 1 }],
  presence: [{ clientId: 'c1', principalId: 'p1', name: 'Li', role: 'producer', since: 1 }],
  sharing: { isLanEnabled: true, lanUrls: ['http://192.168.1.20:4780'] },
  show: { title: 'Tea night' },
};

describe('what each role reads of the studio state', () => {
  it('anchor and producer read everything; a moderator no notes or LAN addresses; a viewer not who is connected either', () => {
    expect(stateForRole('anchor', busy)).toBe(busy);
    expect(stateForRole('producer', busy)).toBe(busy);
    expect(stateForRole('moderator', busy)).toMatchObject({ notes: [], presence: busy.presence, sharing: { isLanEnabled: true, lanUrls: [] }, show: busy.show, version: 7 });
    expect(stateForRole('viewer', busy)).toMatchObject({ notes: [], presence: [], sharing: { isLanEnabled: true, lanUrls: [] }, show: busy.show, version: 7 });
    expect(busy.notes).toHaveLength(1);
  });

  it("the backup file's path and the stream servers are for those who run the show; a cue keeps its label without script or note", () => {
    const initial = initialStudioState();
    const running: StudioState = {
      ...busy,
      rundown: { ...initial.rundown, cues: [{ id: 'c', kind: 'segment', sku: null, segment: 'qa', label: 'Q&A', plannedMs: 1, scene: null, cameraPreset: null, script: 's', note: 'n', presenter: 'Li' }] },
      output: {
        ...initial.output,
        destinations: [{ id: 'd', name: 'Room', platform: 'custom', server: 'rtmp://h/live', hasKey: true, isEnabled: true, canvas: null, createdAt: 1 }],
        show: { ...initial.output.show, backupFile: '/home/li/Videos/show.mkv' },
      },
    };
    for (const role of ['moderator', 'viewer'] as const) {
      const view = stateForRole(role, running);
      expect(view.rundown.cues, role).toEqual([{ id: 'c', kind: 'segment', sku: null, segment: 'qa', label: 'Q&A', plannedMs: 1, scene: null, cameraPreset: null, presenter: 'Li' }]);
      expect(view.output.destinations[0], role).toMatchObject({ name: 'Room', server: '', hasKey: true });
      expect(view.output.show.backupFile, role).toBeNull();
    }
    expect(stateForRole('producer', running).output.show.backupFile).toBe('/home/li/Videos/show.mkv');
  });

  it('a patch keeps its versions and touches only the parts it carries', () => {
    const patch = diffState({ ...busy, version: 6, notes: [] }, busy);
    const viewer = patchForRole('viewer', patch);
    expect(viewer).toMatchObject({ from: 6, version: 7, changes: { notes: [] } });
    expect(Object.keys(viewer.changes)).toEqual(Object.keys(patch.changes));
    expect(patchForRole('anchor', patch)).toBe(patch);
  });

  it('every role but the engine is in exactly one view group, with the same view as the others of its group', () => {
    const grouped = STATE_VIEW_GROUPS.flat();
    expect([...grouped].sort()).toEqual(ROLES.filter((r) => r !== 'engine').sort());
    for (const group of STATE_VIEW_GROUPS) for (const role of group) expect(stateForRole(role, busy)).toEqual(stateForRole(group[0]!, busy));
  });
});
