// A teen on a phone and a counsellor on a desktop chat through the real server:
// waiting room, take, messages both ways, the teen's network drops and comes
// back (nothing lost, nothing twice), reload, wrap-up and the kind ending,
// history deletion and the quick exit. And a supervisor is alerted to a crisis.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NEUTRAL_URL, adminApi, phoneOptions, realProblems, screenshotPath, useSite } from './support.mjs';

const site = useSite();

async function startChat(page, nickname) {
  await page.goto(`${site.base}/chat/?line=anytime-demo`);
  assert.equal(await page.title(), 'メモ', 'neutral tab title');
  await page.getByRole('heading', { name: '相談をはじめる' }).waitFor();
  if (nickname) await page.getByLabel('呼ばれたい名前（なくても大丈夫）').fill(nickname);
  await page.getByRole('button', { name: '相談をはじめる' }).click();
  await page.locator('#waiting').waitFor();
}

/** Types into the composer and presses Enter. */
async function say(page, text) {
  const input = page.locator('#input');
  await input.fill(text);
  await input.press('Enter');
}

/** The bodies in a log, in order. */
async function bodies(page, sender) {
  return page.locator(`#log li.bubble-${sender} .body`).allTextContents();
}

test('a teen and a counsellor chat; the network drops and nothing is lost or doubled', async (t) => {
  const { context: teenContext, page: phone, watch: teenWatch } = await site.open(t, phoneOptions());
  await startChat(phone, 'みー');
  const position = phone.locator('#wait-position');
  await phone.locator('#wait-position:text("1番目")').waitFor();
  assert.match(await phone.locator('#wait-ahead').textContent(), /次はあなたの番です/);
  assert.match(await phone.locator('#wait-estimate').textContent(), /待ち時間の目安|まもなく/);
  assert.ok(await position.isVisible());
  assert.ok(await phone.getByRole('button', { name: '待つのをやめる' }).isVisible());
  assert.equal(await phone.locator('[data-quick-exit]').count(), 1);
  assert.equal(await phone.getByRole('log').count(), 1);

  // Written while waiting: sent, and the counsellor will see it.
  await say(phone, 'こんにちは。家のことで話したいです');
  await phone.locator('#log li.bubble-teen .state:text("送信済み")').waitFor();
  assert.equal(await phone.evaluate(() => document.activeElement.id), 'input', 'focus stays in the composer');
  await phone.screenshot({ path: screenshotPath('chat-waiting-phone.png') });

  // The counsellor sees it in the queue and takes it.
  const { page: desk, watch: deskWatch } = await site.staff(t, 'counselor');
  await desk.getByRole('button', { name: 'シフト開始' }).click();
  const item = desk.locator('.queue-item', { hasText: 'みー' });
  await item.waitFor();
  assert.match(await desk.locator('.queue-line').first().textContent(), /いつでも相談/, 'the queue is grouped per line');
  assert.match(await item.locator('.qi-wait').textContent(), /待ち \d+分\d{2}秒/);
  await item.getByRole('button', { name: /取る/ }).click();
  await desk.locator('#log li.bubble-teen .body', { hasText: 'こんにちは。家のことで話したいです' }).waitFor();
  assert.equal(await desk.evaluate(() => document.activeElement.id), 'input', 'focus goes to the composer after taking');
  // The queue view follows the node's queue snapshot, a moment after the take.
  await desk.locator('.queue-item').first().waitFor({ state: 'detached' });
  assert.equal(await desk.locator('.queue-item').count(), 0, 'the queue is empty again');

  // The teen sees that a counsellor is there.
  await phone.locator('#active-bar').waitFor();
  assert.ok(await phone.locator('#waiting').isHidden());

  await say(desk, 'はじめまして。相談員です。ゆっくりでいいので教えてください。');
  await phone.locator('#log li.bubble-counselor .body', { hasText: 'はじめまして' }).waitFor();
  await say(phone, 'おばあちゃんの世話で、宿題ができません');
  await desk.locator('#log li.bubble-teen .body', { hasText: 'おばあちゃんの世話' }).waitFor();

  // The teen's network drops.
  await teenContext.setOffline(true);
  await phone.locator('#conn:text("再接続中")').waitFor();
  await say(desk, 'ひとつめのメッセージです');
  await say(desk, 'ふたつめのメッセージです');
  await desk.locator('#log li.bubble-counselor:not(.pending) .body', { hasText: 'ふたつめ' }).waitFor();
  await say(phone, 'でんぱが悪いところで書きました');
  await phone.locator('#log li.pending .state:text("つながったら送ります")').waitFor();
  await phone.screenshot({ path: screenshotPath('chat-offline-phone.png') });

  // Back online: both counsellor messages exactly once, in order; the offline message delivered once.
  await teenContext.setOffline(false);
  await phone.locator('#log li.bubble-counselor .body', { hasText: 'ふたつめ' }).waitFor({ timeout: 20_000 });
  await desk.locator('#log li.bubble-teen .body', { hasText: 'でんぱが悪いところで' }).waitFor({ timeout: 20_000 });
  await phone.locator('#log li.bubble-teen .state:text("送信済み")').nth(2).waitFor();
  await phone.locator('#conn:empty').waitFor({ state: 'attached' });
  const expectedCounselor = ['はじめまして。相談員です。ゆっくりでいいので教えてください。', 'ひとつめのメッセージです', 'ふたつめのメッセージです'];
  assert.deepEqual(await bodies(phone, 'counselor'), expectedCounselor);
  const expectedTeen = ['こんにちは。家のことで話したいです', 'おばあちゃんの世話で、宿題ができません', 'でんぱが悪いところで書きました'];
  assert.deepEqual(await bodies(phone, 'teen'), expectedTeen);
  // Give a duplicate a moment to show up, then count on the counsellor's side.
  await desk.waitForTimeout(500);
  assert.deepEqual(await bodies(desk, 'teen'), expectedTeen);
  assert.deepEqual(await bodies(desk, 'counselor'), expectedCounselor);
  assert.equal(await phone.evaluate(() => JSON.parse(localStorage.getItem('yorisoi.outbox') || '[]').length), 0, 'the outbox is empty');
  // Seqs on the phone are increasing with no repeats.
  const seqs = (await phone.locator('#log li[data-seq]').evaluateAll((els) => els.map((e) => Number(e.dataset.seq))));
  assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b));
  assert.equal(new Set(seqs).size, seqs.length);

  // A reload resumes from what the phone has: still each message once.
  await phone.reload();
  await phone.locator('#active-bar').waitFor();
  await phone.waitForTimeout(500);
  assert.deepEqual(await bodies(phone, 'counselor'), expectedCounselor);
  assert.deepEqual(await bodies(phone, 'teen'), expectedTeen);
  await phone.screenshot({ path: screenshotPath('chat-phone.png') });

  // Typing shows on the phone.
  await desk.locator('#input').pressSequentially('もう少し');
  await phone.locator('#typing').waitFor();
  await desk.locator('#input').fill('');

  // The counsellor ends with a wrap-up.
  await desk.screenshot({ path: screenshotPath('console-chat.png') });
  await desk.getByRole('button', { name: '終了する' }).click();
  const wrap = desk.locator('#wrap');
  await wrap.waitFor();
  await wrap.getByRole('button', { name: '記録して終了' }).click();
  await desk.locator('#wrap-msg:text("話題を1つ以上")').waitFor();
  await wrap.getByLabel('家族の世話').check();
  await wrap.getByLabel('学校・勉強').check();
  await wrap.getByLabel('リスクの判断').selectOption('low');
  await wrap.getByLabel('今後の対応').fill('また話そうと伝えた。地域の支援の情報を伝えた。');
  await wrap.getByLabel('世話をしている相手（読点で区切る）').fill('祖母');
  await wrap.getByLabel('世話の時間（週あたり・時間）').fill('15');
  await wrap.getByLabel('学校への影響').fill('宿題の時間がない');
  await desk.screenshot({ path: screenshotPath('console-wrap-up.png') });
  await wrap.getByRole('button', { name: '記録して終了' }).click();
  await desk.locator('#conv-empty').waitFor();
  assert.equal(await desk.locator('.chat-item').count(), 0);

  // The teen sees the kind ending, ways on, and the emergency numbers.
  await phone.getByRole('heading', { name: '相談はこれで終わりです' }).waitFor();
  assert.ok(await phone.locator('#composer').isHidden());
  assert.ok(await phone.locator('a[href="tel:189"]').isVisible());
  assert.ok(await phone.locator('a[href="tel:0120078310"]').isVisible());
  await phone.screenshot({ path: screenshotPath('chat-ended-phone.png'), fullPage: true });

  // Start again: the history lists the finished chat, readable, and deletable.
  await phone.getByRole('link', { name: 'もう一度相談する' }).click();
  await phone.getByRole('heading', { name: '相談をはじめる' }).waitFor();
  await phone.locator('#history-list li').first().waitFor();
  assert.equal(await phone.locator('#history-list li').count(), 1);
  await phone.locator('#history-list li').getByRole('button', { name: /読む/ }).click();
  await phone.locator('#readonly-bar').waitFor();
  await phone.locator('#log li.bubble-counselor .body', { hasText: 'ふたつめ' }).waitFor();
  assert.deepEqual(await bodies(phone, 'counselor'), expectedCounselor);
  assert.ok(await phone.locator('#composer').isHidden(), 'a past chat is read only');
  await phone.getByRole('button', { name: 'もどる' }).click();
  await phone.getByRole('button', { name: 'この端末の履歴を削除' }).click();
  await phone.locator('#history-msg:text("1 件を削除しました")').waitFor();
  assert.equal(await phone.locator('#history-list li').count(), 0);

  // Quick exit from the chat page: Esc twice.
  await phone.evaluate(() => sessionStorage.setItem('draft', 'private'));
  await phone.keyboard.press('Escape');
  await phone.keyboard.press('Escape');
  await phone.waitForURL(NEUTRAL_URL);

  assert.deepEqual(realProblems(teenWatch), []);
  assert.deepEqual(realProblems(deskWatch), []);
});

test('the quick exit button on the waiting screen leaves at once', async (t) => {
  const { page, watch } = await site.open(t, phoneOptions());
  await startChat(page);
  const before = await page.evaluate(() => history.length);
  await page.locator('[data-quick-exit]').tap();
  await page.waitForURL(NEUTRAL_URL);
  assert.equal(await page.evaluate(() => history.length), before);
  // Leave the queue tidy for the next test: a new page on the same device leaves it.
  await page.goto(`${site.base}/chat/?line=anytime-demo`);
  await page.getByRole('button', { name: '待つのをやめる' }).click();
  await page.getByRole('button', { name: 'やめる', exact: true }).click();
  await page.getByRole('heading', { name: '相談はこれで終わりです' }).waitFor();
  assert.deepEqual(realProblems(watch), []);
});

test('a supervisor is alerted to a crisis, sees why, and can read the chat silently', async (t) => {
  const { page: sup, watch: supWatch } = await site.staff(t, 'supervisor');
  await sup.getByRole('button', { name: 'シフト開始' }).click();
  const { page: phone, watch: teenWatch } = await site.open(t, phoneOptions());
  await startChat(phone, 'そら');
  await say(phone, '今夜、薬を全部飲んで死ぬつもり');
  await phone.locator('#log li.bubble-teen .state:text("送信済み")').waitFor();

  const alert = sup.locator('#alerts .alert');
  await alert.waitFor();
  assert.match(await alert.textContent(), /緊急/);
  assert.match(await alert.textContent(), /自傷・自殺/);
  // The queue shows the risk first, with the words and the category, never a bare score.
  // The alert comes at once; the queue follows a moment later, risk first.
  const item = sup.locator('.queue-item[data-risk="critical"]', { hasText: 'そら' });
  await item.waitFor();
  assert.equal(await item.getAttribute('data-risk'), 'critical');
  assert.match(await item.locator('.reasons').textContent(), /自傷・自殺/);
  assert.match(await item.locator('.reasons').textContent(), /「.*死ぬ.*」/);
  await sup.screenshot({ path: screenshotPath('console-alert.png') });

  // `?` opens the shortcuts.
  await sup.locator('body').press('?');
  await sup.getByRole('dialog', { name: 'ショートカット一覧' }).waitFor();
  await sup.keyboard.press('Escape');

  await alert.getByRole('button', { name: '開く' }).click();
  await sup.locator('#log li.bubble-teen .body', { hasText: '薬を全部飲んで' }).waitFor();
  assert.ok(await sup.locator('#composer').isHidden(), 'a supervisor reads silently');

  // Tidy: the teen leaves.
  await phone.getByRole('button', { name: '待つのをやめる' }).click();
  await phone.getByRole('button', { name: 'やめる', exact: true }).click();
  await phone.getByRole('heading', { name: '相談はこれで終わりです' }).waitFor();
  assert.deepEqual(realProblems(supWatch), []);
  assert.deepEqual(realProblems(teenWatch), []);
});

test('the canned replies go into the composer for editing, never straight out', async (t) => {
  // Supervisors keep the canned replies on the server: one for every line, one for this line.
  const api = await adminApi(site.server.url, site.server.accounts.supervisor);
  const made = [
    await api('POST', '/api/staff/canned-replies', { title: '1 はじめに', body: 'はじめまして。相談員です。' }),
    await api('POST', '/api/staff/canned-replies', { line_id: 'anytime-demo', title: '2 お礼', body: '話してくれてありがとう。' }),
  ];
  for (const r of made) assert.equal(r.status, 201, JSON.stringify(r.body));
  t.after(async () => {
    for (const r of made) await api('DELETE', `/api/staff/canned-replies/${r.body.canned_reply.id}`);
  });
  const { page: phone } = await site.open(t, phoneOptions());
  await startChat(phone, 'うみ');
  const { page: desk, watch } = await site.staff(t, 'counselor');
  const item = desk.locator('.queue-item', { hasText: 'うみ' });
  await item.waitFor();
  await item.getByRole('button', { name: /取る/ }).click();
  await desk.locator('#conv').waitFor();
  await desk.locator('#input').press('/');
  await desk.locator('#canned').waitFor();
  await desk.locator('#canned-list .canned-item').nth(1).waitFor();
  assert.deepEqual(await desk.locator('#canned-list .canned-item-title').allTextContents(), ['1 はじめに', '2 お礼']);
  await desk.locator('#input').press('ArrowDown');
  await desk.locator('#input').press('Enter');
  assert.ok(await desk.locator('#canned').isHidden());
  assert.match(await desk.locator('#input').inputValue(), /話してくれてありがとう/);
  assert.equal(await desk.locator('#log li.bubble-counselor').count(), 0, 'nothing was sent');
  // An IME composing Enter does not send.
  await desk.locator('#input').dispatchEvent('keydown', { key: 'Enter', keyCode: 229, isComposing: true });
  assert.equal(await desk.locator('#log li.bubble-counselor').count(), 0);
  await desk.locator('#input').press('Enter');
  await phone.locator('#log li.bubble-counselor .body', { hasText: '話してくれてありがとう' }).waitFor();
  assert.deepEqual(realProblems(watch), []);
});
