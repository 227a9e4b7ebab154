import { describe, expect, it } from 'vitest';
import { BRIDGE_PROBLEM_CODES, bridgeProblem } from '../../../../electron/features/bridges/domain/bridge-problems';
import { bridgesMessages } from '../../../../renderer/src/features/bridges/messages';

// A bridge's problem reaches a Chinese anchor too: every code has its sentence in both languages, with the same
// placeholders, and the English one the API gives names the values it was built with.
describe('bridge problems, in the window language', () => {
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

  it('every code has an English and a Chinese sentence with the same placeholders', () => {
    expect(BRIDGE_PROBLEM_CODES.length).toBeGreaterThan(10);
    for (const code of BRIDGE_PROBLEM_CODES) {
      const key = `bridges.problem.${code}` as keyof typeof bridgesMessages.en;
      const en = bridgesMessages.en[key];
      const zh = bridgesMessages['zh-CN'][key];
      expect(en, `${code} in English`).toBeTypeOf('string');
      expect(zh, `${code} in Chinese`).toMatch(/[\u4e00-\u9fff]/);
      expect(placeholders(zh), code).toEqual(placeholders(en));
    }
  });

  it("the API's English sentence carries the values", () => {
    const problem = bridgeProblem('obaUnreachable', { where: '127.0.0.1:12354', reason: 'connect ECONNREFUSED' });
    expect(problem).toEqual({
      code: 'obaUnreachable',
      params: { where: '127.0.0.1:12354', reason: 'connect ECONNREFUSED' },
      message: expect.stringContaining('Cannot reach oba-live-tool at 127.0.0.1:12354 (connect ECONNREFUSED)'),
    });
  });
});
