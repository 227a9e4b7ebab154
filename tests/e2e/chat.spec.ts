import type { Page } from '@playwright/test';
import { chatMessage, ingestSecret, postChat } from '../helpers/chat';
import type { BuiltStudio } from '../helpers/built-studio';
import { postCommand } from '../helpers/hub';
import { signWebhook } from '../../electron/core/hub/auth/webhook-auth';
import { expect, test } from './fixtures';

async function openStudio(page: Page, studio: BuiltStudio, token = studio.anchorToken) {
  await page.goto(`${studio.url}/?token=${token}`);
  await page.getByTestId('language-select').selectOption('en');
  await expect(page.getByTestId('hub-status')).toHaveAttribute('data-status', 'connected');
}

const row = (page: Page, key: string) => page.locator(`[data-testid="chat-row"][data-key="${key}"]`);

test('a signed batch shows up in the chat; zh and en buyer questions land in the questions lane with their product', async ({ page, studio }) => {
  await openStudio(page, studio);
  await postCommand(studio.url, studio.anchorToken, 'chat.products.set', {
    products: [{ id: 'teapot', title: '紫砂壶', aliases: ['clay teapot'] }],
  });
  const secret = await ingestSecret(studio.url, studio.anchorToken);
  const res = await postChat(studio.url, secret, {
    messages: [
      chatMessage('1', '主播好美'),
      chatMessage('2', '紫砂壶多少钱？'),
      chatMessage('3', 'Do you ship to Canada?', { platform: 'youtube', user: { id: 'yt-1', name: 'mia' } }),
      chatMessage('4', 'love this colour', { platform: 'youtube' }),
    ],
  });
  expect(res.status).toBe(200);
  await expect(row(page, 'douyin:1')).toContainText('主播好美');
  await expect(row(page, 'youtube:4')).toContainText('love this colour');
  const lane = page.getByTestId('questions-lane');
  await expect(lane.getByTestId('question-row')).toHaveCount(2);
  await expect(lane.locator('[data-key="douyin:2"]')).toContainText('price');
  await expect(lane.locator('[data-key="douyin:2"] [data-product-id="teapot"]')).toContainText('紫砂壶');
  await expect(lane.locator('[data-key="youtube:3"]')).toContainText('shipping');
  await expect(lane.locator('[data-key="douyin:1"]')).toHaveCount(0);
  // Marking a question answered takes it out of the lane, for every window.
  await lane.locator('[data-key="douyin:2"]').getByTestId('question-answered').click();
  await expect(lane.getByTestId('question-row')).toHaveCount(1);
});

test('the questions lane skips chatter that names a product, shows a question asked by many once with its count, and dismisses', async ({ page, studio }) => {
  await openStudio(page, studio);
  await postCommand(studio.url, studio.anchorToken, 'chat.products.set', { products: [{ id: 'teapot', title: '紫砂壶', aliases: [] }] });
  const secret = await ingestSecret(studio.url, studio.anchorToken);
  await postChat(studio.url, secret, {
    messages: [
      chatMessage('c1', '紫砂壶主播好美'),
      chatMessage('c2', '紫砂壶哈哈哈哈'),
      chatMessage('q1', '紫砂壶几号链接？'),
      chatMessage('q2', '紫砂壶几号链接'),
      chatMessage('q3', '紫砂壶 几号链接!'),
      chatMessage('q4', '是手工的吗'),
    ],
  });
  const lane = page.getByTestId('questions-lane');
  await expect(lane.getByTestId('question-row')).toHaveCount(2);
  // Ranked: the buying question about a product first, asked by three, shown once under its first ask.
  await expect(lane.getByTestId('question-row').first()).toHaveAttribute('data-key', 'douyin:q1');
  await expect(lane.locator('[data-key="douyin:q1"]').getByTestId('question-asks')).toHaveText('3 asked');
  await lane.locator('[data-key="douyin:q4"]').getByTestId('question-dismiss').click();
  await expect(lane.getByTestId('question-row')).toHaveCount(1);
  await page.reload();
  await expect(page.getByTestId('questions-lane').getByTestId('question-row')).toHaveCount(1);
});

test('each rejected request shows nothing: bad signature, stale timestamp, malformed JSON, schema violation, oversized body', async ({ page, studio }) => {
  await openStudio(page, studio);
  const secret = await ingestSecret(studio.url, studio.anchorToken);
  const body = (id: string) => ({ messages: [chatMessage(id, `rejected ${id}`)] });
  const now = Math.floor(Date.now() / 1000);
  expect((await postChat(studio.url, secret, body('sig'), { signature: signWebhook('wrong-secret-wrong-secret-wrong-secret', now, JSON.stringify(body('sig'))) })).status).toBe(401);
  expect((await postChat(studio.url, secret, body('stale'), { timestampSeconds: now - 600 })).status).toBe(401);
  expect((await postChat(studio.url, secret, '{"messages":[{"id":"json","text":"rejected json"')).status).toBe(400);
  expect((await postChat(studio.url, secret, { messages: [{ ...chatMessage('schema', 'rejected schema'), ts: 'yesterday' }] })).status).toBe(400);
  expect((await postChat(studio.url, secret, { messages: [chatMessage('big', `rejected big ${'x'.repeat(1024 * 1024)}`)] })).status).toBe(413);
  // Batches go out in order: once the marker is on screen, anything accepted earlier would be too.
  await postChat(studio.url, secret, { messages: [chatMessage('marker', 'after the rejections')] });
  await expect(row(page, 'douyin:marker')).toBeVisible();
  await expect(page.getByTestId('chat-row')).toHaveCount(1);
  await expect(page.getByTestId('panel-chat')).not.toContainText('rejected');
});

test('duplicates appear once', async ({ page, studio }) => {
  await openStudio(page, studio);
  const secret = await ingestSecret(studio.url, studio.anchorToken);
  const dup = chatMessage('dup', 'only once please');
  await postChat(studio.url, secret, { messages: [dup, dup] });
  await postChat(studio.url, secret, { messages: [dup] });
  await postChat(studio.url, secret, { messages: [chatMessage('marker', 'marker')] });
  await expect(row(page, 'douyin:marker')).toBeVisible();
  await expect(row(page, 'douyin:dup')).toHaveCount(1);
  // A reload gets the snapshot, which holds it once too.
  await page.reload();
  await expect(row(page, 'douyin:marker')).toBeVisible();
  await expect(row(page, 'douyin:dup')).toHaveCount(1);
});

test('an XSS payload renders as inert text', async ({ page, studio }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openStudio(page, studio);
  const secret = await ingestSecret(studio.url, studio.anchorToken);
  const payload = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script><a href="javascript:window.__xss=3">x</a>';
  await postChat(studio.url, secret, {
    messages: [chatMessage('xss', payload, { user: { id: 'evil', name: '<b onmouseover=alert(1)>evil</b>' } })],
  });
  const xss = row(page, 'douyin:xss');
  await expect(xss).toContainText(payload);
  await expect(xss).toContainText('<b onmouseover=alert(1)>evil</b>');
  await expect(page.locator('[data-testid="chat-list"] img, [data-testid="chat-list"] script, [data-testid="chat-list"] a, [data-testid="chat-list"] b')).toHaveCount(0);
  await xss.hover();
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  // javascript: is not a link at all; only https would be.
  await expect(xss.getByTestId('chat-link')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('https links open only after confirmation; other schemes stay text', async ({ page, studio, context }) => {
  await context.route('https://shop.example.test/**', (route) => route.fulfill({ body: 'shop', contentType: 'text/plain' }));
  await openStudio(page, studio);
  const secret = await ingestSecret(studio.url, studio.anchorToken);
  await postChat(studio.url, secret, { messages: [chatMessage('l1', 'buy at https://shop.example.test/p/1 or http://plain.example.test/')] });
  const links = row(page, 'douyin:l1').getByTestId('chat-link');
  await expect(links).toHaveCount(1);
  await links.click();
  await expect(page.getByTestId('link-confirm')).toContainText('https://shop.example.test/p/1');
  await page.getByTestId('link-cancel').click();
  await expect(page.getByTestId('link-confirm')).toHaveCount(0);
  await links.click();
  const [popup] = await Promise.all([page.waitForEvent('popup'), page.getByTestId('link-open').click()]);
  await popup.waitForLoadState();
  expect(popup.url()).toBe('https://shop.example.test/p/1');
  await popup.close();
});

test('moderation buttons follow the role; hide, highlight and pin reach every window', async ({ page, studio, browser }) => {
  await openStudio(page, studio);
  const viewerToken = studio.tokens.viewer;
  const viewerPage = await browser.newPage();
  try {
    await openStudio(viewerPage, studio, viewerToken);
    const secret = await ingestSecret(studio.url, studio.anchorToken);
    await postChat(studio.url, secret, { messages: [chatMessage('m1', 'spammy'), chatMessage('m2', 'keep me'), chatMessage('m3', '几号链接？')] });
    await expect(row(viewerPage, 'douyin:m2')).toBeVisible();
    await expect(viewerPage.getByTestId('chat-hide')).toHaveCount(0);
    await expect(viewerPage.getByTestId('chat-sim-toggle')).toHaveCount(0);
    await expect(viewerPage.getByTestId('chat-bridges-toggle')).toHaveCount(0);

    await row(page, 'douyin:m1').getByTestId('chat-hide').click();
    await expect(row(viewerPage, 'douyin:m1')).toHaveCount(0);
    await expect(row(page, 'douyin:m1')).toHaveCount(0);
    await row(page, 'douyin:m2').getByTestId('chat-highlight').click();
    await expect(row(viewerPage, 'douyin:m2')).toHaveClass(/is-highlighted/);
    await row(page, 'douyin:m3').getByTestId('chat-pin').click();
    await expect(viewerPage.getByTestId('chat-pinned')).toContainText('几号链接？');
    await page.getByTestId('chat-unpin').click();
    await expect(viewerPage.getByTestId('chat-pinned')).toHaveCount(0);
    const audit = await postCommand(studio.url, studio.anchorToken, 'audit.list', {});
    const audited = (audit.body.data as Array<{ command: string }>).map((e) => e.command).filter((c) => ['chat.hide', 'chat.highlight', 'chat.pin'].includes(c));
    expect(audited.reverse()).toEqual(['chat.hide', 'chat.highlight', 'chat.pin', 'chat.pin']);
  } finally {
    await viewerPage.close();
  }
});

test('sticks to the newest message, pauses when scrolled up with an "N new" counter, and jumps back', async ({ page, studio }) => {
  await openStudio(page, studio);
  const secret = await ingestSecret(studio.url, studio.anchorToken);
  await postChat(studio.url, secret, { messages: Array.from({ length: 80 }, (_, i) => chatMessage(`s${i}`, `message number ${i}`)) });
  await expect(row(page, 'douyin:s79')).toBeInViewport();
  // Virtualized: far fewer rows in the DOM than messages.
  expect(await page.getByTestId('chat-row').count()).toBeLessThan(60);
  await page.getByTestId('chat-list').hover();
  await page.mouse.wheel(0, -1500);
  await expect(page.getByTestId('chat-list')).toHaveAttribute('data-paused', 'true');
  await postChat(studio.url, secret, { messages: Array.from({ length: 5 }, (_, i) => chatMessage(`n${i}`, `newer ${i}`)) });
  await expect(page.getByTestId('chat-new')).toContainText('5 new');
  await expect(row(page, 'douyin:n4')).toHaveCount(0);
  await page.getByTestId('chat-new').click();
  await expect(row(page, 'douyin:n4')).toBeInViewport();
  await expect(page.getByTestId('chat-list')).toHaveAttribute('data-paused', 'false');
});

test('the rehearsal simulator starts and stops from the UI and its chat flows through the signed endpoint', async ({ page, studio }) => {
  await openStudio(page, studio);
  await page.getByTestId('chat-sim-rate').fill('40');
  await page.getByTestId('chat-sim-toggle').click();
  await expect(page.getByTestId('chat-sim-toggle')).toHaveAttribute('data-running', 'true');
  await expect(page.locator('[data-testid="chat-row"][data-key^="rehearsal:"]').first()).toBeVisible();
  await expect(page.getByTestId('question-row').first()).toBeVisible();
  await page.getByTestId('chat-sim-toggle').click();
  await expect(page.getByTestId('chat-sim-toggle')).toHaveAttribute('data-running', 'false');
});

test('the anchor sees the ingest secret in Bridges; the filter editor holds back matching messages', async ({ page, studio }) => {
  await openStudio(page, studio);
  const secret = await ingestSecret(studio.url, studio.anchorToken);
  await page.getByTestId('chat-bridges-toggle').click();
  await expect(page.getByTestId('chat-ingest-secret')).toHaveValue(secret);
  await expect(page.getByTestId('chat-ingest-secret')).toHaveAttribute('type', 'password');
  await page.getByTestId('chat-bridges-toggle').click();
  await page.getByTestId('chat-filters-toggle').click();
  await page.getByTestId('chat-filter-terms').fill('加微信');
  await page.getByTestId('chat-filter-save').click();
  await expect(page.getByTestId('chat-filters')).toHaveCount(0);
  await postChat(studio.url, secret, { messages: [chatMessage('f1', '加 微 信 领红包'), chatMessage('f2', 'fine')] });
  await expect(row(page, 'douyin:f2')).toBeVisible();
  await expect(row(page, 'douyin:f1')).toHaveCount(0);
});

/**
 * Records what the page asks the system voice to say (the OS speech is the one part not driven here: headless
 * Chromium has no voices), and finishes each utterance a moment later as a voice would.
 */
async function recordSpeech(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const said: Array<{ text: string; lang: string; rate: number }> = [];
    (window as unknown as { __said: typeof said }).__said = said;
    window.speechSynthesis.speak = (u: SpeechSynthesisUtterance) => {
      said.push({ text: u.text, lang: u.lang, rate: u.rate });
      setTimeout(() => u.onend?.call(u, new Event('end') as SpeechSynthesisEvent), 50);
    };
  });
}
const said = (page: Page) => page.evaluate(() => (window as unknown as { __said: Array<{ text: string; lang: string; rate: number }> }).__said);

test("hands-free: new buyer questions are read aloud in the anchor's window, each in its language and at the pace set; other windows stay quiet", async ({ page, browser, studio }) => {
  await recordSpeech(page);
  await openStudio(page, studio);
  const producer = await browser.newPage();
  await recordSpeech(producer);
  await openStudio(producer, studio, studio.tokens.producer);
  const secret = await ingestSecret(studio.url, studio.anchorToken);
  // Asked before it is turned on: not read later.
  await postChat(studio.url, secret, { messages: [chatMessage('0', '有优惠吗？')] });
  await expect(page.getByTestId('questions-lane').getByTestId('question-row')).toHaveCount(1);

  // The producer turns it on for the studio; the anchor's window reads.
  // The switch shows the studio's setting: it turns once the hub has it (click, then wait for the state).
  await producer.getByTestId('chat-read-aloud').click();
  await expect(producer.getByTestId('chat-read-aloud')).toBeChecked();
  await expect(producer.locator('.chat-read-aloud')).toContainText("read aloud in the anchor's window");
  await expect(page.getByTestId('chat-read-aloud')).toBeChecked();
  await page.getByTestId('chat-read-aloud-pace').selectOption('1.25');
  await expect(producer.getByTestId('chat-read-aloud-pace')).toHaveValue('1.25');
  await postChat(studio.url, secret, {
    messages: [
      chatMessage('1', '紫砂壶多少钱？', { user: { id: 'u1', name: '小李' } }),
      chatMessage('2', 'Do you ship to Canada? https://example.com/q', { platform: 'youtube', user: { id: 'yt-1', name: 'Mia' } }),
      chatMessage('3', '主播好美'),
    ],
  });
  await expect.poll(() => said(page)).toEqual([
    { text: '小李问：紫砂壶多少钱？', lang: 'zh-CN', rate: 1.25 },
    { text: 'Mia asks: Do you ship to Canada? a link', lang: 'en-US', rate: 1.25 },
  ]);

  // Off: the next question is not read.
  await page.getByTestId('chat-read-aloud').click();
  await expect(producer.getByTestId('chat-read-aloud')).not.toBeChecked();
  await postChat(studio.url, secret, { messages: [chatMessage('4', '还有货吗？')] });
  await expect(page.getByTestId('questions-lane').locator('[data-key="douyin:4"]')).toHaveCount(1);
  expect(await said(page)).toHaveLength(2);
  expect(await said(producer)).toEqual([]);
  await producer.close();
});
