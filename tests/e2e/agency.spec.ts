import type { Browser, Page } from '@playwright/test';
import { formatMoney } from '../../agency/console/src/format';
import { startAgencyProcess, type AgencyProcess } from '../helpers/agency-process';
import { startBuiltStudio, type BuiltStudio } from '../helpers/built-studio';
import { getTallies, orderEvent, ordersSecret, postOrdersOk } from '../helpers/orders';
import { makeTempDir } from '../helpers/temp-dir';
import { expect, test } from './fixtures';

/** Opens a page in its own context (its own session storage, as another person's browser). */
async function openPage(browser: Browser, url: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(url);
  return page;
}

/** The anchor links the studio from the co-host drawer, as a user does. */
async function linkFromStudio(page: Page, studio: BuiltStudio, agencyUrl: string, token: string): Promise<void> {
  await page.goto(`${studio.url}/?token=${studio.anchorToken}`);
  await page.getByTestId('language-select').selectOption('en');
  await page.getByTestId('open-cohost').click();
  await page.getByTestId('agency-url').fill(agencyUrl);
  await page.getByTestId('agency-token').fill(token);
  await page.getByTestId('agency-link-submit').click();
  await expect(page.getByTestId('agency-link-state')).toHaveAttribute('data-state', 'linked');
}

test('two built studios linked from their co-host drawers: the agency console shows both rooms and their exact GMV, in both languages; unlinking shows the room offline', async ({ browser, page, studio }) => {
  test.setTimeout(120_000);
  const dir = makeTempDir('anchor-agency-e2e-');
  let agency: AgencyProcess | null = null;
  let second: BuiltStudio | null = null;
  try {
    [agency, second] = await Promise.all([startAgencyProcess({ dataDir: dir.path }), startBuiltStudio()]);
    const console = await openPage(browser, `${agency.url}/#token=${agency.adminToken}`);
    await console.getByTestId('language-switch').locator('[data-language="en"]').click();
    // The sign-in link's token leaves the address bar at once.
    await expect(console).toHaveURL(/^[^#]*(#(?!token=).*)?$/);

    const tokens: string[] = [];
    await console.getByTestId('nav-admin').click();
    for (const [name, brand] of [['Tea room 茶', 'Tea Co'], ['Silk room', 'Silk Co']] as const) {
      await console.getByTestId('add-room-name').fill(name);
      await console.getByTestId('add-room-brand').fill(brand);
      await console.getByTestId('add-room-submit').click();
      // The token on screen must be this room's (its heading names the room): reading the field as soon as it held a
      // token once linked both studios to the first room, when the second room's answer came late.
      const shown = console.getByTestId('new-token');
      await expect(console.locator('.once-secret', { has: shown }).locator('h4')).toContainText(name);
      await expect(shown).toHaveValue(/^agt_/);
      tokens.push(await shown.inputValue());
    }
    await expect(console.getByTestId('agency-address')).toHaveValue(agency.url);

    const secondPage = await openPage(browser, 'about:blank');
    await linkFromStudio(page, studio, agency.url, tokens[0]!);
    await linkFromStudio(secondPage, second, agency.url, tokens[1]!);

    // Orders in both studios: paid, a partial refund, a test order (in no figure).
    for (const [i, s] of [studio, second].entries()) {
      const secret = await ordersSecret(s.url, s.anchorToken);
      await postOrdersOk(s.url, secret, {
        events: [
          orderEvent({ eventId: `a${i}`, orderId: `A${i}`, items: [{ sku: 'TEA-1', quantity: 3, unitPrice: 12_888 + i }] }),
          orderEvent({ eventId: `b${i}`, orderId: `B${i}`, items: [{ sku: 'TEA-2', quantity: 1, unitPrice: 5_050 }] }),
          orderEvent({ eventId: `c${i}`, orderId: `B${i}`, status: 'refunded', items: [], refund: { amount: 1_234, restock: false } }),
          orderEvent({ eventId: `t${i}`, orderId: `T${i}`, test: true }),
        ],
      });
    }

    await console.getByTestId('nav-rooms').click();
    const cards = console.getByTestId('room-card');
    await expect(cards).toHaveCount(2);
    for (const [name, s] of [['Tea room 茶', studio], ['Silk room', second]] as const) {
      const { gmv } = await getTallies(s.url, s.anchorToken);
      const card = cards.filter({ hasText: name });
      await expect(card.getByTestId('room-gmv')).toHaveText(formatMoney(gmv, 'CNY'));
      await expect(card.getByTestId('room-badge')).toHaveAttribute('data-badge', 'rehearsal');
    }
    await console.getByTestId('language-switch').locator('[data-language="zh-CN"]').click();
    await expect(console.getByTestId('room-badge').first()).toHaveText('彩排');
    const { gmv: teaGmv } = await getTallies(studio.url, studio.anchorToken);
    await expect(cards.filter({ hasText: 'Tea room' }).getByTestId('room-gmv')).toHaveText(formatMoney(teaGmv, 'CNY'));
    await console.screenshot({ path: test.info().outputPath('agency-console-zh.png') });

    // The anchor unlinks (with a confirmation): the room shows offline at the agency, its figures kept.
    await page.getByTestId('agency-unlink').click();
    await page.getByTestId('agency-unlink-confirm').click();
    await expect(page.getByTestId('agency-url')).toBeVisible();
    await expect(cards.filter({ hasText: 'Tea room' }).getByTestId('room-badge')).toHaveAttribute('data-badge', 'offline');
    await expect(cards.filter({ hasText: 'Tea room' }).getByTestId('room-gmv')).toHaveText(formatMoney(teaGmv, 'CNY'));
  } finally {
    await second?.stop();
    await agency?.stop();
    dir.remove();
  }
});
