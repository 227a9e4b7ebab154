import { describe, expect, it } from 'vitest';
import { AIR_CONTROL_COMMANDS, PRODUCER_POWERS, policyRefusal, powerFor, restorePermissions } from '../../../electron/features/cohost/domain/cohost';
import { COMMANDS } from '../../../electron/core/protocol/commands';

describe('producer air powers', () => {
  it('restores what any earlier version saved: one switch for all, scene switching only, or each power', () => {
    expect(restorePermissions(undefined).producerPowers).toEqual({ scenes: false, cameras: false, mics: false, goLive: false, destinations: false });
    expect(Object.values(restorePermissions({ producerCanControlAir: true }).producerPowers)).toEqual([true, true, true, true, true]);
    expect(Object.values(restorePermissions({ producerCanSwitchScenes: true }).producerPowers)).toEqual([true, true, true, true, true]);
    expect(restorePermissions({ producerPowers: { mics: true, goLive: 'yes' } }).producerPowers).toEqual({ scenes: false, cameras: false, mics: true, goLive: false, destinations: false });
  });

  it('names a real command in every power, each command under one power, and refuses only the power not granted', () => {
    const all = PRODUCER_POWERS.flatMap((p) => AIR_CONTROL_COMMANDS[p]);
    expect(new Set(all).size).toBe(all.length);
    for (const name of all) expect(Object.keys(COMMANDS)).toContain(name);
    const permissions = restorePermissions({ producerPowers: { cameras: true } });
    expect(policyRefusal(permissions, 'producer', 'camera.preset')).toBeNull();
    expect(policyRefusal(permissions, 'producer', 'show.end')).toMatchObject({ key: 'producerNoPower.goLive', power: 'goLive' });
    expect(policyRefusal(permissions, 'anchor', 'show.end')).toBeNull();
    expect(powerFor('cue.next')).toBeNull();
  });
});
