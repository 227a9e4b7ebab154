import { COMMANDS, type CommandName } from '../../../../electron/protocol/commands';
import { useAppState } from '../../store/store-context';

/** True when this window's role may send the command (buttons for other commands are not shown at all). */
export function useCan(name: CommandName): boolean {
  const role = useAppState((s) => s.connection.role);
  return role !== null && (COMMANDS[name].roles as readonly string[]).includes(role);
}
