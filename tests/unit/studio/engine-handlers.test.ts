import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES, COMMANDS } from '../../../electron/core/protocol/commands';
import type { EngineHandlers } from '../../../electron/core/protocol/engine-requests';
import { ENGINE_OUTPUT_REQUESTS } from '../../../electron/features/output/protocol/output-commands';
import { outputHandlers } from '../../../electron/features/output/engine/output-handlers';
import { overlayHandlers } from '../../../electron/features/overlay/engine/overlay-handlers';
import { sceneHandlers } from '../../../electron/features/scenes/engine/scene-handlers';
import { engineHandlers, type EngineParts } from '../../../electron/studio/engine-composition';

// Handlers are built from their services but call them only when a request comes: stand-ins are enough here.
const parts = { supervisor: { session: {} } } as unknown as EngineParts;

describe('the engine handler table', () => {
  it('has exactly one handler for every request the hub may send the engine', () => {
    const expected = [...COMMAND_NAMES.filter((n) => COMMANDS[n].executor === 'engine'), ...Object.keys(ENGINE_OUTPUT_REQUESTS)].sort();
    expect(Object.keys(engineHandlers(parts)).sort()).toEqual(expected);
  });

  it('does not compile without a handler for every engine request (checked by npm test\'s typecheck)', () => {
    const { scenes, layout, devices, thumbnails, outputs, painter, supervisor } = parts;
    // @ts-expect-error: 'video.profile' has no handler, so this is not an EngineHandlers table.
    const incomplete: EngineHandlers = {
      ...sceneHandlers(scenes, layout, devices, thumbnails),
      ...outputHandlers(outputs),
      ...overlayHandlers(painter, supervisor.session),
    };
    expect(Object.keys(incomplete)).not.toContain('video.profile');
  });
});
