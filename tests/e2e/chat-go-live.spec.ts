import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { UI_DIR } from '../helpers/built-studio';
import { chatMessage, ingestSecret, postChat } from '../helpers/chat';
import { connectFakeEngine, type FakeEngine } from '../helpers/fake-engine';
import { postCommand, startTestHub, type TestHub } from '../helpers/hub';

// The built UI in Chromium against a real hub on loopback; the OBS engine is a socket.io stand-in that answers the
// hub's go-live requests (and records what the stream would show), so the show can go live without OBS.
let hub: TestHub;
let engine: FakeEngine;
test.beforeEach(async () => {
  hub = await startTestHub({ staticDir: UI_DIR });
  engine = await connectFakeEngine(hub);
});
test.afterEach(async () => {
  await engine.close();
  await hub.stop();
});

async function openStudio(page: Page, token: string) {
  await page.goto(`${hub.url}/?token=${token}`);
  await page.getByTestId('language-select').selectOption('en');
  await expect(page.getByTestId('hub-status')).toHaveAttribute('data-status', 'connected');
}

test('going live clears rehearsal chat, its questions and the pinned comment in every window, and a reload keeps it cleared', async ({ page, browser }) => {
  const producerPage = await browser.newPage();
  try {
    const producer = hub.tokens.issue({ id: 'producer-1', role: 'producer', name: 'Producer' });
    await openStudio(page, hub.anchorToken);
    await openStudio(producerPage, producer);
    await postCommand(hub.url, hub.anchorToken, 'chat.products.set', { products: [{ id: 'teapot', title: '紫砂壶', aliases: [] }] });
    const secret = await ingestSecret(hub.url, hub.anchorToken);
    await postChat(hub.url, secret, { messages: [chatMessage('r1', '紫砂壶多少钱？'), chatMessage('r2', '主播好美'), chatMessage('r3', 'is it in stock?')] });
    for (const p of [page, producerPage]) {
      await expect(p.getByTestId('chat-phase-note')).toHaveAttribute('data-phase', 'rehearsal');
      await expect(p.getByTestId('chat-row')).toHaveCount(3);
      await expect(p.getByTestId('question-row')).toHaveCount(2);
    }
    await page.locator('[data-testid="chat-row"][data-key="douyin:r1"]').getByTestId('chat-pin').click();
    await expect(producerPage.getByTestId('chat-pinned')).toContainText('紫砂壶多少钱？');

    await engine.goLive();

    for (const p of [page, producerPage]) {
      await expect(p.getByTestId('chat-pinned')).toHaveCount(0);
      await expect(p.getByTestId('chat-row')).toHaveCount(0);
      await expect(p.getByTestId('question-row')).toHaveCount(0);
      await expect(p.getByTestId('chat-phase-note')).toHaveAttribute('data-phase', 'live');
      await expect(p.getByTestId('chat-phase-note')).toContainText('3 messages');
    }
    await expect(page.getByTestId('chat-sim-toggle')).toBeDisabled();
    expect(engine.lastOverlay()?.pinned).toBeNull();

    await postChat(hub.url, secret, { messages: [chatMessage('l1', '几号链接？'), chatMessage('l2', '来了来了')] });
    for (const p of [page, producerPage]) {
      await expect(p.getByTestId('chat-row')).toHaveCount(2);
      await expect(p.getByTestId('question-row')).toHaveCount(1);
    }
    await page.reload();
    await expect(page.locator('[data-testid="chat-row"][data-key="douyin:l2"]')).toBeVisible();
    await expect(page.getByTestId('chat-row')).toHaveCount(2);
    await expect(page.getByTestId('question-row')).toHaveCount(1);
    await expect(page.getByTestId('chat-pinned')).toHaveCount(0);
  } finally {
    await producerPage.close();
  }
});
