import type { Browser, Locator, Page, WebSocketRoute } from '@playwright/test';
import type { CreatedInvite } from '../../electron/features/cohost/protocol/cohost-commands';
import { chatMessage, ingestSecret, postChat } from '../helpers/chat';
import { postCommand } from '../helpers/hub';
import { product, productCue } from '../helpers/rundown';
import { expect, test } from './fixtures';
import type { BuiltStudio } from '../helpers/built-studio';

async function openAs(browser: Browser, url: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(url);
  await page.getByTestId('language-select').selectOption('en');
  return page;
}

/**
 * Presses `key` (on `target` when given, else wherever the focus is) and resolves, once the page has dispatched it,
 * with whether a key handler of the page acted on it: the studio's shortcut handlers call preventDefault on every key
 * they use, so "not handled" means no shortcut ran and nothing was sent, without waiting for an absence.
 */
async function pressAndReport(page: Page, key: string, target?: Locator): Promise<boolean> {
  await page.evaluate(() => {
    const probe = { isDone: false, isHandled: false };
    (window as unknown as { keyProbe: typeof probe }).keyProbe = probe;
    let down: KeyboardEvent | null = null;
    window.addEventListener('keydown', (e) => (down = e), { capture: true, once: true });
    // keyup comes after keydown went through every listener, so its defaultPrevented is final by then.
    window.addEventListener('keyup', () => Object.assign(probe, { isDone: true, isHandled: down?.defaultPrevented === true }), { capture: true, once: true });
  });
  await (target ?? page.keyboard).press(key);
  await page.waitForFunction(() => (window as unknown as { keyProbe: { isDone: boolean } }).keyProbe.isDone);
  return page.evaluate(() => (window as unknown as { keyProbe: { isHandled: boolean } }).keyProbe.isHandled);
}

/**
 * Puts a page's socket to the hub through the test: while held, what the hub sends waits here (the page keeps seeing
 * the show as it was). `sent` resolves once the page has sent a message matching `pattern`; `answer` resolves with
 * the hub's answer (the socket.io ack) to that message once it has passed through. Call before page.goto.
 */
async function holdHubMessages(page: Page) {
  const routes: Array<{ page: WebSocketRoute; held: Array<string | Buffer> }> = [];
  const sent: string[] = [];
  const delivered: string[] = [];
  const waiters: Array<() => void> = [];
  const wakeAll = () => {
    for (const wake of waiters.splice(0)) wake();
  };
  const until = async (check: () => string | undefined): Promise<string> => {
    for (;;) {
      const found = check();
      if (found !== undefined) return found;
      await new Promise<void>((wake) => waiters.push(wake));
    }
  };
  let isHolding = false;
  await page.routeWebSocket(/\/socket\.io\//, (ws) => {
    const route = { page: ws, held: [] as Array<string | Buffer> };
    routes.push(route);
    const server = ws.connectToServer();
    ws.onMessage((message) => {
      server.send(message);
      sent.push(String(message));
      wakeAll();
    });
    server.onMessage((message) => {
      if (isHolding) return void route.held.push(message);
      ws.send(message);
      delivered.push(String(message));
      wakeAll();
    });
  });
  const sentMatching = (pattern: RegExp) => until(() => sent.find((m) => pattern.test(m)));
  return {
    hold: () => void (isHolding = true),
    release() {
      isHolding = false;
      for (const route of routes) {
        for (const message of route.held.splice(0)) {
          route.page.send(message);
          delivered.push(String(message));
        }
      }
      wakeAll();
    },
    sent: sentMatching,
    async answer(pattern: RegExp): Promise<unknown> {
      // socket.io frames: an event with an ack is `42<id>[...]`, its answer `43<id>[result]`.
      const id = /^42(\d+)\[/.exec(await sentMatching(pattern))?.[1];
      if (!id) throw new Error(`the page sent ${pattern} without asking for an answer`);
      const ack = await until(() => delivered.find((m) => m.startsWith(`43${id}[`)));
      return (JSON.parse(ack.slice(2 + id.length)) as unknown[])[0];
    },
  };
}

async function command(studio: BuiltStudio, name: string, payload: object) {
  const res = await postCommand(studio.url, studio.anchorToken, name, payload);
  expect(res.body, `${name}`).toMatchObject({ ok: true });
}

/** Three product cues: a clean one, one with an absolute claim in its selling points, one with a medical claim. */
async function seedShow(studio: BuiltStudio) {
  await command(studio, 'catalog.upsert', {
    products: [
      product('TEA', { title: { zh: '柴烧茶壶', en: 'Wood-fired teapot' }, price: 12_800, listPrice: 19_800, script: '手工拉坯，一壶一窑变。' }),
      product('CUP', { title: { zh: '建盏茶杯', en: 'Jian tea cup' }, price: 3_900, listPrice: null, sellingPoints: ['全网最低价'] }),
      product('HERB', { title: { zh: '草本茶', en: 'Herbal tea' }, price: 5_900, script: 'Drink daily, it cures insomnia.' }),
    ],
  });
  for (const [id, sku] of [['c1', 'TEA'], ['c2', 'CUP'], ['c3', 'HERB']] as const) await command(studio, 'cue.add', { cue: productCue(id, sku) });
}

test('the anchor runs the show with keys: next, previous, hide the card; typing in a field never moves the show', async ({ page, studio }) => {
  await seedShow(studio);
  await page.goto(`${studio.url}/?token=${studio.anchorToken}`);
  await page.getByTestId('language-select').selectOption('en');
  await expect(page.getByTestId('cue-row')).toHaveCount(3);
  await expect(page.getByTestId('next-cue')).toContainText('Wood-fired teapot');

  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('live-cue-title')).toHaveText('Wood-fired teapot');
  await expect(page.getByTestId('live-cue-price')).toContainText('¥128.00');
  await expect(page.getByTestId('live-cue-price')).toContainText('50 left');
  await page.keyboard.press('PageDown');
  await expect(page.getByTestId('live-cue-title')).toHaveText('Jian tea cup');
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('live-cue-title')).toHaveText('Wood-fired teapot');
  await expect(page.locator('[data-testid="cue-row"][aria-current="step"]')).toHaveAttribute('data-cue-id', 'c1');

  await expect(page.getByTestId('card-toggle')).toBeChecked();
  await page.keyboard.press('h');
  await expect(page.getByTestId('card-toggle')).not.toBeChecked();
  await page.keyboard.press('H');
  await expect(page.getByTestId('card-toggle')).toBeChecked();

  // Keys typed into a field stay in the field: no shortcut acts on them...
  const field = page.getByTestId('add-cue-sku');
  await field.fill('');
  expect(await pressAndReport(page, 'ArrowRight', field), 'ArrowRight in the field ran a shortcut').toBe(false);
  expect(await pressAndReport(page, 'h', field), '"h" in the field ran a shortcut').toBe(false);
  await expect(field).toHaveValue('h');
  // ...while the same key outside it does. The window sends its commands in order, so once this hide is on screen
  // anything the field's keys might have sent has landed too: the show is still on the teapot.
  await field.blur();
  expect(await pressAndReport(page, 'h'), '"h" outside a field ran no shortcut').toBe(true);
  await expect(page.getByTestId('card-toggle')).not.toBeChecked();
  await expect(page.getByTestId('live-cue-title')).toHaveText('Wood-fired teapot');
});

test('cues are added from the catalog, reordered by drag and drop, and flagged claims are summarised', async ({ page, studio }) => {
  await seedShow(studio);
  await page.goto(`${studio.url}/?token=${studio.anchorToken}`);
  await page.getByTestId('language-select').selectOption('en');
  const compliance = page.getByTestId('compliance');
  await expect(compliance.getByTestId('compliance-item')).toHaveCount(2);
  await expect(compliance).toContainText('Jian tea cup: 全网最低');
  await expect(compliance).toContainText('Herbal tea: cures');

  await page.getByTestId('add-cue-sku').fill('TEA');
  await page.getByTestId('add-cue-submit').click();
  await expect(page.getByTestId('cue-row')).toHaveCount(4);

  // Dragged by its title (the row also holds its scene picker).
  await page.locator('[data-cue-id="c3"] .cue-name').dragTo(page.locator('[data-cue-id="c1"] .cue-name'));
  await expect(page.getByTestId('cue-row').first()).toHaveAttribute('data-cue-id', 'c3');
  const ids = await page.getByTestId('cue-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-cue-id')));
  expect(ids.slice(0, 3)).toEqual(['c3', 'c1', 'c2']);
});

test("a producer advances the cue and the anchor's window follows; the producer's note stays on the teleprompter until acknowledged", async ({ browser, page, studio }) => {
  await seedShow(studio);
  const created = await postCommand(studio.url, studio.anchorToken, 'invite.create', { role: 'producer', name: '小王' });
  const invite = created.body.data as CreatedInvite;
  await page.goto(`${studio.url}/?token=${studio.anchorToken}`);
  await page.getByTestId('language-select').selectOption('en');
  await page.getByTestId('open-teleprompter').click();
  await expect(page.getByTestId('prompter-title')).toContainText('No cue is live');

  const producer = await openAs(browser, invite.urls[0]!);
  await producer.getByTestId('cue-next').click();
  await expect(producer.getByTestId('live-cue-title')).toHaveText('Wood-fired teapot');
  await expect(page.getByTestId('prompter-title')).toHaveText('Wood-fired teapot');
  await expect(page.getByTestId('prompter-script')).toHaveText('手工拉坯，一壶一窑变。');

  await producer.locator('[data-cue-id="c3"]').getByTestId('cue-goto').click();
  await expect(page.getByTestId('prompter-title')).toHaveText('Herbal tea');
  // The medical claim is highlighted in the anchor's script.
  await expect(page.getByTestId('claim')).toHaveText('cures');

  await producer.getByTestId('note-input').fill('20 left, push the bundle');
  await producer.getByTestId('note-send').click();
  await expect(page.getByTestId('prompter-note')).toContainText('小王: 20 left, push the bundle');
  await page.getByTestId('prompter-note').getByRole('button').click();
  await expect(page.getByTestId('prompter-note')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('teleprompter')).toHaveCount(0);
});

test('a moderator sees the run of show but cannot drive it', async ({ browser, studio }) => {
  await seedShow(studio);
  const created = await postCommand(studio.url, studio.anchorToken, 'invite.create', { role: 'moderator', name: 'Mod' });
  const moderator = await openAs(browser, (created.body.data as CreatedInvite).urls[0]!);
  await expect(moderator.getByTestId('cue-row')).toHaveCount(3);
  await expect(moderator.getByTestId('cue-next')).toHaveCount(0);
  await expect(moderator.getByTestId('cue-goto')).toHaveCount(0);
  // The keys are not bound for a role that may not run the show: no shortcut acts on them, so nothing is sent.
  await expect(moderator.getByTestId('open-teleprompter')).toBeVisible();
  expect(await pressAndReport(moderator, 'ArrowRight'), 'ArrowRight ran a shortcut in the moderator window').toBe(false);
  expect(await pressAndReport(moderator, 'h'), '"h" ran a shortcut in the moderator window').toBe(false);
  await moderator.getByTestId('open-teleprompter').click();
  await expect(moderator.getByTestId('prompter-title')).toContainText('No cue is live');
  await expect(moderator.getByTestId('notice')).toHaveCount(0);
});

test('editing a product highlights banned claims as they are typed, and a saved price reaches the live cue', async ({ page, studio }) => {
  await seedShow(studio);
  await command(studio, 'cue.goto', { id: 'c1' });
  await page.goto(`${studio.url}/?token=${studio.anchorToken}`);
  await page.getByTestId('language-select').selectOption('en');
  await expect(page.getByTestId('live-cue-price')).toContainText('¥128.00');
  await page.getByTestId('open-catalog').click();
  await page.locator('[data-testid="catalog-row"][data-sku="TEA"]').click();
  const editor = page.getByTestId('product-editor');
  await expect(editor.getByTestId('claims')).toHaveCount(0);
  await editor.getByTestId('edit-script').fill('国家级大师手作，100% 纯手工');
  await expect(editor.getByTestId('claims')).toContainText('Banned claims: 国家级、100%');
  await expect(editor.locator('mark')).toHaveText(['国家级', '100%']);
  await editor.getByTestId('edit-price').fill('99.5');
  await editor.getByTestId('edit-save').click();
  await expect(page.getByTestId('product-editor')).toHaveCount(0);
  await expect(page.getByTestId('live-cue-price')).toContainText('¥99.50');
  await expect(page.getByTestId('compliance')).toContainText('Wood-fired teapot: 国家级、100%');
});

test('a chat question naming a product links to the cue that sells it, and a click goes live on that cue', async ({ page, studio }) => {
  await seedShow(studio);
  await page.goto(`${studio.url}/?token=${studio.anchorToken}`);
  await page.getByTestId('language-select').selectOption('en');
  const secret = await ingestSecret(studio.url, studio.anchorToken);
  // The products of the run of show are the ones chat looks for (titles and tags): 建盏茶杯 is cue 2.
  const res = await postChat(studio.url, secret, { messages: [chatMessage('q1', '建盏茶杯还有货吗？')] });
  expect(res.status).toBe(200);
  const mention = page.getByTestId('questions-lane').getByTestId('product-mention');
  await expect(mention).toHaveText('mentions 建盏茶杯 · cue 2 →');
  await expect(mention).toHaveAttribute('data-cue-id', 'c2');
  await mention.click();
  await expect(page.getByTestId('live-cue-title')).toHaveText('Jian tea cup');
  await expect(page.getByTestId('questions-lane').getByTestId('product-mention')).toHaveText('mentions 建盏茶杯 · cue 2');
});

test('the anchor reads the audit log of the show in the co-host drawer', async ({ page, studio }) => {
  await seedShow(studio);
  await command(studio, 'cue.goto', { id: 'c2' });
  await page.goto(`${studio.url}/?token=${studio.anchorToken}`);
  await page.getByTestId('language-select').selectOption('en');
  await page.getByTestId('open-cohost').click();
  // A browser has no second studio window to open; the drawer says what to do instead.
  await expect(page.getByTestId('open-cohost-window')).toHaveCount(0);
  await page.getByTestId('audit-load').click();
  // Newest first: the drawer's own invite.list, then the cue the anchor went to, then the show being built.
  const goto = page.getByTestId('audit-row').filter({ hasText: 'cue.goto' });
  await expect(goto).toHaveCount(1);
  await expect(goto).toContainText('anchor · anchor');
  await expect(goto).toContainText('done');
  await expect(page.getByTestId('audit-row').filter({ hasText: 'catalog.upsert' })).toHaveCount(1);
});

test('the anchor and a producer press "next" at the same moment: the show advances one cue and the other is told why', async ({ browser, page, studio }) => {
  await seedShow(studio);
  await command(studio, 'cue.goto', { id: 'c1' });
  const created = await postCommand(studio.url, studio.anchorToken, 'invite.create', { role: 'producer', name: '小王' });
  const producer = await (await browser.newContext()).newPage();
  // Both windows talk to the hub through the test, which can hold what the hub sends them.
  const sockets = { anchor: await holdHubMessages(page), producer: await holdHubMessages(producer) };
  await page.goto(`${studio.url}/?token=${studio.anchorToken}`);
  await page.getByTestId('language-select').selectOption('en');
  await producer.goto((created.body.data as CreatedInvite).urls[0]!);
  await producer.getByTestId('language-select').selectOption('en');
  for (const p of [page, producer]) await expect(p.getByTestId('live-cue-title')).toHaveText('Wood-fired teapot');

  // "The same moment", without depending on timing: each window presses while it can still only have seen cue 1 live
  // (nothing from the hub reaches either until both have sent their "next"), so whichever arrives second must be
  // refused instead of skipping cue 2.
  sockets.anchor.hold();
  sockets.producer.hold();
  await page.getByTestId('cue-next').click();
  await producer.getByTestId('cue-next').click();
  await Promise.all([sockets.anchor.sent(/"cue\.next"/), sockets.producer.sent(/"cue\.next"/)]);
  sockets.anchor.release();
  sockets.producer.release();

  // The hub took one "next" and refused the other as stale; the refused window says why.
  const answers = await Promise.all([sockets.anchor.answer(/"cue\.next"/), sockets.producer.answer(/"cue\.next"/)]);
  const refusedIndex = answers.findIndex((a) => (a as { ok: boolean }).ok === false);
  expect(answers.filter((a) => (a as { ok: boolean }).ok).length, JSON.stringify(answers)).toBe(1);
  expect(answers[refusedIndex]).toMatchObject({ ok: false, error: { refusal: { key: 'cueMovedOn' } } });
  for (const p of [page, producer]) await expect(p.getByTestId('live-cue-title')).toHaveText('Jian tea cup');
  await expect([page, producer][refusedIndex]!.getByTestId('notice')).toContainText('already moved to another cue');
  const state = await (await fetch(`${studio.url}/api/v1/state`, { headers: { Authorization: `Bearer ${studio.anchorToken}` } })).json();
  expect(state.rundown.currentCueId).toBe('c2');
});

test('a cue for a product the catalog does not have is refused in the window\'s language; a product typed by its title is found', async ({ page, studio }) => {
  await seedShow(studio);
  await page.goto(`${studio.url}/?token=${studio.anchorToken}`);
  await page.getByTestId('language-select').selectOption('zh-CN');
  const form = page.getByTestId('add-cue');
  await form.getByTestId('add-cue-sku').fill('TEA-X');
  await form.getByTestId('add-cue-submit').click();
  await expect(form.getByTestId('add-cue-error')).toHaveText('商品库里没有“TEA-X”。请从列表中选择商品。');
  await expect(page.getByTestId('cue-row')).toHaveCount(3);
  // What people type is what they see: the product's title picks its SKU.
  await form.getByTestId('add-cue-sku').fill('Jian tea cup');
  await form.getByTestId('add-cue-submit').click();
  await expect(page.getByTestId('cue-row')).toHaveCount(4);
  expect((await studio.state()).rundown.cues.at(-1)).toMatchObject({ sku: 'CUP' });
  // The hub refuses it too (an automation, an older window), and the window says why in Chinese.
  const refused = await postCommand(studio.url, studio.anchorToken, 'cue.add', { cue: productCue('x', 'TEA-X') });
  expect(refused.body).toMatchObject({ ok: false, error: { refusal: { key: 'productMissing' } } });
  await page.getByTestId('cue-next').click();
  await page.getByTestId('cue-prev').click();
  await expect(page.getByTestId('notice')).toContainText('已经是第一张卡片。');
});

test('during a flash sale the ON AIR card and the teleprompter quote the flash price, and the regular price once it ends', async ({ page, studio }) => {
  await seedShow(studio);
  await command(studio, 'cue.goto', { id: 'c1' });
  await page.goto(`${studio.url}/?token=${studio.anchorToken}`);
  await page.getByTestId('language-select').selectOption('en');
  const onAir = page.getByTestId('live-cue-price-now');
  await expect(onAir).toHaveAttribute('data-price', '12800');
  await command(studio, 'flash.start', { sku: 'TEA', price: 9_900, durationMs: 600_000, limit: 10 });
  await expect(onAir).toHaveAttribute('data-flash', 'true');
  await expect(onAir).toContainText('¥99.00');
  await expect(onAir.locator('s')).toContainText('¥198.00');
  await page.getByTestId('open-teleprompter').click();
  await expect(page.getByTestId('prompter-price')).toContainText('¥99.00');
  await page.keyboard.press('Escape');
  await command(studio, 'flash.end', {});
  await expect(onAir).toHaveAttribute('data-price', '12800');
  await expect(onAir).toContainText('¥128.00');
});

test('a cue edited in place: its time, camera layout, card, script and producer note, kept after a reload and used when it goes live', async ({ page, studio }) => {
  await seedShow(studio);
  await page.goto(`${studio.url}/?token=${studio.anchorToken}`);
  await page.getByTestId('language-select').selectOption('zh-CN');
  const row = page.locator('[data-cue-id="c2"]');
  await row.getByTestId('cue-edit').click();
  const editor = page.getByTestId('cue-editor');
  await expect(editor.getByTestId('cue-edit-minutes')).toHaveValue('3');
  // A bad time is explained and nothing typed is lost.
  await editor.getByTestId('cue-edit-minutes').fill('2:75');
  await editor.getByTestId('cue-edit-note').fill('第二排观众问过价格');
  await editor.getByTestId('cue-edit-save').click();
  await expect(editor.getByTestId('cue-edit-error')).toHaveText('请输入分钟数，例如 3、2.5 或 2:30。');
  await expect(editor.getByTestId('cue-edit-note')).toHaveValue('第二排观众问过价格');
  await editor.getByTestId('cue-edit-minutes').fill('1:30');
  await editor.getByTestId('cue-edit-card').selectOption('hide');
  await editor.getByTestId('cue-edit-preset').selectOption('full');
  await editor.getByTestId('cue-edit-script').fill('先讲杯口，再讲釉色。');
  await editor.getByTestId('cue-edit-save').click();
  await expect(editor).toHaveCount(0);
  await expect(row.getByTestId('cue-card-mark')).toHaveText('隐藏商品卡');
  await expect(row.getByTestId('cue-note-mark')).toBeVisible();
  await expect(row.locator('.cue-plan')).toHaveText('1:30');

  await page.reload();
  await page.locator('[data-cue-id="c2"]').getByTestId('cue-goto').click();
  await expect(page.getByTestId('live-cue-note')).toContainText('第二排观众问过价格');
  await expect(page.getByTestId('card-toggle')).not.toBeChecked();
  await page.getByTestId('open-teleprompter').click();
  await expect(page.getByTestId('prompter-script')).toHaveText('先讲杯口，再讲釉色。');
  await expect(page.getByTestId('prompter-cue-note')).toContainText('第二排观众问过价格');
  const cue = (await studio.state()).rundown.cues.find((c) => c.id === 'c2');
  expect(cue).toMatchObject({ plannedMs: 90_000, card: 'hide', cameraPreset: 'full', script: '先讲杯口，再讲釉色。', note: '第二排观众问过价格' });
});

test('a new studio offers the sample tea-set show from the empty run of show; it loads, flags no claims, and is refused once the show has cues', async ({ page, studio }) => {
  await page.goto(`${studio.url}/?token=${studio.anchorToken}`);
  await page.getByTestId('language-select').selectOption('zh-CN');
  await expect(page.getByTestId('cue-row')).toHaveCount(0);
  await page.getByTestId('load-sample').click();
  await expect(page.getByTestId('cue-row')).toHaveCount(8);
  await expect(page.getByTestId('show-title')).toHaveValue('春茶上新 · 柴烧茶器专场');
  await expect(page.getByTestId('next-cue')).toContainText('开场 · 今天的茶器');
  // Rendered with the 8 rows: a sample that taught banned claims would be listed here.
  await expect(page.getByTestId('compliance')).not.toHaveClass(/has-hits/);
  await expect(page.getByTestId('compliance-item')).toHaveCount(0);
  const refused = await postCommand(studio.url, studio.anchorToken, 'show.loadSample', {});
  expect(refused.body).toMatchObject({ ok: false, error: { refusal: { key: 'sampleNeedsEmptyRundown' } } });
});

test('presenters take turns: each cue names who is on, and the live cue and the teleprompter count down to the handoff with a note for the next one', async ({ page, studio }) => {
  await seedShow(studio);
  await page.goto(`${studio.url}/?token=${studio.anchorToken}`);
  await page.getByTestId('language-select').selectOption('zh-CN');
  const edit = async (cueId: string, fill: (editor: Locator) => Promise<void>) => {
    await page.locator(`[data-cue-id="${cueId}"]`).getByTestId('cue-edit').click();
    const editor = page.getByTestId('cue-editor');
    await fill(editor);
    await editor.getByTestId('cue-edit-save').click();
    await expect(editor).toHaveCount(0);
  };
  await edit('c1', (e) => e.getByTestId('cue-edit-presenter').fill('李老师'));
  await edit('c2', async (e) => {
    await e.getByTestId('cue-edit-presenter').fill('王老师');
    await e.getByTestId('cue-edit-note').fill('从建盏的釉色讲起');
  });
  await expect(page.locator('[data-cue-id="c1"]').getByTestId('cue-presenter')).toHaveText('李老师');
  await expect(page.locator('[data-cue-id="c2"]').getByTestId('cue-presenter')).toHaveText('王老师');
  // The names already in the show are offered when the next cue is edited.
  await page.locator('[data-cue-id="c3"]').getByTestId('cue-edit').click();
  await expect(page.getByTestId('cue-editor').locator('datalist option')).toHaveCount(2);
  await page.getByTestId('cue-editor').getByRole('button', { name: '取消' }).click();

  await page.locator('[data-cue-id="c1"]').getByTestId('cue-goto').click();
  await expect(page.getByTestId('live-cue-presenter')).toContainText('李老师');
  const handoff = page.getByTestId('handoff');
  await expect(handoff).toHaveAttribute('data-to', '王老师');
  await expect(handoff).toHaveAttribute('data-state', 'later');
  await expect(handoff).toContainText(/\d+:\d\d 后交接给 王老师/);
  await expect(handoff).toContainText('给 王老师：从建盏的釉色讲起');
  await page.getByTestId('language-select').selectOption('en');
  await page.getByTestId('open-teleprompter').click();
  await expect(page.getByTestId('prompter-presenter')).toHaveText('李老师');
  await expect(page.getByTestId('teleprompter').getByTestId('handoff')).toContainText(/Handoff to 王老师 in \d+:\d\d/);
  await page.keyboard.press('Escape');
  // 王老师 is on: the next cue names nobody, so no handoff is shown.
  await page.locator('[data-cue-id="c2"]').getByTestId('cue-goto').click();
  await expect(page.getByTestId('live-cue-presenter')).toContainText('王老师');
  await expect(page.getByTestId('handoff')).toHaveCount(0);
  const cues = (await studio.state()).rundown.cues;
  expect(cues.map((c) => c.presenter ?? null)).toEqual(['李老师', '王老师', null]);
});
