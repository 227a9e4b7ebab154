/**
 * The temporary inputs the engine creates to list cameras and microphones (obs-websocket lists a property only of an
 * existing input). They live a moment in a scene and must never show as a source, a microphone or a meter.
 */

/** Name prefix of every device probe input. */
export const PROBE_PREFIX = 'Anchor Studio device probe';

/** True for the name of one of the studio's device probe inputs. */
export function isDeviceProbe(inputName: string): boolean {
  return inputName.startsWith(PROBE_PREFIX);
}
