// Accessibility smoke check: every control has an accessible name, no inline
// style or script (the CSP would block them), no CSP report in the console,
// touch targets of at least 24 px on the teen pages, keyboard reachability.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { audit, phoneOptions, useSite } from './support.mjs';

const site = useSite();

test('teen pages on a phone', async (t) => {
  const { page, watch } = await site.open(t, phoneOptions());
  for (const path of ['/', '/chat/?line=anytime-demo', '/missing-page']) {
    await page.goto(`${site.base}${path}`);
    if (path === '/') await page.locator('[data-line-id="anytime-demo"]').waitFor();
    else await page.locator('h1').waitFor();
    const problems = await audit(page, { minTarget: 24 });
    // The landing page has a live region; the small pages need none.
    const relevant = path === '/' ? problems : problems.filter((p) => p !== 'no live region');
    assert.deepEqual(relevant, [], `${path}`);
  }
  // The quick exit is the first or second thing the keyboard reaches.
  await page.goto(`${site.base}/`);
  await page.locator('[data-line-id="anytime-demo"]').waitFor();
  const reached = [];
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press('Tab');
    reached.push(await page.evaluate(() => document.activeElement?.textContent?.trim()));
  }
  assert.ok(reached.includes('すぐに閉じる'), `tab order: ${reached.join(' | ')}`);
  // Focus is visible: the focused quick exit has an outline.
  const outline = await page.evaluate(() => {
    const el = document.querySelector('[data-quick-exit]');
    el.focus();
    return getComputedStyle(el).outlineStyle;
  });
  assert.notEqual(outline, 'none');
  assert.deepEqual(watch.problems(), []);
});

test('admin page, signed out and signed in, every tab', async (t) => {
  const { page, watch } = await site.open(t);
  await page.goto(`${site.base}/admin/`);
  await page.locator('#signin-view').waitFor();
  assert.deepEqual(await audit(page), [], 'sign-in');
  await page.locator('#signin-username').fill(site.server.accounts.admin.username);
  await page.locator('#signin-password').fill(site.server.accounts.admin.password);
  await page.keyboard.press('Enter');
  await page.locator('#accounts-table tr[data-username="demo-admin"]').waitFor();
  assert.deepEqual(await audit(page), [], 'accounts');
  // Tabs work with the arrow keys.
  await page.getByRole('tab', { name: 'アカウント' }).focus();
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.getByRole('tab', { name: '連携先の組織' }).getAttribute('aria-selected'), 'true');
  assert.deepEqual(await audit(page), [], 'organisations');
  await page.keyboard.press('ArrowRight');
  await page.locator('#lines-table tr[data-line-id="youth-health"]').waitFor();
  await page.getByRole('button', { name: '思春期の心と体の相談 を編集' }).click();
  await page.getByRole('button', { name: '日付を追加' }).click();
  assert.deepEqual(await audit(page), [], 'line editor');
  await page.getByRole('tab', { name: '操作の記録' }).click();
  await page.locator('#audit-table tbody tr').first().waitFor();
  assert.deepEqual(await audit(page), [], 'audit');
  // English labels too.
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await page.getByRole('tab', { name: 'Audit log' }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.deepEqual(await audit(page), [], 'english');
  assert.deepEqual(watch.problems(), []);
});

test('console: a supervisor with the canned reply editor, a chat with notes', async (t) => {
  const { page, watch } = await site.open(t);
  const local = site.base;
  await page.goto(`${local}/console/`);
  await page.locator('#signin-view').waitFor();
  assert.deepEqual(await audit(page, { minTarget: 24 }), [], 'sign-in');
  await page.locator('#signin-username').fill(site.server.accounts.supervisor.username);
  await page.locator('#signin-password').fill(site.server.accounts.supervisor.password);
  await page.keyboard.press('Enter');
  await page.locator('#presence[data-state="open"]').waitFor();
  assert.deepEqual(await audit(page, { minTarget: 24 }), [], 'signed in');
  await page.getByRole('button', { name: '定型文' }).click();
  await page.locator('#ce-title').fill('あいさつ');
  await page.locator('#ce-body').fill('はじめまして。');
  await page.getByRole('button', { name: '追加する' }).click();
  await page.locator('#canned-table tr', { hasText: 'あいさつ' }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'ce-title', 'focus stays in the form');
  assert.deepEqual(await audit(page, { minTarget: 24 }), [], 'canned reply editor');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('button', { name: 'Canned replies' }).waitFor();
  assert.deepEqual(await audit(page, { minTarget: 24 }), [], 'english');
  assert.deepEqual(watch.problems(), []);
});

test('salon on a phone and the moderation console on a desktop', async (t) => {
  const local = site.base;
  const { page: mod, watch: deskWatch } = await site.open(t);
  await mod.goto(`${local}/moderation/`);
  await mod.locator('#signin-view').waitFor();
  assert.deepEqual(await audit(mod, { minTarget: 24 }), [], 'moderation sign-in');
  await mod.locator('#signin-username').fill(site.server.accounts.moderator.username);
  await mod.locator('#signin-password').fill(site.server.accounts.moderator.password);
  await mod.keyboard.press('Enter');
  await mod.locator('#presence[data-state="open"]').waitFor();
  await mod.locator('.room-item[data-room-id="evening-salon"]').click();
  await mod.getByRole('button', { name: '部屋を開ける' }).click();
  await mod.locator('.room-item[data-room-id="evening-salon"] .av-open').waitFor();
  assert.deepEqual(await audit(mod, { minTarget: 24 }), [], 'moderation signed in');
  // Tabs work with the arrow keys; every panel passes.
  await mod.getByRole('tab', { name: /保留/ }).focus();
  for (const name of [/要注意/, /通報/, /ケース/, /BAN/, /記録/]) {
    await mod.keyboard.press('ArrowRight');
    assert.equal(await mod.getByRole('tab', { name }).getAttribute('aria-selected'), 'true');
    assert.deepEqual(await audit(mod, { minTarget: 24 }), [], `tab ${name}`);
  }
  await mod.getByRole('button', { name: '設定を編集' }).click();
  assert.deepEqual(await audit(mod, { minTarget: 24 }), [], 'settings dialog');
  await mod.keyboard.press('Escape');

  const { page, watch } = await site.open(t, phoneOptions());
  await page.goto(`${local}/salon/`);
  await page.locator('[data-room-id="evening-salon"] .badge-open').waitFor();
  assert.deepEqual(await audit(page, { minTarget: 24 }), [], 'room list');
  await page.locator('[data-room-id="evening-salon"] button').tap();
  await page.locator('#view-rules:not([hidden])').waitFor();
  assert.deepEqual(await audit(page, { minTarget: 24 }), [], 'rules');
  await page.getByLabel('この部屋でのニックネーム').fill('ことり');
  await page.getByLabel('きまりを読みました。守って参加します。').check();
  await page.getByRole('button', { name: '参加する' }).tap();
  await page.locator('#view-room:not([hidden])').waitFor();
  await page.locator('#input').fill('こんにちは');
  await page.locator('#input').press('Enter');
  await page.locator('#log li[data-seq]').first().waitFor();
  assert.deepEqual(await audit(page, { minTarget: 24 }), [], 'room');
  // The messages are a log; news is announced politely, history is not.
  assert.equal(await page.locator('[role=log]').count(), 1);
  assert.equal(await page.locator('#announce').getAttribute('aria-live'), 'polite');
  // The quick exit is one key away from the room's heading, and focus shows.
  await page.locator('#heading').focus();
  await page.keyboard.press('Shift+Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), 'すぐに閉じる');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none');
  assert.deepEqual(watch.problems(), []);
  assert.deepEqual(deskWatch.problems(), []);
});
