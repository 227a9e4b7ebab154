// Takes docs/bridges.md's pictures: the Chat bridges drawer adding an oba-live-tool bridge, then the chat with messages
// from Social Stream Ninja and oba (an order signal among them) with both bridges' status, in English and Chinese, from the built studio (no OBS
// needed) against a local stand-in for oba's WebSocket service. Usage: npm run build && npx tsx scripts/bridges-screenshots.ts [out dir]
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_PATH } from '../playwright.config';
import { startBuiltStudio } from '../tests/helpers/built-studio';
import { FakeOba } from '../tests/helpers/fake-oba';

const outDir = resolve(process.argv[2] ?? 'docs/screenshots');
const LANGUAGES = ['en', 'zh-CN'] as const;

mkdirSync(outDir, { recursive: true });
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });

async function shoot(page: Page, name: string): Promise<void> {
  const path = join(outDir, `${name}.jpg`);
  await page.screenshot({ path, type: 'jpeg', quality: 82 });
  console.log(`screenshot: ${path}`);
}

try {
  for (const language of LANGUAGES) {
    const studio = await startBuiltStudio();
    const oba = new FakeOba();
    await oba.listening();
    try {
      const page = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
      await page.goto(`${studio.url}/?token=${studio.anchorToken}`);
      await page.getByTestId('language-select').selectOption(language);
      await page.getByTestId('open-bridges').click();
      const drawer = page.getByTestId('bridges-drawer');
      await drawer.getByTestId('bridge-name').fill(language === 'en' ? 'SSN on the shop PC' : '店里电脑上的 SSN');
      await drawer.getByTestId('bridge-add').click();
      const url = (await drawer.getByTestId('bridge-url').textContent())!;
      await drawer.getByTestId('bridge-kind').selectOption('oba');
      await drawer.getByTestId('bridge-address').fill(oba.address);
      await drawer.getByTestId('bridge-name').fill(language === 'en' ? 'Douyin shop console' : '抖店中控台');
      await shoot(page, `bridges-add-oba-${language}`);
      await drawer.getByTestId('bridge-add').click();
      await drawer.getByTestId('bridge').nth(1).waitFor();
      while (oba.connections === 0) await new Promise((r) => setTimeout(r, 50));

      await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ chatname: 'Lena', chatmessage: 'Is the <b>teapot</b> still in stock?', type: 'youtube', userid: 'UC1' }) });
      await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ chatname: 'Sam', chatmessage: 'love the glaze', hasDonation: '$5.00', type: 'tiktok', userid: 't2' }) });
      oba.broadcast(
        { msg_type: 'comment', msg_id: 'c1', nick_name: '小李', content: '紫砂壶多少钱？' },
        { msg_type: 'room_enter', msg_id: 'e1', nick_name: '游客8', user_id: 'u8' },
        { msg_type: 'live_order', msg_id: '9001#已付款', nick_name: '买家A', order_status: '已付款', order_ts: 1_796_000_000, product_id: '3600', product_title: '紫砂壶 西施 200ml' },
        { msg_type: 'wechat_channel_live_msg', msg_id: 'w1', nick_name: 'Wei', user_id: 'w', content: '视频号来了，有优惠吗？' },
      );
      await page.locator('[data-kind="orderPaid"]').waitFor();
      await drawer.locator('[data-health="receiving"]').nth(1).waitFor();
      await shoot(page, `bridges-status-${language}`);
      await drawer.getByRole('button', { name: language === 'en' ? 'Close' : '关闭' }).click();
      await shoot(page, `bridges-chat-${language}`);
      await page.close();
    } finally {
      await oba.close();
      await studio.stop();
    }
  }
} finally {
  await browser.close();
}
