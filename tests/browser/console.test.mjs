// The console's newer features against the real server: canned replies kept by
// supervisors and used with `/`, private notes, a supervisor who reads along
// (the counsellor sees it) and whispers (never the teen), transfer to a colleague
// chosen from a list, the wrap-up after the teen left, and the quick exit that
// forgets message text on the phone but not the device, so the chat resumes.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NEUTRAL_URL, addAccount, phoneOptions, realProblems, screenshotPath, useSite } from './support.mjs';

const second = { username: 'counselor2', password: 'second-counsellor-pass-42', display_name: '二番目の相談員' };

const site = useSite({ setup: ({ server }) => addAccount(server, 'counselor2', { ...second, role: 'counselor' }) });

async function startChat(page, nickname) {
  await page.goto(`${site.base}/chat/?line=anytime-demo`);
  await page.getByRole('heading', { name: '相談をはじめる' }).waitFor();
  if (nickname) await page.getByLabel('呼ばれたい名前（なくても大丈夫）').fill(nickname);
  await page.getByRole('button', { name: '相談をはじめる' }).click();
  await page.locator('#waiting').waitFor();
}

async function say(page, text) {
  const input = page.locator('#input');
  await input.fill(text);
  await input.press('Enter');
}

async function take(desk, nickname) {
  const item = desk.locator('.queue-item', { hasText: nickname });
  await item.waitFor();
  await item.getByRole('button', { name: /取る/ }).click();
  await desk.locator('#conv-heading', { hasText: nickname }).waitFor();
}

test('canned replies, notes, a watching supervisor, a whisper, transfer and the wrap-up after the teen left', async (t) => {
  // A supervisor keeps the canned replies.
  const { page: sup, watch: supWatch } = await site.staff(t, 'supervisor');
  await sup.getByRole('button', { name: '定型文' }).click();
  const editor = sup.getByRole('dialog', { name: '定型文の管理' });
  await editor.waitFor();
  await editor.locator('#canned-table-empty').waitFor();
  // The client asks for a title; the server's refusal (422) is shown too.
  await editor.getByRole('button', { name: '追加する' }).click();
  assert.match(await sup.locator('#canned-form-msg').textContent(), /タイトルを入力/);
  await sup.locator('#ce-title').evaluate((e) => e.removeAttribute('maxlength'));
  await editor.getByLabel('タイトル').fill('あ'.repeat(61));
  await editor.getByLabel('本文').fill('本文');
  await editor.getByRole('button', { name: '追加する' }).click();
  await sup.locator('#canned-form-msg:text("保存できませんでした")').waitFor();
  assert.match(await sup.locator('#canned-form-msg').textContent(), /title/);
  // One for this line, one for every line, one for another line; edit one, delete one.
  await editor.getByLabel('窓口', { exact: true }).selectOption('anytime-demo');
  await editor.getByLabel('タイトル').fill('お礼');
  await editor.getByLabel('本文').fill('話してくれてありがとう。\nゆっくりで大丈夫です。');
  await editor.getByRole('button', { name: '追加する' }).click();
  await editor.locator('#canned-table tr', { hasText: 'お礼' }).waitFor();
  await editor.getByLabel('窓口', { exact: true }).selectOption('');
  await editor.getByLabel('タイトル').fill('安全の確認');
  await editor.getByLabel('本文').fill('いまいる場所は安全ですか。');
  await editor.getByRole('button', { name: '追加する' }).click();
  await editor.locator('#canned-table tr', { hasText: '安全の確認' }).waitFor();
  await editor.getByLabel('窓口', { exact: true }).selectOption('youth-health');
  await editor.getByLabel('タイトル').fill('ほかの窓口');
  await editor.getByLabel('本文').fill('この窓口だけの文です。');
  await editor.getByRole('button', { name: '追加する' }).click();
  await editor.locator('#canned-table tr', { hasText: 'ほかの窓口' }).waitFor();
  assert.match(await editor.locator('#canned-table tr', { hasText: '安全の確認' }).textContent(), /すべての窓口/);
  await editor.getByRole('button', { name: '安全の確認 を編集' }).click();
  await editor.getByLabel('本文').fill('いま、あなたの安全が心配です。いまいる場所は安全ですか。');
  await editor.getByRole('button', { name: '保存する' }).click();
  await editor.locator('#canned-table tr', { hasText: 'あなたの安全が心配です' }).waitFor();
  await editor.locator('#canned-table tr', { hasText: 'ほかの窓口' }).waitFor();
  await sup.screenshot({ path: screenshotPath('console-canned-editor.png') });
  sup.once('dialog', (dialog) => dialog.accept());
  await editor.getByRole('button', { name: 'お礼 を削除' }).click();
  await editor.locator('#canned-table tr', { hasText: 'お礼' }).waitFor({ state: 'detached' });
  // Added again for the counsellor.
  await editor.getByLabel('窓口', { exact: true }).selectOption('anytime-demo');
  await editor.getByLabel('タイトル').fill('お礼');
  await editor.getByLabel('本文').fill('話してくれてありがとう。\nゆっくりで大丈夫です。');
  await editor.getByRole('button', { name: '追加する' }).click();
  await editor.locator('#canned-table tr', { hasText: 'お礼' }).waitFor();
  await editor.getByRole('button', { name: '閉じる' }).click();

  // A teen starts; the counsellor takes the chat and uses a canned reply with `/`.
  const { page: phone, watch: teenWatch } = await site.open(t, phoneOptions());
  await startChat(phone, 'ひな');
  await say(phone, 'こんばんは。弟の世話がたいへんです');
  const { page: desk, watch: deskWatch } = await site.staff(t, 'counselor');
  assert.ok(await desk.getByRole('button', { name: '定型文' }).isHidden(), 'only supervisors edit canned replies');
  await take(desk, 'ひな');
  await desk.locator('#input').press('/');
  await desk.locator('#canned').waitFor();
  await desk.locator('#canned-list .canned-item').nth(1).waitFor();
  // This line's and every line's replies, not another line's.
  assert.deepEqual((await desk.locator('#canned-list .canned-item-title').allTextContents()).sort(), ['お礼', '安全の確認'].sort());
  const titles = await desk.locator('#canned-list .canned-item-title').allTextContents();
  for (let i = 0; i < titles.indexOf('お礼'); i += 1) await desk.locator('#input').press('ArrowDown');
  await desk.locator('#input').press('Enter');
  assert.equal(await desk.locator('#input').inputValue(), '話してくれてありがとう。\nゆっくりで大丈夫です。');
  assert.equal(await desk.locator('#log li.bubble-counselor').count(), 0, 'nothing sent before editing');
  await desk.locator('#input').press('End');
  await desk.locator('#input').pressSequentially('ひなさん');
  await desk.locator('#input').press('Enter');
  await phone.locator('#log li.bubble-counselor .body', { hasText: 'ゆっくりで大丈夫です。ひなさん' }).waitFor();

  // A private note, in the context panel with its author.
  await desk.getByLabel('メモを追加').fill('弟の世話。学校の話は次回に。');
  await desk.getByRole('button', { name: 'メモを残す' }).click();
  const myNote = desk.locator('#notes li', { hasText: '弟の世話。学校の話は次回に。' });
  await myNote.waitFor();
  assert.match(await myNote.locator('.note-author').textContent(), /\S/);
  assert.equal(await desk.getByLabel('メモを追加').inputValue(), '');

  // The supervisor opens the chat: the counsellor sees who is watching.
  await sup.reload();
  await sup.locator('#presence[data-state="open"]').waitFor();
  const supItem = sup.locator('.chat-item', { hasText: 'ひな' });
  await supItem.waitFor();
  await supItem.click();
  await sup.locator('#log li.bubble-counselor .body', { hasText: 'ひなさん' }).waitFor();
  await sup.locator('#notes li', { hasText: '学校の話は次回に' }).waitFor();
  const watching = desk.locator('#conv-watching');
  await watching.waitFor();
  assert.match(await watching.textContent(), /👀 .+ さんが見守っています/);

  // The supervisor whispers; the counsellor sees it prominently, the teen never.
  const whisperText = '189 の案内も考えてみてください。';
  await sup.getByLabel('相談員へのささやき（相談者には見えません）').fill(whisperText);
  await sup.getByRole('button', { name: 'ささやく' }).click();
  await sup.locator('#notes li', { hasText: whisperText }).waitFor();
  const banner = desk.locator('#whisper');
  await banner.waitFor();
  assert.match(await banner.textContent(), /スーパーバイザーより/);
  assert.match(await banner.textContent(), /189 の案内も考えてみてください。/);
  assert.match(await desk.locator('#whisper-live').textContent(), /189 の案内/, 'announced politely');
  assert.equal(await desk.locator('#whisper-live').getAttribute('aria-live'), 'polite');
  await desk.locator('#notes li.note-whisper', { hasText: whisperText }).waitFor();
  assert.deepEqual(
    await desk.locator('#notes .note-body').allTextContents(),
    ['弟の世話。学校の話は次回に。', whisperText],
    'notes oldest first, newest last',
  );
  await desk.screenshot({ path: screenshotPath('console-notes-whisper.png') });
  await sup.screenshot({ path: screenshotPath('console-supervisor-watching.png') });
  await say(desk, '困ったときに電話できるところもあります。');
  await phone.locator('#log li.bubble-counselor .body', { hasText: '電話できるところ' }).waitFor();
  await phone.waitForTimeout(300);
  const teenText = await phone.locator('body').textContent();
  assert.ok(!teenText.includes('189 の案内も'), 'the whisper never reaches the teen');
  assert.ok(!teenText.includes('学校の話は次回に'), 'notes never reach the teen');
  assert.ok(!teenText.includes('見守っています'));
  await desk.getByRole('button', { name: '確認しました' }).click();
  assert.ok(await banner.isHidden());

  // Transfer to a colleague chosen from the list (not myself).
  const { page: desk2, watch: desk2Watch } = await site.staff(t, 'counselor2');
  await desk.locator('#transfer-box summary').click();
  const select = desk.getByLabel('引き継ぎ先');
  await select.locator('option', { hasText: second.display_name }).waitFor({ state: 'attached' });
  const options = await select.locator('option').allTextContents();
  const me = await desk.locator('#who').textContent();
  assert.ok(!options.some((o) => o.startsWith(`${me}（`)), `no transfer to myself: ${options.join(' / ')}`);
  await desk.getByRole('button', { name: '引き継ぐ' }).click();
  assert.match(await desk.locator('#transfer-msg').textContent(), /選んでください/);
  await select.selectOption({ label: `${second.display_name}（相談員）` });
  await desk.getByRole('button', { name: '引き継ぐ' }).click();
  await desk.locator('.chat-item', { hasText: 'ひな' }).waitFor({ state: 'detached' });
  await desk2.locator('#conv-heading', { hasText: 'ひな' }).waitFor();
  await desk2.locator('#log li.bubble-teen .body', { hasText: '弟の世話がたいへん' }).waitFor();
  await desk2.locator('#notes li', { hasText: '学校の話は次回に' }).waitFor();
  await say(desk2, '引き継ぎました。続けて聞かせてください。');
  await phone.locator('#log li.bubble-counselor .body', { hasText: '引き継ぎました' }).waitFor();

  // The teen ends the chat: it stays in the list with "まとめ未記入" until the wrap-up.
  await phone.getByRole('button', { name: '相談を終える' }).click();
  await phone.getByRole('button', { name: '終える', exact: true }).click();
  await phone.getByRole('heading', { name: '相談はこれで終わりです' }).waitFor();
  const item = desk2.locator('.chat-item', { hasText: 'ひな' });
  await item.locator('.tag', { hasText: 'まとめ未記入' }).waitFor();
  await desk2.locator('#conv-wrap-needed').waitFor();
  assert.ok(await desk2.locator('#composer').isHidden());
  await desk2.screenshot({ path: screenshotPath('console-wrap-up-missing.png') });
  await desk2.getByRole('button', { name: 'まとめを書く' }).click();
  const wrap = desk2.locator('#wrap');
  await wrap.waitFor();
  await wrap.getByLabel('家族の世話').check();
  await wrap.getByLabel('リスクの判断').selectOption('low');
  await wrap.getByLabel('今後の対応').fill('また話そうと伝えた。');
  await wrap.getByRole('button', { name: '記録する' }).click();
  await item.waitFor({ state: 'detached' });
  assert.equal(await desk2.locator('.chat-item').count(), 0);

  assert.deepEqual(realProblems(supWatch), []);
  assert.deepEqual(realProblems(deskWatch), []);
  assert.deepEqual(realProblems(desk2Watch), []);
  assert.deepEqual(realProblems(teenWatch), []);
});

test('quick exit forgets the message text on the phone but keeps the device; coming back resumes the chat', async (t) => {
  const { page: phone, watch } = await site.open(t, phoneOptions());
  await startChat(phone, 'そよ');
  await say(phone, 'だれにも言えないことがあります');
  await phone.locator('#log li.bubble-teen .state:text("送信済み")').waitFor();
  const { page: desk } = await site.staff(t, 'counselor');
  await take(desk, 'そよ');
  await say(desk, 'ここでは安心して話してください。');
  await phone.locator('#log li.bubble-counselor .body', { hasText: '安心して話して' }).waitFor();

  const before = await phone.evaluate(() => Object.keys(localStorage).sort());
  assert.ok(before.includes('yorisoi.device'));
  assert.ok(before.some((k) => k.startsWith('yorisoi.chat.')), `a local copy is kept: ${before.join(', ')}`);
  const device = await phone.evaluate(() => localStorage.getItem('yorisoi.device'));

  await phone.locator('[data-quick-exit]').tap();
  await phone.waitForURL(NEUTRAL_URL);

  // Back on the site (the landing page writes nothing): only the device token is left.
  await phone.goto(`${site.base}/`);
  const after = await phone.evaluate(() => Object.fromEntries(Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)])));
  assert.equal(after['yorisoi.device'], device, 'the device token stays');
  assert.deepEqual(
    Object.keys(after).filter((k) => k.startsWith('yorisoi.')),
    ['yorisoi.device'],
    'no conversation copy and no outbox',
  );
  assert.ok(!Object.values(after).some((v) => String(v).includes('だれにも言えない')), 'no message text anywhere');
  assert.equal(await phone.evaluate(() => sessionStorage.length), 0);

  // The chat page resumes the open conversation from the server, each message once.
  await phone.goto(`${site.base}/chat/`);
  await phone.locator('#active-bar').waitFor();
  await phone.locator('#log li.bubble-counselor .body', { hasText: '安心して話して' }).waitFor();
  await phone.waitForTimeout(300);
  assert.deepEqual(await phone.locator('#log li.bubble-teen .body').allTextContents(), ['だれにも言えないことがあります']);
  assert.deepEqual(await phone.locator('#log li.bubble-counselor .body').allTextContents(), ['ここでは安心して話してください。']);
  await say(phone, 'もどってきました');
  await desk.locator('#log li.bubble-teen .body', { hasText: 'もどってきました' }).waitFor();

  // Tidy: the teen ends it.
  await phone.getByRole('button', { name: '相談を終える' }).click();
  await phone.getByRole('button', { name: '終える', exact: true }).click();
  await phone.getByRole('heading', { name: '相談はこれで終わりです' }).waitFor();
  assert.deepEqual(realProblems(watch), []);
});
