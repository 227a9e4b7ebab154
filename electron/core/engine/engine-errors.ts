import type { CommandResult } from '../protocol';
import { failure } from '../protocol/results';
import { ObsClosedError, ObsRequestError, ObsTimeoutError } from './obs-client';
import { NotConnectedError, RejectedError } from './obs-session';

/** Maps an OBS failure to a protocol error the anchor can act on. */
export function explainFailure(command: string, err: unknown): CommandResult {
  if (err instanceof NotConnectedError) return failure('unavailable', err.message);
  if (err instanceof RejectedError) return failure('rejected', err.message, err.refusal);
  if (err instanceof ObsTimeoutError) return failure('timeout', `${err.message} Check the OBS status.`);
  if (err instanceof ObsClosedError) return failure('unavailable', `${err.message} The engine reconnects by itself; try again in a moment.`);
  if (err instanceof ObsRequestError) {
    switch (err.code) {
      case 506:
        return failure('rejected', 'Studio mode is off. Turn studio mode on to use a preview scene.');
      case 600:
        return failure('rejected', `OBS has no such scene or source (${command}). Refresh the scene list.`);
      case 500:
      case 501:
        return failure('conflict', `OBS refused ${command} because of the output state: ${err.message}`);
      default:
        return failure('rejected', `OBS refused ${command}: ${err.message}`);
    }
  }
  return failure('internal', `The OBS engine failed to run ${command}: ${(err as Error).message}`);
}
