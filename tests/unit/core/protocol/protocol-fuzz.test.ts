import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES, COMMANDS, isCommandName, validateCommand } from '../../../../electron/core/protocol';
import { nearValidCommand, unknownCommandName, validArbitrary, validCommand } from '../../../helpers/protocol-arbitraries';

/** Runs per property: enough to hit every command and mutation kind many times, still well under a second each. */
const RUNS = 500;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function expectRefusal(result: ReturnType<typeof validateCommand>) {
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(['invalid', 'unknown_command']).toContain(result.error.code);
  expect(typeof result.error.message).toBe('string');
  expect(result.error.message.trim().length).toBeGreaterThan(0);
}

describe('validateCommand under fuzzing', () => {
  it('has a generator for every command schema (a new schema feature fails here, not silently)', () => {
    for (const name of COMMAND_NAMES) expect(() => validArbitrary(COMMANDS[name].payload), name).not.toThrow();
  });

  it('never throws on arbitrary names and payloads, and any refusal carries a message', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.constantFrom(...COMMAND_NAMES)), fc.oneof(fc.anything(), fc.object()), (name, payload) => {
        const result = validateCommand(name, payload);
        if (result.ok) {
          // Only possible when the random payload happens to fit the schema (e.g. {} for transition.trigger).
          expect(isCommandName(name)).toBe(true);
          expect(COMMANDS[result.command.name].payload.safeParse(payload).success).toBe(true);
        } else {
          expectRefusal(result);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('refuses every unknown name with unknown_command, whatever the payload', () => {
    fc.assert(
      fc.property(unknownCommandName, fc.anything(), (name, payload) => {
        const result = validateCommand(name, payload);
        expectRefusal(result);
        if (!result.ok) expect(result.error.code).toBe('unknown_command');
      }),
      { numRuns: RUNS },
    );
  });

  it('refuses near-valid payloads (one bad value, missing key, extra key, non-object) and names the command and field', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(nearValidCommand, ({ name, payload, path, how }) => {
        seen.add(`${name}:${how}`);
        const result = validateCommand(name, payload);
        expectRefusal(result);
        if (result.ok) return;
        expect(result.error.code).toBe('invalid');
        expect(result.error.message).toContain(`Invalid payload for ${name}`);
        // A replaced object reports its own missing fields (`obs.health.fps: ...`), so match the path as a prefix.
        if (path === '') expect(result.error.message).toContain('(payload)');
        else expect(result.error.message).toMatch(new RegExp(`: ${escapeRegExp(path)}[.:]|; ${escapeRegExp(path)}[.:]`));
      }),
      // Scales with the protocol: every (command, mutation) pair must come up, and each command adds a few pairs.
      { numRuns: Math.max(RUNS * 2, COMMAND_NAMES.length * 40) },
    );
    // Every command was mutated at least as a non-object and (strict schemas) with an extra key.
    for (const name of COMMAND_NAMES) {
      expect(seen.has(`${name}:not-an-object`), `${name} not-an-object`).toBe(true);
      expect(seen.has(`${name}:extra-key`), `${name} extra-key`).toBe(true);
    }
  });

  it('accepts valid payloads and returns them unchanged, also after a JSON round trip (as they travel)', () => {
    fc.assert(
      fc.property(validCommand, ({ name, payload }) => {
        const result = validateCommand(name, payload);
        expect(result.ok, result.ok ? '' : result.error.message).toBe(true);
        if (!result.ok) return;
        expect(result.command).toEqual({ name, payload });
        const wire = JSON.parse(JSON.stringify({ name, payload })) as { name: unknown; payload: unknown };
        const again = validateCommand(wire.name, wire.payload);
        expect(again).toEqual({ ok: true, command: { name, payload } });
      }),
      { numRuns: RUNS },
    );
  });
});
