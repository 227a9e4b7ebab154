import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// A fake `electron` (the binary cannot run here): the dialog answers what the test says, in the locale it sets.
const fake = vi.hoisted(() => ({ locale: 'en-US', response: 0, shown: [] as Array<Record<string, unknown>> }));
vi.mock('electron', () => ({
  app: { getLocale: () => fake.locale },
  dialog: {
    showMessageBox: async (...args: unknown[]) => {
      fake.shown.push(args.at(-1) as Record<string, unknown>);
      return { response: fake.response };
    },
  },
}));

import { confirmEndShowOnQuit, isShowOnAir } from '../../../electron/main/quit-guard';

describe('quitting the desktop app while the show is live', () => {
  let server: Server;
  let url = '';
  let phase: string | null = 'live';
  const TOKEN = 't'.repeat(43);

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.headers.authorization !== `Bearer ${TOKEN}`) return void res.writeHead(401).end();
      if (phase === null) return void res.writeHead(500).end('{}');
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ output: { show: { phase } } }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => server.close());

  it('asks only while the show is on air or going on or off air; a hub that does not answer asks nothing', async () => {
    for (const [p, expected] of [['live', true], ['starting', true], ['ending', true], ['off-air', false]] as const) {
      phase = p;
      expect(await isShowOnAir(url, TOKEN)).toBe(expected);
    }
    phase = null;
    expect(await isShowOnAir(url, TOKEN)).toBe(false);
    expect(await isShowOnAir(url, 'wrong-token-wrong-token')).toBe(false);
    expect(await isShowOnAir('http://127.0.0.1:1', TOKEN)).toBe(false);
  });

  it('keeps the show unless the anchor picks "end the show and quit", in the app\'s language', async () => {
    fake.response = 0;
    expect(await confirmEndShowOnQuit(null)).toBe(false);
    expect(fake.shown.at(-1)).toMatchObject({ buttons: ['Keep the show running', 'End the show and quit'], defaultId: 0, cancelId: 0 });
    fake.response = 1;
    fake.locale = 'zh-CN';
    expect(await confirmEndShowOnQuit(null)).toBe(true);
    expect(fake.shown.at(-1)).toMatchObject({ message: '正在直播。', buttons: ['继续直播', '结束直播并退出'] });
  });
});
