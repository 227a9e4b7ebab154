import type { Page } from '@playwright/test';
import { chatMessage, ingestSecret, postChat } from '../helpers/chat';
import { postCommand } from '../helpers/hub';
import { seededRandom } from '../../electron/features/chat/domain/chat-simulation';
import { expect, test } from './fixtures';

/** One rendered row of the virtualized list: its index in the list and where it is on screen. */
interface RowBox {
  index: number;
  key: string;
  top: number;
  bottom: number;
}

/**
 * Waits until the rendered rows stop moving (the same boxes over several animation frames: measurements and scroll
 * corrections have landed), then returns them in list order. Frames, not a clock: no sleeps.
 */
async function settledRows(page: Page): Promise<RowBox[]> {
  return page.evaluate(async () => {
    const read = () =>
      [...document.querySelectorAll<HTMLElement>('[data-testid="chat-list"] .chat-list-item')]
        .map((el) => {
          const r = el.getBoundingClientRect();
          return { index: Number(el.dataset.index), key: el.querySelector<HTMLElement>('[data-testid="chat-row"]')?.dataset.key ?? '', top: r.top, bottom: r.bottom };
        })
        .sort((a, b) => a.index - b.index);
    const frame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));
    let last = JSON.stringify(read());
    let stableFrames = 0;
    for (let i = 0; i < 600 && stableFrames < 5; i += 1) {
      await frame();
      const now = JSON.stringify(read());
      stableFrames = now === last ? stableFrames + 1 : 0;
      last = now;
    }
    return JSON.parse(last) as { index: number; key: string; top: number; bottom: number }[];
  });
}

/** Pairs of consecutive rows that overlap or leave a gap (more than a pixel of rounding). */
function layoutFaults(rows: RowBox[]): string[] {
  const faults: string[] = [];
  for (let i = 1; i < rows.length; i += 1) {
    const [prev, next] = [rows[i - 1]!, rows[i]!];
    if (next.index !== prev.index + 1) faults.push(`rows ${prev.index} and ${next.index} are not consecutive`);
    const delta = next.top - prev.bottom;
    if (delta < -1) faults.push(`row ${next.index} (${next.key}) overlaps row ${prev.index} (${prev.key}) by ${(-delta).toFixed(1)} px`);
    if (delta > 1) faults.push(`gap of ${delta.toFixed(1)} px between rows ${prev.index} (${prev.key}) and ${next.index} (${next.key})`);
  }
  return faults;
}

const LONG =
  '这把紫砂壶是朱泥的吗？我家里有一把十年前买的老壶，想问问主播这把和那把比起来泥料怎么样，开壶需要注意什么，平时泡什么茶最合适，' +
  'and does it come with a gift box because I want to send it to my father for his birthday next month please answer thanks';

/** Chat of varied heights in no pattern (one-liners, long messages that wrap, product tags, events), seeded. */
function burst(from: number, count: number) {
  return Array.from({ length: count }, (_, i) => {
    const n = from + i;
    const r = seededRandom(n + 1)();
    const kind = r < 0.05 ? 'gift' : 'comment';
    const text = kind === 'gift' ? '' : r < 0.3 ? `${n} ${LONG.slice(0, 20 + Math.floor(r * 3 * LONG.length) % LONG.length)}` : r < 0.55 ? `紫砂壶多少钱 ${n}` : `hi ${n}`;
    return chatMessage(`b${n}`, text, { kind, user: { id: `u${n % 50}`, name: r > 0.9 ? `a rather long viewer name ${n}` : `v${n}` } });
  });
}

test('after a burst and resizes, rendered chat rows never overlap and leave no gaps', async ({ page, studio }) => {
  await page.goto(`${studio.url}/?token=${studio.anchorToken}`);
  await page.getByTestId('language-select').selectOption('en');
  await expect(page.getByTestId('hub-status')).toHaveAttribute('data-status', 'connected');
  await postCommand(studio.url, studio.anchorToken, 'chat.products.set', { products: [{ id: 'teapot', title: '紫砂壶', aliases: [] }] });
  const secret = await ingestSecret(studio.url, studio.anchorToken);

  // A burst that fills what a window keeps (500), then chat at a show's pace: a few messages per batch, so rows on
  // screen stay while the list under them shifts by one or two, as at 20 msg/s. The window is resized meanwhile.
  const sizes = [
    { width: 1000, height: 700 },
    { width: 1500, height: 950 },
    { width: 900, height: 640 },
    { width: 1280, height: 800 },
  ];
  let n = 0;
  for (let round = 0; round < 12; round += 1) {
    expect((await postChat(studio.url, secret, { messages: burst(n, 50) })).status).toBe(200);
    n += 50;
  }
  for (let round = 0; round < 60; round += 1) {
    const count = 1 + (round % 3);
    expect((await postChat(studio.url, secret, { messages: burst(n, count) })).status).toBe(200);
    n += count;
    await expect(page.locator(`[data-testid="chat-row"][data-key="douyin:b${n - 1}"]`)).toBeVisible();
    if (round % 15 === 7) await page.setViewportSize(sizes[Math.floor(round / 15) % sizes.length]!);
  }
  await expect(page.locator(`[data-testid="chat-row"][data-key="douyin:b${n - 1}"]`)).toBeInViewport();
  const during = await settledRows(page);
  // And after the burst: narrower and wider again (rows re-wrap).
  for (const size of [{ width: 960, height: 700 }, { width: 1400, height: 900 }, { width: 1100, height: 760 }]) await page.setViewportSize(size);
  const after = await settledRows(page);

  // Scrolled up (the list pauses on a snapshot), more chat arrives and the panel narrows.
  await page.getByTestId('chat-list').hover();
  await page.mouse.wheel(0, -2500);
  await expect(page.getByTestId('chat-list')).toHaveAttribute('data-paused', 'true');
  expect((await postChat(studio.url, secret, { messages: burst(n, 5) })).status).toBe(200);
  await expect(page.getByTestId('chat-new')).toContainText('5 new');
  await page.setViewportSize({ width: 980, height: 720 });
  const paused = await settledRows(page);

  for (const rows of [during, after, paused]) expect(rows.length).toBeGreaterThan(5);
  expect(layoutFaults(during)).toEqual([]);
  expect(layoutFaults(after)).toEqual([]);
  expect(layoutFaults(paused)).toEqual([]);
});
