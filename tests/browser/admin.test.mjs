// The administrator's page on a desktop: sign-in errors, accounts, lines and
// hours (seen again on the public list), validation errors, audit log.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { phoneOptions, screenshotPath, signIn, tokyoDay, useSite } from './support.mjs';

const site = useSite();

test('a wrong password shows a kind error and stays on the sign-in form', async (t) => {
  const { page, watch } = await site.open(t);
  await signIn(page, `${site.base}/admin/`, { username: 'demo-admin', password: 'not-the-password' });
  const msg = page.locator('#signin-msg');
  await msg.filter({ hasText: 'パスワードが違う' }).waitFor();
  assert.ok(await page.locator('#signin-view').isVisible());
  assert.ok(await page.locator('#app-view').isHidden());
  await page.screenshot({ path: screenshotPath('admin-signin-error.png') });
  assert.deepEqual(watch.problems(), []);
});

test('a counselor is told the page is for administrators', async (t) => {
  const { page, watch } = await site.open(t);
  await signIn(page, `${site.base}/admin/`, site.server.accounts.counselor);
  await page.getByRole('heading', { name: 'このページは管理者用です' }).waitFor();
  assert.ok(await page.locator('#app-view').isHidden());
  await page.getByRole('button', { name: 'サインアウト' }).click();
  await page.locator('#signin-view').waitFor();
  assert.deepEqual(watch.problems(), []);
});

test('accounts, lines and the audit log', async (t) => {
  const { context, page, watch } = await site.open(t);
  await signIn(page, `${site.base}/admin/`, site.server.accounts.admin);
  await page.locator('#accounts-table tr[data-username="demo-admin"]').waitFor();
  assert.match(await page.locator('#who').textContent(), /デモ管理者/);

  // The session survives a reload (GET /api/staff/session).
  await page.reload();
  await page.locator('#accounts-table tr[data-username="demo-admin"]').waitFor();

  // Create a counselor.
  const form = page.locator('#account-form');
  await form.getByLabel('ユーザー名').fill('test-counselor');
  await form.getByLabel('表示名').fill('テスト 相談員');
  await form.getByLabel('役割').selectOption('counselor');
  assert.ok(await page.locator('#acc-org-field').isHidden(), 'organisation only for partners');
  await form.getByLabel('役割').selectOption('partner');
  assert.ok(await page.locator('#acc-org-field').isVisible());
  await form.getByLabel('役割').selectOption('counselor');
  await form.getByLabel('パスワード').fill('a long enough password 123');
  await form.getByRole('button', { name: '作成する' }).click();
  await page.locator('#account-form-msg').filter({ hasText: 'test-counselor' }).waitFor();
  const row = page.locator('#accounts-table tr[data-username="test-counselor"]');
  await row.waitFor();
  assert.equal(await row.getByRole('combobox', { name: 'test-counselor の役割' }).inputValue(), 'counselor');

  // The same username again: the server's message is shown next to the form.
  await form.getByLabel('ユーザー名').fill('test-counselor');
  await form.getByLabel('表示名').fill('重複');
  await form.getByLabel('パスワード').fill('a long enough password 123');
  await form.getByRole('button', { name: '作成する' }).click();
  await page.locator('#account-form-msg[data-kind="error"]').waitFor();
  assert.match(await page.locator('#account-form-msg').textContent(), /taken|already|exists|使われ/i);

  // Disable it.
  await row.getByRole('button', { name: 'test-counselor を無効にする' }).click();
  await page.locator('#accounts-table tr[data-username="test-counselor"][data-state="disabled"]').waitFor();
  assert.match(await page.locator('#accounts-table tr[data-username="test-counselor"]').textContent(), /無効/);

  // The last administrator cannot be disabled: the 409 message is shown.
  await page.locator('#accounts-table tr[data-username="demo-admin"]').getByRole('button', { name: /無効にする/ }).click();
  await page.locator('#accounts-msg[data-kind="error"]').waitFor();
  assert.equal(await page.locator('#accounts-table tr[data-username="demo-admin"]').getAttribute('data-state'), 'enabled');
  await page.screenshot({ path: screenshotPath('admin-accounts.png'), fullPage: true });

  // Organisations.
  await page.getByRole('tab', { name: '連携先の組織' }).click();
  await page.locator('#orgs-table').getByText('デモNPO').waitFor();
  await page.locator('#org-form').getByLabel('名前', { exact: true }).fill('テスト子供家庭支援センター');
  await page.locator('#org-kind').selectOption('municipal_support_centre');
  await page.locator('#org-form').getByLabel('区市町村').fill('練馬区\n板橋区');
  await page.locator('#org-form').getByLabel('ヤングケアラー支援').check();
  await page.locator('#org-form').getByLabel('連絡できる時間').fill('平日 9:00–17:00');
  await page.getByRole('button', { name: '登録する' }).click();
  await page.locator('#orgs-table').getByText('テスト子供家庭支援センター').waitFor();
  await page.locator('#orgs-table').getByText('練馬区、板橋区').waitFor();
  // Edit it: the emergency rule is added, the rest stays.
  await page.getByRole('button', { name: 'テスト子供家庭支援センター を編集' }).click();
  assert.equal(await page.locator('#org-municipalities').inputValue(), '練馬区\n板橋区');
  // Its webhook: plain http to another machine is refused naming the field;
  // https is set and the secret the server made is shown this once.
  const hook = page.locator('#webhook-form');
  await hook.getByText('Webhook はありません。').waitFor();
  await hook.getByLabel('送信先 URL').fill('http://partner.example.jp/hook');
  await hook.getByRole('button', { name: 'Webhook を設定する' }).click();
  await page.locator('#webhook-msg[data-kind="error"]').getByText('url:').waitFor();
  await hook.getByLabel('送信先 URL').fill('https://partner.example.jp/hook');
  await hook.getByRole('button', { name: 'Webhook を設定する' }).click();
  await page.locator('#webhook-msg[data-kind="ok"]').waitFor();
  assert.match(await page.locator('#webhook-secret').textContent(), /^yws_[0-9a-f]{64}$/);
  await hook.getByText(/送信中/).waitFor();
  await page.screenshot({ path: screenshotPath('admin-webhook.png'), fullPage: true });
  await page.locator('#org-form').getByLabel('緊急時の対応').fill('夜間は当番携帯へ');
  await page.getByRole('button', { name: '保存する' }).click();
  await page.locator('#orgs-table').getByText('夜間は当番携帯へ').waitFor();
  assert.ok(await page.locator('#orgs-table').getByText('ヤングケアラー支援', { exact: true }).isVisible());
  // Bad input is refused with the field named, and the form stays.
  await page.locator('#org-form').getByLabel('名前', { exact: true }).fill('重複のある組織');
  await page.locator('#org-form').getByLabel('区市町村').fill('練馬区\n練馬区');
  await page.getByRole('button', { name: '登録する' }).click();
  await page.locator('#org-form-msg[data-kind="error"]').getByText('municipalities').waitFor();

  // Lines: create one with a weekly window.
  await page.getByRole('tab', { name: '相談窓口' }).click();
  await page.locator('#lines-table tr[data-line-id="youth-health"]').waitFor();
  await page.getByRole('button', { name: '新しい窓口を作る' }).click();
  const editor = page.locator('#line-form');
  await editor.getByLabel('ID').fill('evening-talk');
  await editor.getByLabel('名前（日本語）').fill('夜のおしゃべり');
  await editor.getByLabel('名前（英語）').fill('Evening talk');
  await editor.getByLabel('説明（日本語）').fill('夜に少し話したいときに。');
  await editor.getByLabel('説明（英語）').fill('For a short talk in the evening.');
  await editor.getByLabel('並び順').fill('5');
  const day = tokyoDay(2);
  await editor.getByLabel('1行目の曜日').selectOption(day);
  await editor.getByLabel('1行目の開始').fill('18:00');
  await editor.getByLabel('1行目の終了').fill('21:00');
  // A second window that runs past midnight.
  await editor.getByRole('button', { name: '時間帯を追加' }).first().click();
  await editor.getByLabel('2行目の曜日').selectOption('sat');
  await editor.getByLabel('2行目の開始').fill('22:00');
  await editor.getByLabel('2行目の終了').fill('02:00');
  await editor.getByLabel('祝日は休み').check();
  await editor.getByRole('button', { name: '保存する' }).click();
  await page.locator('#line-form-msg[data-kind="ok"]').waitFor();
  const lineRow = page.locator('#lines-table tr[data-line-id="evening-talk"]');
  await lineRow.waitFor();
  assert.match(await lineRow.textContent(), /18:00–21:00/);

  // A validation error from the server (two exceptions on the same date) is shown.
  await editor.getByRole('button', { name: '日付を追加' }).click();
  await editor.getByLabel('1件目の日付', { exact: true }).fill('2030-01-02');
  await editor.getByRole('button', { name: '日付を追加' }).click();
  await editor.getByLabel('2件目の日付', { exact: true }).fill('2030-01-02');
  await editor.getByRole('button', { name: '保存する' }).click();
  await page.locator('#line-form-msg[data-kind="error"]').waitFor();
  assert.match(await page.locator('#line-form-msg').textContent(), /exceptions/);
  await editor.getByRole('button', { name: '2件目の日付を削除' }).click();
  // Give the remaining date its own hours instead of closing it.
  await editor.getByLabel('終日休み').uncheck();
  await editor.getByLabel('1件目・1つ目の時間帯の開始').fill('12:00');
  await editor.getByLabel('1件目・1つ目の時間帯の終了').fill('15:00');

  // Edit: change the first window's end.
  await editor.getByLabel('1行目の終了').fill('21:30');
  await editor.getByRole('button', { name: '保存する' }).click();
  await page.locator('#line-form-msg[data-kind="ok"]').waitFor();
  await page.locator('#lines-table tr[data-line-id="evening-talk"]', { hasText: '18:00–21:30' }).waitFor();
  await page.screenshot({ path: screenshotPath('admin-lines.png'), fullPage: true });

  // Editing an existing line loads its schedule into the editor.
  await page.getByRole('button', { name: '思春期の心と体の相談 を編集' }).click();
  assert.equal(await editor.getByLabel('ID').inputValue(), 'youth-health');
  assert.equal(await editor.getByLabel('1行目の曜日').inputValue(), 'wed');
  assert.equal(await editor.getByLabel('1行目の開始').inputValue(), '15:00');
  assert.equal(await editor.getByLabel('2行目の曜日').inputValue(), 'sun');
  assert.equal(await editor.getByLabel('説明（英語）').inputValue(), 'Your body, sexuality, periods, pregnancy, your feelings: talk anonymously about the worries of your teens.');
  assert.doesNotMatch(await page.locator('#line-sort-hint').textContent(), /推定/, 'the sort order is read, not guessed');
  await editor.getByRole('button', { name: 'やめる' }).click();

  // The sort order and both descriptions come back from the server as saved.
  await page.getByRole('button', { name: '夜のおしゃべり を編集' }).click();
  assert.equal(await editor.getByLabel('並び順').inputValue(), '5');
  assert.equal(await editor.getByLabel('説明（英語）').inputValue(), 'For a short talk in the evening.');
  assert.equal(await page.locator('#lines-table tbody tr').first().getAttribute('data-line-id'), 'evening-talk', 'listed by sort order');
  await editor.getByRole('button', { name: 'やめる' }).click();

  // The public list shows the new line with the right hours.
  const { page: teen } = await site.open(t, phoneOptions());
  await teen.goto(`${site.base}/`);
  const card = teen.locator('[data-line-id="evening-talk"]');
  await card.waitFor();
  const dayJa = { mon: '月', tue: '火', wed: '水', thu: '木', fri: '金', sat: '土', sun: '日' }[day];
  const hours = await card.locator('.week').textContent();
  assert.match(hours, new RegExp(`${dayJa}\\s*18:00–21:30`));
  // When the first window also falls on a Saturday, both are listed under 土.
  assert.match(hours, /土[^月火水木金日]*22:00–02:00（翌日）/);
  assert.match(await card.locator('.hours').textContent(), /祝日はお休みです/);

  // Delete it again.
  page.once('dialog', (dialog) => dialog.accept());
  await page.getByRole('button', { name: '夜のおしゃべり を削除' }).click();
  await page.locator('#lines-table tr[data-line-id="evening-talk"]').waitFor({ state: 'detached' });

  // The audit log shows what happened.
  await page.getByRole('tab', { name: '操作の記録' }).click();
  await page.locator('#audit-table tbody tr').first().waitFor();
  const audit = await page.locator('#audit-table').textContent();
  assert.match(audit, /line\.delete/);
  assert.match(audit, /line\.save/);
  assert.match(audit, /demo-admin/);
  await page.screenshot({ path: screenshotPath('admin-audit.png') });

  // Sign out.
  await page.getByRole('button', { name: 'サインアウト' }).click();
  await page.locator('#signin-view').waitFor();
  const session = await context.request.get(`${site.base}/api/staff/session`);
  assert.equal(session.status(), 401);
  assert.deepEqual(watch.problems(), []);
});
