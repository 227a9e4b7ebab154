import { CAMERA_PRESETS, type CameraPreset } from '@shared/features/scenes/domain/scenes';
import type { MessageKey } from '../i18n/catalog';
import { useT } from '../i18n/use-t';

/** A camera layout picked from the studio's presets, named in the window's language; '' is the caller's "none". */
export function PresetPicker(props: { value: CameraPreset | ''; onChange(value: CameraPreset | ''): void; noneLabel: string; testId?: string }) {
  const t = useT();
  return (
    <select data-testid={props.testId} value={props.value} onChange={(e) => props.onChange(e.target.value as CameraPreset | '')}>
      <option value="">{props.noneLabel}</option>
      {CAMERA_PRESETS.map((p) => (
        <option key={p} value={p}>
          {t(`scenes.preset.${p}` as MessageKey)}
        </option>
      ))}
    </select>
  );
}
