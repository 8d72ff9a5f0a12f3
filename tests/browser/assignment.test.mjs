// Who takes which chat, in the pages: the administrator sets the limit of chats
// at once and automatic assignment for a line; the console shows the limit and
// gets chats on an automatic line without taking them; a teen takes a return
// code at the end of a chat and comes back to the same counsellor with it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { adminApi, phoneOptions, realProblems, screenshotPath, signIn, useSite } from './support.mjs';

const site = useSite();

test('the administrator sets limits and automatic assignment; the console keeps to them', async (t) => {
  const { page: admin, watch: adminWatch } = await site.open(t);
  await signIn(admin, `${site.base}/admin/`, site.server.accounts.admin);
  const counselorRow = admin.locator('#accounts-table tr[data-username="demo-counselor"]');
  await counselorRow.waitFor();
  assert.equal(await admin.locator('#capacity-default').inputValue(), '6');
  await admin.locator('#capacity-default').fill('0');
  await admin.getByRole('button', { name: '上限を保存' }).click();
  await admin.locator('#capacity-msg[data-kind="error"]').waitFor();
  await admin.locator('#capacity-default').fill('4');
  await admin.getByRole('button', { name: '上限を保存' }).click();
  await admin.locator('#capacity-msg[data-kind="ok"]').waitFor();
  // One counsellor gets a limit of their own.
  await counselorRow.getByLabel('demo-counselor の同時対応の上限').selectOption('2');
  await admin.locator('#accounts-msg[data-kind="ok"]').waitFor();
  assert.match(await admin.locator('#accounts-msg').textContent(), /demo-counselor.*2/);

  // The always-open demo line assigns by itself.
  await admin.getByRole('tab', { name: '相談窓口' }).click();
  const lineRow = admin.locator('#lines-table tr[data-line-id="anytime-demo"]');
  await lineRow.waitFor();
  await lineRow.getByRole('button', { name: /編集/ }).click();
  await admin.locator('#line-form').getByLabel('自動で割り当てる').check();
  await admin.locator('#line-form').getByRole('button', { name: '保存する' }).click();
  await admin.locator('#line-form-msg[data-kind="ok"]').waitFor();
  await lineRow.getByText('自動割り当て').waitFor();
  await admin.screenshot({ path: screenshotPath('admin-assignment.png'), fullPage: true });

  // The console shows the limit and offers no more than it.
  const { page: desk, watch: deskWatch } = await site.open(t);
  await signIn(desk, `${site.base}/console/`, site.server.accounts.counselor);
  await desk.locator('#presence[data-state="open"]').waitFor();
  await desk.locator('#capacity-limit', { hasText: '上限 2' }).waitFor();
  assert.deepEqual(await desk.locator('#capacity option').allTextContents(), ['1', '2']);

  // A teen on the automatic line: the chat reaches the console without a take.
  const { page: teen, watch: teenWatch } = await site.open(t, phoneOptions());
  await teen.goto(`${site.base}/chat/?line=anytime-demo`);
  await teen.getByLabel('呼ばれたい名前（なくても大丈夫）').fill('じどう');
  await teen.getByRole('button', { name: '相談をはじめる' }).click();
  await teen.locator('#active-bar').waitFor();
  await desk.locator('#conv-heading', { hasText: 'じどう' }).waitFor();
  await desk.screenshot({ path: screenshotPath('console-auto-assigned.png') });

  for (const watch of [adminWatch, deskWatch, teenWatch]) assert.deepEqual(realProblems(watch), []);
});

test('a return code at the end of a chat leads back to the same counsellor', async (t) => {
  // A manual, always-open line of its own (the demo line is automatic by now).
  const admin = await adminApi(site.server.url, site.server.accounts.admin);
  const weekly = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => ({ day, start: '00:00', end: '24:00' }));
  const made = await admin('PUT', '/api/admin/lines/return-test', {
    name_ja: 'もどってくる窓口',
    name_en: 'Return test',
    schedule: { weekly, exceptions: [], closed_on_public_holidays: false, last_entry_minutes: 0 },
  });
  assert.equal(made.status, 200, JSON.stringify(made.body));
  const { page: desk, watch: deskWatch } = await site.open(t);
  await signIn(desk, `${site.base}/console/`, site.server.accounts.supervisor);
  await desk.locator('#presence[data-state="open"]').waitFor();

  const { page: teen, watch: teenWatch } = await site.open(t, phoneOptions());
  await teen.goto(`${site.base}/chat/?line=return-test`);
  await teen.getByRole('heading', { name: '相談をはじめる' }).waitFor();
  await teen.getByRole('button', { name: '相談をはじめる' }).click();
  await teen.locator('#waiting').waitFor();
  const item = desk.locator('.queue-item').first();
  await item.waitFor();
  await item.getByRole('button', { name: /取る/ }).click();
  await teen.locator('#active-bar').waitFor();
  await teen.getByRole('button', { name: '相談を終える' }).click();
  await teen.getByRole('button', { name: '終える', exact: true }).click();
  await teen.locator('#ended').waitFor();
  await teen.getByRole('button', { name: '次のための番号をもらう' }).click();
  // The code comes back over the socket: wait for it rather than read at once.
  await teen.locator('#return-value', { hasText: /^[A-Z2-9]{4}-[A-Z2-9]{4}$/ }).waitFor();
  const code = (await teen.locator('#return-value').textContent()).trim();
  assert.match(code, /^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  assert.match(await teen.locator('#return-expiry').textContent(), /まで使えます/);
  await teen.screenshot({ path: screenshotPath('teen-return-code.png') });

  // Next time, on a fresh phone: a wrong code first, then the right one.
  const { page: again, watch: againWatch } = await site.open(t, phoneOptions());
  await again.goto(`${site.base}/chat/?line=return-test`);
  await again.getByRole('heading', { name: '相談をはじめる' }).waitFor();
  await again.getByText('前回もらった番号がある人').click();
  await again.getByLabel('番号（8文字）').fill('ZZZZ-ZZZZ');
  await again.getByRole('button', { name: '相談をはじめる' }).click();
  await again.locator('#start-msg', { hasText: 'この番号は見つかりませんでした' }).waitFor();
  await again.getByLabel('番号（8文字）').fill(code.toLowerCase());
  await again.getByRole('button', { name: '相談をはじめる' }).click();
  await again.locator('#return-note', { hasText: '前回の相談員につながります。' }).waitFor();
  await again.locator('#active-bar').waitFor();
  await desk.locator('.chat-item .tag-return').waitFor();
  assert.ok(await again.locator('#quick-exit').isVisible(), 'quick exit stays');

  for (const watch of [deskWatch, teenWatch, againWatch]) assert.deepEqual(realProblems(watch), []);
});
