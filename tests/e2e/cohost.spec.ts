import type { Browser, Page } from '@playwright/test';
import type { CreatedInvite } from '../../electron/features/cohost/protocol/cohost-commands';
import { postCommand } from '../helpers/hub';
import { expect, test } from './fixtures';

async function openAs(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  await page.getByTestId('language-select').selectOption('en');
  return page;
}

test('anchor invites a producer in the UI; the producer note shows on the anchor screen until acknowledged; revoking drops the producer', async ({ browser, page, studio }) => {
  await page.goto(`${studio.url}/?token=${studio.anchorToken}`);
  await page.getByTestId('language-select').selectOption('en');
  await page.getByTestId('open-cohost').click();
  await page.getByTestId('invite-name').fill('小王');
  await page.getByTestId('invite-role').selectOption('producer');
  // Invites expire: 30 days unless the anchor chooses; this one works for a week.
  await expect(page.getByTestId('invite-valid')).toHaveValue('30');
  await page.getByTestId('invite-valid').selectOption('7');
  await page.getByTestId('invite-create').click();
  await expect(page.getByTestId('invite-created')).toContainText('小王');
  const week = new Intl.DateTimeFormat('en', { dateStyle: 'medium' }).format(Date.now() + 7 * 24 * 3600_000);
  await expect(page.getByTestId('invite-expires')).toHaveText(`works until ${week}`);
  await expect(page.getByTestId('invite-row').first()).toContainText(`works until ${week}`);
  const inviteUrl = (await page.getByTestId('invite-url').first().textContent())!;
  expect(inviteUrl).toMatch(/\/\?token=/);

  const producer = await openAs(browser, inviteUrl);
  await expect(producer.getByTestId('role')).toContainText('Producer');
  await expect(producer.getByTestId('open-cohost')).toHaveCount(0);
  await expect(page.getByTestId('presence')).toContainText('小王 · Producer');

  await producer.getByTestId('note-input').fill('Push the tea set, 20 left');
  await producer.getByTestId('note-send').click();
  const note = page.getByTestId('note');
  await expect(note).toContainText('Note from 小王: Push the tea set, 20 left');
  await page.reload();
  await expect(page.getByTestId('note')).toContainText('Push the tea set');
  await page.getByTestId('note-ack').click();
  await expect(page.getByTestId('note')).toHaveCount(0);

  await page.getByTestId('open-cohost').click();
  await page.getByTestId('invite-revoke').click();
  await expect(producer.getByTestId('hub-status')).toHaveAttribute('data-status', 'unauthorized');
  // It was connected: the bar says the window is no longer accepted, not that the invite was bad from the start.
  await expect(producer.getByTestId('hub-status')).toContainText('no longer accepted here');
  await expect(producer.getByTestId('join-form')).toBeVisible();
});

test("a moderator's window explains why scenes are locked, and the studio refuses the switch", async ({ browser, studio }) => {
  const created = await postCommand(studio.url, studio.anchorToken, 'invite.create', { role: 'moderator', name: 'Mod' });
  const invite = created.body.data as CreatedInvite;
  const moderator = await openAs(browser, invite.urls[0]!);
  await expect(moderator.getByTestId('role')).toContainText('Moderator');
  await expect(moderator.getByTestId('scenes-why')).toHaveText('Your role cannot switch scenes.');
  const refused = await postCommand(studio.url, invite.token, 'scene.switch', { scene: 'Opening' });
  expect(refused.status).toBe(403);
  expect(refused.body.error.message).toContain('moderator role may not use scene.switch');
});

test('a co-host joins from another copy of the UI with the 6-digit pairing code', async ({ browser, studio }) => {
  const created = await postCommand(studio.url, studio.anchorToken, 'invite.create', { role: 'viewer', name: 'Brand rep' });
  const invite = created.body.data as CreatedInvite;
  const guest = await openAs(browser, `${studio.url}/`);
  await expect(guest.getByTestId('join-form')).toBeVisible();
  await guest.getByTestId('join-code').fill('000000' === invite.pairingCode ? '111111' : '000000');
  await guest.getByTestId('join-submit').click();
  await expect(guest.getByTestId('join-error')).toContainText('Could not join: Unknown or expired pairing code');
  await guest.getByTestId('join-code').fill(invite.pairingCode);
  await guest.getByTestId('join-submit').click();
  await expect(guest.getByTestId('hub-status')).toHaveAttribute('data-status', 'connected');
  await expect(guest.getByTestId('role')).toContainText('Viewer');
  expect(guest.url()).not.toContain(invite.token);
});
