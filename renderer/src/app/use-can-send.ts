import { COMMANDS, type CommandName } from '../../../electron/protocol/commands';
import { policyRefusal } from '../../../electron/domain/cohost';
import { useAppState } from '../store/store-context';

/** True when this window's role may send the command under the show's current permissions (mirrors the hub). */
export function useCanSend(name: CommandName): boolean {
  const role = useAppState((s) => s.connection.role);
  const permissions = useAppState((s) => s.studio?.permissions ?? null);
  if (!role || !COMMANDS[name].roles.includes(role)) return false;
  return !permissions || policyRefusal(permissions, role, name) === null;
}
