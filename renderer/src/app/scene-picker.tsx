import { useAppState } from '../store/store-context';

const NO_SCENES: string[] = [];

/**
 * Picks one of OBS's scenes (never free text: a typo would be a "Go" that silently does nothing). The empty choice
 * keeps the scene on air; a saved scene OBS no longer has stays listed, marked, so it is visible and can be changed.
 */
export function ScenePicker(props: {
  value: string | null;
  onChange(scene: string | null): void;
  /** Label of the empty choice and of a scene OBS does not have. */
  labels: { keep: string; missing: (scene: string) => string };
  ariaLabel: string;
  testId?: string;
  disabled?: boolean;
}) {
  const names = useAppState((s) => s.studio?.scenes.names ?? NO_SCENES);
  const isMissing = props.value !== null && !names.includes(props.value);
  return (
    <select
      aria-label={props.ariaLabel}
      data-testid={props.testId}
      data-missing={isMissing ? 'true' : undefined}
      disabled={props.disabled}
      value={props.value ?? ''}
      onChange={(e) => props.onChange(e.target.value === '' ? null : e.target.value)}
    >
      <option value="">{props.labels.keep}</option>
      {isMissing ? <option value={props.value!}>{props.labels.missing(props.value!)}</option> : null}
      {names.map((name) => (
        <option key={name} value={name}>
          {name}
        </option>
      ))}
    </select>
  );
}
