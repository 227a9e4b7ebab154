import type { EngineHandlers } from '../../../core/protocol/engine-requests';
import type { OutputManager } from './output-manager';

/** The output feature's part of the engine's handler table: going live, the hub's reconcile, the virtual camera. */
export function outputHandlers(outputs: OutputManager) {
  return {
    'output.start': ({ destinations, record, recordingName }) => outputs.start(destinations, record, recordingName),
    'output.update': ({ destinations }) => outputs.update(destinations),
    'output.reconnect': ({ id }) => outputs.reconnect(id),
    'output.stop': () => outputs.stop(),
    'output.reconcile': ({ live }) => outputs.reconcile(live),
    'virtualcam.start': () => outputs.virtualCam.start(),
    'virtualcam.stop': () => outputs.virtualCam.stop(),
  } satisfies Partial<EngineHandlers>;
}
