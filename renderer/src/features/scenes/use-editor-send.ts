import type { CommandName, CommandPayload } from '@shared/core/protocol';
import { errorText } from '../../app/error-text';
import { useT } from '../../i18n/use-t';
import { useHub } from '../../store/store-context';

/**
 * Sends an editor command without the window-wide notice (the refusal belongs beside the form that caused it); resolves
 * to the refusal in the window's language, or null on success.
 */
export function useEditorSend() {
  const hub = useHub();
  const t = useT();
  return async <N extends CommandName>(name: N, payload: CommandPayload<N>): Promise<string | null> => {
    if (!hub) return t('scenes.empty');
    const result = await hub.send(name, payload, { isSilent: true });
    return result.ok ? null : errorText(t, result.error);
  };
}
