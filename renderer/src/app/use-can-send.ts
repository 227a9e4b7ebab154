import type { CommandName } from '@shared/core/protocol/commands';
import { policyRefusal } from '@shared/features/cohost/domain/cohost';
import { useAppState } from '../store/store-context';

/** Why this window may not send a command: its role never may, or the anchor has not allowed it; null when it may. */
export type SendBlocker = 'role' | 'permission' | null;

/** What stops this window's role from sending the command under the show's current permissions (mirrors the hub). */
export function useSendBlocker(name: CommandName): SendBlocker {
  const role = useAppState((s) => s.connection.role);
  const isAllowed = useAppState((s) => s.connection.commands.has(name));
  const permissions = useAppState((s) => s.studio?.permissions ?? null);
  if (!role || !isAllowed) return 'role';
  return !permissions || policyRefusal(permissions, role, name) === null ? null : 'permission';
}

/** True when this window's role may send the command under the show's current permissions (mirrors the hub). */
export function useCanSend(name: CommandName): boolean {
  return useSendBlocker(name) === null;
}
