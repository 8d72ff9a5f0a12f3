// Escalation end to end: a teen writes, a counsellor takes the chat and hands it
// to the partner organisation from the console (choosing excerpts by ticking
// messages), the partner console shows the case live without a reload and
// acknowledges it, and the counsellor's console shows 「確認済み」 without a
// reload. Also the partner page's accessibility, English, and how it looks on a
// desktop, a tablet and a phone.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { audit, desktopOptions, phoneOptions, realProblems, screenshotPath, useSite } from './support.mjs';

const site = useSite();

async function signIn(t, path, role, options = desktopOptions()) {
  const { page, watch } = await site.staff(t, role, path, options);
  // Marks this document: a reload would lose it.
  await page.evaluate(() => {
    window.notReloaded = true;
  });
  return { page, watch };
}

async function notReloaded(page) {
  assert.equal(await page.evaluate(() => window.notReloaded), true, 'the page was not reloaded');
}

const FIRST = 'お母さんの介護で、学校に行けない日が多いです';
const SECOND = '家のことはだれにも言ってない';
const THIRD = '世田谷区に住んでます';

test('a counsellor escalates a chat, the partner acknowledges it live, the counsellor sees it acknowledged', async (t) => {
  // A teen writes on the phone.
  const { page: teen, watch: teenWatch } = await site.open(t, phoneOptions());
  await teen.goto(`${site.base}/chat/?line=anytime-demo`);
  await teen.getByRole('heading', { name: '相談をはじめる' }).waitFor();
  await teen.getByLabel('呼ばれたい名前（なくても大丈夫）').fill('みー');
  await teen.getByRole('button', { name: '相談をはじめる' }).click();
  await teen.locator('#waiting').waitFor();
  for (const text of [FIRST, SECOND, THIRD]) {
    await teen.locator('#input').fill(text);
    await teen.locator('#input').press('Enter');
  }

  // The partner console is open, with nothing yet.
  const { page: partner, watch: partnerWatch } = await signIn(t, '/partner/', 'partner');
  await partner.locator('#list-empty').waitFor();
  // The organisation's name comes with the socket's `ready` frame, a moment after it opens.
  await partner.locator('#org-name', { hasText: 'デモNPO' }).waitFor();

  // The counsellor takes the chat and escalates it, choosing two of the teen's messages.
  const { page: desk, watch: deskWatch } = await signIn(t, '/console/', 'counselor');
  const item = desk.locator('.queue-item', { hasText: 'みー' });
  await item.waitFor();
  await item.getByRole('button', { name: /取る/ }).click();
  await desk.locator('#conv-heading', { hasText: 'みー' }).waitFor();
  await desk.locator('#log li', { hasText: THIRD }).waitFor();
  await desk.locator('#cases-empty').waitFor();

  const started = Date.now();
  await desk.getByRole('button', { name: 'つなぐ' }).click();
  const form = desk.locator('#escalate');
  await form.waitFor();
  // Nothing is chosen by default.
  const boxes = desk.locator('#log .pick-box');
  assert.equal(await boxes.count(), 3);
  for (let i = 0; i < 3; i += 1) assert.equal(await boxes.nth(i).isChecked(), false);
  await form.getByLabel('理由', { exact: true }).selectOption('caring_burden');
  await form.getByLabel('至急').check();
  await form.getByLabel('概要（連携先が動くために必要なこと）').fill('母親の介護で登校できない日が続いている。家事支援につなぎたい。');
  await form.getByLabel('自治体（本人が話したときだけ）').fill('世田谷区');
  await form.getByLabel('本人に確認し、同意あり').check();
  // The organisation that serves the municipality is suggested first and chosen.
  await desk.locator('#esc-org option', { hasText: '推奨' }).first().waitFor({ state: 'attached' });
  assert.match(await desk.locator('#esc-org option:checked').textContent(), /デモNPO/);
  // The override is only for supervisors.
  await form.getByLabel('本人は同意せず').check();
  assert.equal(await desk.locator('#esc-override-field').isHidden(), true);
  await form.getByLabel('本人に確認し、同意あり').check();
  const picks = desk.getByRole('checkbox', { name: /抜粋に選ぶ: 相談者/ });
  await picks.nth(0).check();
  await picks.nth(2).check();
  assert.match(await desk.locator('#esc-picked').textContent(), /2件/);
  assert.deepEqual(await audit(desk, { minTarget: 24 }), [], 'console with the escalate form');
  await desk.screenshot({ path: screenshotPath('console-escalate.png') });
  await form.getByRole('button', { name: 'ケースを送る' }).click();
  await desk.locator('#esc-done', { hasText: 'ケースを送りました' }).waitFor();
  const took = Date.now() - started;
  assert.ok(took < 60_000, `escalating took ${took} ms`);
  const line = desk.locator('#cases .case-item', { hasText: 'ケアの負担' });
  await line.waitFor();
  assert.match(await line.textContent(), /未確認/);

  // The partner's list shows it without a reload, announced to screen readers.
  const row = partner.locator('#case-rows tr', { hasText: 'ケアの負担' });
  await row.waitFor();
  await notReloaded(partner);
  assert.match(await row.textContent(), /至急/);
  assert.match(await row.textContent(), /世田谷区/);
  assert.match(await row.textContent(), /未確認/);
  await partner.locator('#announce', { hasText: '新しいケース' }).waitFor();
  assert.equal(await row.getAttribute('class'), 'case-line fresh');

  // Only the chosen messages reach the partner.
  await row.getByRole('button', { name: /ケアの負担/ }).click();
  const detail = partner.locator('#detail');
  await detail.locator('.case-excerpt', { hasText: FIRST }).waitFor();
  await detail.locator('.case-excerpt', { hasText: THIRD }).waitFor();
  assert.equal(await detail.locator('.case-excerpt', { hasText: SECOND }).count(), 0);
  assert.match(await detail.textContent(), /本人に確認し、同意あり/);
  assert.deepEqual(await audit(partner, { minTarget: 24 }), [], 'partner console with a case open');
  await partner.screenshot({ path: screenshotPath('partner-desktop.png') });

  // The partner acknowledges; the counsellor's list follows without a reload.
  await partner.getByRole('button', { name: '受け取りを確認する' }).click();
  await partner.locator('#case-rows tr', { hasText: '確認済み' }).waitFor();
  await line.filter({ hasText: '確認済み' }).waitFor();
  await notReloaded(desk);
  await desk.locator('#cases-live', { hasText: '確認済み' }).waitFor();

  // A note from the partner reaches the counsellor's case detail.
  await partner.getByLabel('メモを追加（相談窓口にも見えます）').fill('本日中に区の担当者から連絡します。');
  await partner.getByRole('button', { name: 'メモを残す' }).click();
  await partner.locator('#detail .case-note', { hasText: '本日中に' }).waitFor();
  await line.getByRole('button').first().click();
  await desk.locator('#case-dialog .case-note', { hasText: '本日中に' }).waitFor();
  await desk.screenshot({ path: screenshotPath('console-case-detail.png') });
  await desk.getByRole('button', { name: '閉じる' }).last().click();

  // In progress, then closed with an outcome.
  await partner.getByRole('button', { name: '対応を始める' }).click();
  await partner.locator('#case-rows tr', { hasText: '対応中' }).waitFor();
  await partner.getByLabel('結果').selectOption('connected_to_service');
  await partner.getByRole('button', { name: '終了する' }).click();
  await partner.locator('#detail', { hasText: 'サービスにつながった' }).waitFor();
  await line.filter({ hasText: '終了' }).waitFor();

  // English, for the partner too.
  await partner.getByRole('button', { name: 'English' }).click();
  await partner.getByRole('heading', { name: 'Case detail' }).waitFor();
  await partner.reload();
  await partner.getByRole('heading', { name: 'Case detail' }).waitFor();
  await partner.locator('#list-empty').waitFor();
  await partner.getByLabel('Show closed cases').check();
  await partner.locator('#case-rows tr', { hasText: 'Closed' }).waitFor();
  assert.deepEqual(await audit(partner, { minTarget: 24 }), [], 'partner console in English');

  for (const watch of [teenWatch, partnerWatch, deskWatch]) assert.deepEqual(realProblems(watch), []);
});

test('the partner page on a phone and a tablet, and what other roles see there', async (t) => {
  const phone = await signIn(t, '/partner/', 'partner', phoneOptions());
  await phone.page.locator('#app-view').waitFor();
  // Audits come before screenshots: taking one leaves empty style attributes behind.
  assert.deepEqual(await audit(phone.page, { minTarget: 24 }), [], 'partner console on a phone');
  await phone.page.screenshot({ path: screenshotPath('partner-phone.png'), fullPage: true });
  const tablet = await signIn(t, '/partner/', 'partner', { ...desktopOptions(), viewport: { width: 820, height: 1180 }, hasTouch: true });
  await tablet.page.screenshot({ path: screenshotPath('partner-tablet.png'), fullPage: true });

  // A counsellor signed in here sees that the page is not theirs, and no cases.
  const { page } = await site.open(t);
  await page.goto(`${site.base}/partner/`);
  await page.locator('#signin-view').waitFor();
  assert.deepEqual(await audit(page, { minTarget: 24 }), [], 'partner sign-in');
  await page.getByLabel('ユーザー名').fill(site.server.accounts.counselor.username);
  await page.getByLabel('パスワード').fill(site.server.accounts.counselor.password);
  await page.getByRole('button', { name: 'サインイン' }).click();
  await page.getByRole('heading', { name: 'このページは連携先の職員用です' }).waitFor();
  assert.equal(await page.locator('#app-view').isHidden(), true);
  // Partner staff get no links to the rest of the product.
  assert.equal(await phone.page.locator('a[href]').count(), 0);
  for (const w of [phone.watch, tablet.watch]) assert.deepEqual(realProblems(w), []);
});
