import { failure, type CommandResult } from '../protocol';
import type { HubFeatureFactory } from './hub-feature';

/** The foundation's own commands: show title and the engine's OBS reports, applied to the state store. */
export const coreFeature: HubFeatureFactory = ({ store, history }) => {
  const apply = (command: Parameters<typeof store.apply>[0]): CommandResult => {
    const applied = store.apply(command);
    return applied.ok ? { ok: true, version: applied.version } : failure('rejected', applied.reason);
  };
  return {
    name: 'core',
    commands: {
      'show.rename': (payload) => apply({ name: 'show.rename', payload }),
      'engine.report': (payload) => {
        const result = apply({ name: 'engine.report', payload });
        // The post-show timeline's scene bands; the history ignores reports that repeat the scene.
        if (result.ok) history.recordProgram(store.current.scenes.program, Date.now());
        return result;
      },
    },
  };
};
