import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isRole } from '../../electron/core/domain/roles';
import { COMMAND_NAMES, COMMANDS, type CommandName } from '../../electron/core/protocol/commands';

/** Every command row of docs/api.md: names in the first cell (`a` / `b`), roles in the second. */
function documentedCommands(): Map<string, string[]> {
  const rows = new Map<string, string[]>();
  for (const line of readFileSync('docs/api.md', 'utf8').split('\n')) {
    const cells = line.split(/(?<!\\)\|/).map((c) => c.trim());
    if (cells.length < 4 || !cells[1]!.startsWith('`')) continue;
    const names = [...cells[1]!.matchAll(/`([a-z][a-zA-Z-]*(?:\.[a-zA-Z-]+)+)`/g)].map((m) => m[1]!);
    // A command row's second cell is its roles and nothing else (other tables have payloads there).
    const roles = cells[2]!.split(',').map((r) => r.trim());
    if (!names.length || !roles.every((r) => isRole(r))) continue;
    for (const name of names) rows.set(name, roles);
  }
  return rows;
}

describe('docs/api.md against the command registry', () => {
  const documented = documentedCommands();
  // Internal requests between the hub and its engine carry no role a client could hold.
  const clientCommands = COMMAND_NAMES.filter((name) => COMMANDS[name].roles.length > 0);

  it('documents every command a client (or the engine) may send, with exactly the roles the registry allows', () => {
    const missing = clientCommands.filter((name) => !documented.has(name));
    expect(missing, 'commands without a row in docs/api.md').toEqual([]);
    const wrongRoles = clientCommands
      .filter((name) => documented.has(name))
      .filter((name) => [...documented.get(name)!].sort().join(',') !== [...COMMANDS[name].roles].sort().join(','))
      .map((name) => `${name}: docs say ${documented.get(name)!.join(', ')}, the registry ${COMMANDS[name].roles.join(', ')}`);
    expect(wrongRoles).toEqual([]);
  });

  it('documents no command the registry does not have', () => {
    const unknown = [...documented.keys()].filter((name) => !Object.prototype.hasOwnProperty.call(COMMANDS, name as CommandName));
    expect(unknown).toEqual([]);
  });
});
