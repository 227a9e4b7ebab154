import type { DeviceList, MediaDevice } from '../domain/scenes';
import { PROBE_PREFIX } from '../domain/device-probe';
import { ObsRequestError, type ObsClient } from '../../../core/engine/obs-client';

/** Device-picking inputs per platform: the input kind and the property that lists its devices. */
export const DEVICE_PROBES: Record<keyof DeviceList, Array<{ kind: string; property: string }>> = {
  cameras: [
    { kind: 'v4l2_input', property: 'device_id' },
    { kind: 'dshow_input', property: 'video_device_id' },
    { kind: 'av_capture_input_v2', property: 'device' },
    { kind: 'av_capture_input', property: 'device' },
  ],
  microphones: [
    { kind: 'pulse_input_capture', property: 'device_id' },
    { kind: 'wasapi_input_capture', property: 'device_id' },
    { kind: 'coreaudio_input_capture', property: 'device_id' },
  ],
};


/** Turns OBS list-property items into devices, dropping placeholders (empty ids, "default" entries stay). */
export function toDevices(items: Array<{ itemName?: unknown; itemValue?: unknown; itemEnabled?: unknown }>): MediaDevice[] {
  const out: MediaDevice[] = [];
  for (const item of items) {
    const id = typeof item.itemValue === 'string' ? item.itemValue : String(item.itemValue ?? '');
    if (!id || item.itemEnabled === false) continue;
    out.push({ id, name: typeof item.itemName === 'string' && item.itemName ? item.itemName : id });
  }
  return out;
}

/**
 * Lists cameras and microphones the way OBS sees them on this platform. obs-websocket can only list a property of an
 * existing input, so a disabled probe input is created in a scene, read, and removed again.
 */
export async function enumerateDevices(client: ObsClient, hostScene: string): Promise<DeviceList> {
  const kinds = new Set((await client.call('GetInputKindList', { unversioned: false })).inputKinds);
  const result: DeviceList = { cameras: [], microphones: [] };
  for (const [group, probes] of Object.entries(DEVICE_PROBES) as Array<[keyof DeviceList, (typeof DEVICE_PROBES)['cameras']]>) {
    const probe = probes.find((p) => kinds.has(p.kind));
    if (!probe) continue;
    const inputName = `${PROBE_PREFIX} (${group})`;
    try {
      await client.call('CreateInput', { sceneName: hostScene, inputName, inputKind: probe.kind, inputSettings: {}, sceneItemEnabled: false });
      const { propertyItems } = await client.call('GetInputPropertiesListPropertyItems', { inputName, propertyName: probe.property });
      result[group] = toDevices(propertyItems as Array<{ itemName?: unknown; itemValue?: unknown; itemEnabled?: unknown }>);
    } catch (err) {
      if (!(err instanceof ObsRequestError)) throw err;
    } finally {
      await removeProbe(client, inputName);
    }
  }
  return result;
}

/** Removes a probe input; OBS releases audio inputs a moment later, so wait until it is really gone. */
async function removeProbe(client: ObsClient, inputName: string): Promise<void> {
  const deadline = Date.now() + 3000;
  while (Date.now() < deadline) {
    const { inputs } = await client.call('GetInputList');
    if (!(inputs as Array<{ inputName: string }>).some((i) => i.inputName === inputName)) return;
    await client.call('RemoveInput', { inputName }).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 50));
  }
}
