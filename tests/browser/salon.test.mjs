// The online salon in real browsers: three young carers on phones (Japanese,
// touch) and a moderator on a desktop in the same rooms. Join after the
// rules, live fan-out, a dropped connection that resumes exactly once, a
// nickname that looks like markup shown as text, reactions and a report, a
// held first message approved from the console, the nudge before sending and
// the warm help panel, a ban the banned participant sees and cannot get past,
// and the quick exit; the moderators' 「ケース」 tab: a case's detail with notes
// both ways, and an emergency that only a second supervisor confirms.
// Screenshots of every page go to screenshots/.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NEUTRAL_URL, addAccount, adminApi, audit, desktopOptions, phoneOptions, realProblems, screenshotPath, useSite } from './support.mjs';

// Nicknames are up to 20 characters: markup that would run if it were ever HTML.
const XSS = '<svg/onload=alert()>';
const XSS_BODY = '<img src=x onerror=alert(1)>';

// A second supervisor, for the four eyes on an emergency case.
const secondSupervisor = { username: 'supervisor2', password: 'second-supervisor-pass-42', display_name: '二人目のスーパーバイザー' };

const site = useSite({ setup: ({ server }) => addAccount(server, 'supervisor2', { ...secondSupervisor, role: 'supervisor' }) });

/** The moderation page, signed in as `role` (a moderator, or one of the supervisors). */
async function moderator(t, role = 'moderator') {
  return site.staff(t, role, '/moderation/');
}

async function phone(t) {
  const { context, page, watch } = await site.open(t, phoneOptions());
  // A dialog would mean markup ran.
  page.on('dialog', (dialog) => {
    watch.problems().push(`dialog: ${dialog.message()}`);
    dialog.dismiss();
  });
  return { context, page, watch };
}

/** The moderator opens a room from its controls. */
async function openRoom(mod, roomId) {
  await mod.locator(`.room-item[data-room-id="${roomId}"]`).click();
  await mod.getByRole('button', { name: '部屋を開ける' }).click();
  await mod.locator(`.room-item[data-room-id="${roomId}"] .av-open`).waitFor();
}

/** A participant enters a room for the first time: rules, nickname, join. */
async function joinRoom(page, roomId, nickname) {
  await page.goto(`${site.base}/salon/`);
  assert.equal(await page.title(), 'メモ', 'neutral tab title');
  await page.locator(`[data-room-id="${roomId}"] button`).tap();
  await page.getByRole('heading', { name: 'この部屋のきまり' }).first().waitFor();
  await page.getByLabel('この部屋でのニックネーム').fill(nickname);
  await page.getByLabel('きまりを読みました。守って参加します。').check();
  await page.getByRole('button', { name: '参加する' }).tap();
  await page.locator('#view-room:not([hidden])').waitFor();
}

async function say(page, text) {
  await page.locator('#input').fill(text);
  await page.locator('#input').press('Enter');
}

/** The bodies in the room's log (published messages only), in order. */
async function bodies(page) {
  return page.locator('#log li[data-seq] .body').allTextContents();
}

async function waitForBody(page, text) {
  await page.locator('#log li[data-seq] .body', { hasText: text }).first().waitFor();
}

/** A participant sends a message the nudge asks about, choosing to send it as written. */
async function sendPastNudge(page, text) {
  await say(page, text);
  await page.locator('#nudge:not([hidden])').waitFor();
  await page.getByRole('button', { name: 'このまま送る' }).tap();
}

/** A participant sends a cry for help past the nudge; the room never sees it, the writer sees it withheld. */
async function sendCry(page, text) {
  await sendPastNudge(page, text);
  await page.locator('#log li.bubble-withheld', { hasText: text }).waitFor();
}

/** The moderator finds みー's held post containing `text`, checks its review line, and rejects it. */
async function rejectHeld(mod, text, review) {
  const post = mod.locator('#held-list li', { hasText: text });
  await post.waitFor();
  assert.match(await post.locator('.q-review').textContent(), review);
  await post.getByRole('button', { name: 'みー の投稿を却下' }).click();
  await post.waitFor({ state: 'detached' });
}

test('three participants and a moderator: join, live, resume, held and approved, report, ban', async (t) => {
  const { page: mod, watch: modWatch } = await moderator(t);
  await openRoom(mod, 'evening-salon');
  await openRoom(mod, 'first-steps');

  const a = await phone(t);
  const b = await phone(t);
  const c = await phone(t);

  // The room list says what each room is and that it is open.
  await a.page.goto(`${site.base}/salon/`);
  await a.page.locator('[data-room-id="evening-salon"] .badge-open').waitFor();
  assert.match(await a.page.locator('#view-list').textContent(), /個別のメッセージ（DM）はありません/);
  await a.page.screenshot({ path: screenshotPath('salon-list-phone.png'), fullPage: true });

  await joinRoom(a.page, 'evening-salon', 'みー');
  await a.page.screenshot({ path: screenshotPath('salon-rules-phone.png') }).catch(() => {});
  await joinRoom(b.page, 'evening-salon', 'そら');
  await joinRoom(c.page, 'evening-salon', XSS);

  // Everyone sees who is here, by nickname, as text.
  await a.page.locator('#present-summary', { hasText: '3人' }).waitFor();
  await a.page.locator('#present-box summary').tap();
  assert.deepEqual(await a.page.locator('#present-list li').allTextContents(), ['みー', 'そら', XSS]);

  // Live fan-out to every participant and the moderator.
  await say(a.page, 'こんばんは。今日もおつかれさま');
  for (const p of [a.page, b.page, c.page]) await waitForBody(p, '今日もおつかれさま');
  await mod.locator('.mod-log:not([hidden]) .body', { hasText: '今日もおつかれさま' }).waitFor().catch(async () => {
    await mod.locator('.room-item[data-room-id="evening-salon"]').click();
    await mod.locator('.mod-log:not([hidden]) .body', { hasText: '今日もおつかれさま' }).waitFor();
  });
  await mod.locator('.room-item[data-room-id="evening-salon"]').click();

  // A nickname that looks like markup is text everywhere.
  await say(c.page, 'はじめまして');
  await waitForBody(a.page, 'はじめまして');
  await say(b.page, XSS_BODY);
  await waitForBody(a.page, XSS_BODY);
  const xssBubble = a.page.locator('#log li[data-seq]', { hasText: 'はじめまして' });
  assert.equal(await xssBubble.locator('.nick').textContent(), XSS);
  assert.equal(await a.page.locator('#log img').count(), 0, 'no markup from a nickname');
  await mod.locator('.mod-log:not([hidden]) .nick', { hasText: XSS }).first().waitFor();
  assert.equal(await mod.locator('.mod-log img').count(), 0);

  // A moderator's message is marked as such.
  await mod.locator('#input').fill('スタッフのさくらです。ゆっくりお話ししてね。');
  await mod.locator('#input').press('Enter');
  await b.page.locator('#log li.bubble-mod', { hasText: 'スタッフのさくらです' }).waitFor();
  assert.match(await b.page.locator('#log li.bubble-mod .mod-tag').textContent(), /スタッフ/);

  // Reactions instead of noise replies.
  const first = b.page.locator('#log li[data-seq]', { hasText: '今日もおつかれさま' });
  await first.getByRole('button', { name: /ぎゅっ/ }).tap();
  await a.page.locator('#log li[data-seq]', { hasText: '今日もおつかれさま' }).getByRole('button', { name: 'ぎゅっ（1）' }).waitFor();

  // B's connection drops; A writes meanwhile; B comes back and sees each message once.
  await b.context.setOffline(true);
  await a.page.waitForTimeout(300);
  await say(a.page, 'いま電車の中');
  await waitForBody(a.page, 'いま電車の中');
  await say(b.page, 'オフラインで書いたよ');
  await b.page.locator('#log li.pending', { hasText: 'オフラインで書いたよ' }).waitFor();
  await say(a.page, 'もうすぐ家につく');
  await waitForBody(a.page, 'もうすぐ家につく');
  await b.context.setOffline(false);
  await waitForBody(b.page, 'もうすぐ家につく');
  await waitForBody(a.page, 'オフラインで書いたよ');
  await waitForBody(b.page, 'オフラインで書いたよ');
  const seen = await bodies(b.page);
  for (const text of ['いま電車の中', 'もうすぐ家につく', 'オフラインで書いたよ', 'こんばんは。今日もおつかれさま']) {
    assert.equal(seen.filter((x) => x === text).length, 1, `"${text}" once on B: ${JSON.stringify(seen)}`);
  }
  assert.equal((await bodies(a.page)).filter((x) => x === 'オフラインで書いたよ').length, 1, 'the outbox sent it once');
  await b.page.waitForTimeout(300);
  assert.equal(await b.page.locator('#log li.pending').count(), 0, 'nothing left pending');

  // B reports C's message with a reason and sees it was received; the moderator sees the report.
  await b.page.locator('#log li[data-seq]', { hasText: 'はじめまして' }).getByRole('button', { name: /スタッフに知らせる/ }).tap();
  await b.page.getByLabel('宣伝・同じことのくり返し').check();
  await b.page.screenshot({ path: screenshotPath('salon-report-phone.png') });
  await b.page.getByRole('button', { name: 'スタッフに知らせる', exact: true }).tap();
  await b.page.locator('#log li[data-seq]', { hasText: 'はじめまして' }).locator('.reported', { hasText: 'スタッフに届きました' }).waitFor();
  await mod.locator('#count-reports', { hasText: '1' }).waitFor();

  await a.page.screenshot({ path: screenshotPath('salon-room-phone.png'), fullPage: true });
  await c.page.screenshot({ path: screenshotPath('salon-room-xss-phone.png') });

  // The nudge before sending: contact details would be masked.
  await a.page.locator('#input').fill('LINEのIDはabc12345だよ、090-1234-5678に電話してね');
  await a.page.locator('#input').press('Enter');
  await a.page.locator('#nudge:not([hidden])').waitFor();
  assert.match(await a.page.locator('#nudge-text').textContent(), /＊|スタッフ|送れません/);
  await a.page.screenshot({ path: screenshotPath('salon-nudge-phone.png') });
  await a.page.getByRole('button', { name: '書き直す' }).tap();
  assert.ok(await a.page.locator('#nudge').isHidden());
  await a.page.locator('#input').fill('');

  // A held first message in the pre-moderated room, approved in the console, appears for everyone.
  await joinRoom(a.page, 'first-steps', 'みー');
  await joinRoom(b.page, 'first-steps', 'そら');
  assert.match(await a.page.locator('#composer-note').textContent(), /はじめの 2 件/);
  await say(a.page, 'はじめての部屋です、よろしくね');
  const held = a.page.locator('#log li.bubble-held', { hasText: 'はじめての部屋です' });
  await held.waitFor();
  assert.match(await held.textContent(), /スタッフの確認を待っています/);
  await a.page.screenshot({ path: screenshotPath('salon-held-phone.png') });
  assert.equal(await b.page.locator('#log', { hasText: 'はじめての部屋です' }).count(), 0, 'B does not see it yet');
  const queued = mod.locator('#held-list li', { hasText: 'はじめての部屋です' });
  await queued.waitFor();
  assert.match(await queued.textContent(), /最初の投稿/);
  await mod.screenshot({ path: screenshotPath('moderation-held-desktop.png') });
  await queued.getByRole('button', { name: 'みー の投稿を承認' }).click();
  await waitForBody(b.page, 'はじめての部屋です');
  await waitForBody(a.page, 'はじめての部屋です');
  assert.equal(await a.page.locator('#log li.bubble-held').count(), 0, 'no longer waiting');
  await mod.locator('#held-list li').first().waitFor({ state: 'detached' });

  // An insult in half-width kana is held, and the moderator is told it was disguised.
  await sendPastNudge(a.page, 'お前ｷﾓｲんだよ');
  await rejectHeld(mod, 'ｷﾓｲ', /いやがらせ.*崩した書き方あり/);

  // A move to somewhere private that no rule names is held on the learned model's estimate,
  // and the moderator is told it is an estimate. The phrasing is the one
  // moderation/tests/model.rs checks the model still finds after retraining.
  await sendPastNudge(a.page, 'ここだと言いにくいから、あっちで続き話そ');
  await rejectHeld(mod, 'あっちで続き話そ', /連絡先.*学習モデルによる推定/);

  // A ban: C sees it calmly, cannot rejoin, not even after a reload.
  await mod.locator('.room-item[data-room-id="evening-salon"]').click();
  const cMessage = mod.locator('.mod-log:not([hidden]) li', { hasText: 'はじめまして' });
  await cMessage.getByRole('button', { name: `${XSS}: BAN` }).click();
  await mod.getByLabel('理由（参加者にも表示されます）').fill('ほかの人がいやな気持ちになる書きこみが続いたため');
  await mod.locator('#action-submit').click();
  await c.page.getByRole('heading', { name: 'いまはサロンを使えません' }).waitFor();
  assert.match(await c.page.locator('#away-reason').textContent(), /いやな気持ちになる書きこみ/);
  await c.page.screenshot({ path: screenshotPath('salon-banned-phone.png'), fullPage: true });
  await c.page.goto(`${site.base}/salon/?room=evening-salon`);
  await c.page.getByRole('heading', { name: 'いまはサロンを使えません' }).waitFor();
  assert.ok(await c.page.locator('#view-room').isHidden());
  await mod.getByRole('tab', { name: /BAN/ }).click();
  await mod.locator('#ban-list li', { hasText: XSS }).waitFor();

  // The audit log shows what the moderator did.
  await mod.getByRole('tab', { name: /記録/ }).click();
  await mod.locator('#audit-list li', { hasText: 'salon.member.ban' }).waitFor();
  await mod.locator('#audit-list li', { hasText: 'salon.post.approve' }).waitFor();
  await mod.getByRole('tab', { name: /保留/ }).click();
  await mod.locator('.room-item[data-room-id="evening-salon"]').click();
  await mod.screenshot({ path: screenshotPath('moderation-room-desktop.png') });

  assert.deepEqual(realProblems(a.watch), []);
  assert.deepEqual(realProblems(b.watch), []);
  assert.deepEqual(realProblems(c.watch), []);
  assert.deepEqual(realProblems(modWatch), []);
});

test('a cry for help is kept from the room, the writer gets warm help, the moderator an alert', async (t) => {
  const { page: mod } = await moderator(t);
  const room = mod.locator('.room-item[data-room-id="evening-salon"]');
  await room.waitFor();
  if ((await room.locator('.av-open').count()) === 0) await openRoom(mod, 'evening-salon');
  const a = await phone(t);
  const b = await phone(t);
  await joinRoom(a.page, 'evening-salon', 'ゆき');
  await joinRoom(b.page, 'evening-salon', 'はる');
  await say(b.page, 'こんばんは、はるです');
  await waitForBody(a.page, 'こんばんは、はるです');
  await a.page.locator('#input').fill('もう死にたい。消えてしまいたい');
  await a.page.locator('#input').press('Enter');
  // The nudge says staff will see it, kindly; sending it anyway shows the help panel.
  await a.page.locator('#nudge:not([hidden])').waitFor();
  await a.page.getByRole('button', { name: 'このまま送る' }).tap();
  await a.page.locator('#care:not([hidden])').waitFor();
  const link = a.page.locator('#care-line-list a').first();
  await link.waitFor();
  assert.match(await link.getAttribute('href'), /^\/chat\/\?line=[a-z-]+&salon_post_id=[0-9a-f-]{36}$/);
  await a.page.locator('#log li.bubble-withheld', { hasText: '消えてしまいたい' }).waitFor();
  await a.page.screenshot({ path: screenshotPath('salon-care-phone.png'), fullPage: true });
  // The moderator is alerted at once; the room never sees it.
  await mod.locator('#alerts .alert').first().waitFor();
  await mod.getByRole('tab', { name: /要注意/ }).click();
  await mod.locator('#alert-list li.unseen mark').first().waitFor();
  await mod.screenshot({ path: screenshotPath('moderation-alert-desktop.png') });
  await b.page.waitForTimeout(500);
  assert.equal(await b.page.locator('#log', { hasText: '消えてしまいたい' }).count(), 0);
  // Enter while an IME is composing never sends.
  await b.page.locator('#input').fill('へんかんちゅう');
  await b.page.locator('#input').dispatchEvent('keydown', { key: 'Enter', isComposing: true, bubbles: true, cancelable: true });
  await b.page.waitForTimeout(300);
  assert.equal(await b.page.locator('#log', { hasText: 'へんかんちゅう' }).count(), 0);
  assert.equal(await b.page.locator('#input').inputValue(), 'へんかんちゅう');
  await b.page.locator('#input').fill('');

  // Room controls reach everyone calmly: a pinned note, a pause, a warning, a mute.
  await mod.locator('.room-item[data-room-id="evening-salon"]').click();
  await mod.getByLabel('お知らせ（部屋の上に固定）').fill('今夜は22時までひらいています');
  await mod.getByRole('button', { name: '固定する' }).click();
  await b.page.locator('#pinned', { hasText: '今夜は22時まで' }).waitFor();
  await mod.getByRole('button', { name: '一時停止' }).click();
  await b.page.locator('#room-state', { hasText: 'スタッフが少しのあいだ' }).waitFor();
  assert.ok(await b.page.locator('#input').isDisabled());
  await mod.getByRole('button', { name: '再開する' }).click();
  await b.page.locator('#room-state:empty').waitFor({ state: 'attached' });
  assert.ok(await b.page.locator('#input').isEnabled());
  const bMessage = mod.locator('.mod-log:not([hidden]) li', { hasText: 'こんばんは、はるです' });
  await bMessage.getByRole('button', { name: 'はる: 注意' }).click();
  await mod.getByLabel('理由（記録に残ります）').fill('テストの注意');
  await mod.locator('#action-submit').click();
  await b.page.locator('#warned:not([hidden])').waitFor();
  await bMessage.getByRole('button', { name: 'はる: ミュート' }).click();
  await mod.getByLabel('時間（分）').fill('15');
  await mod.getByLabel('理由（記録に残ります）').fill('少し落ち着いてもらうため');
  await mod.locator('#action-submit').click();
  await b.page.locator('#room-state', { hasText: 'しばらくのあいだ、この部屋では書きこめません' }).waitFor();
  assert.ok(await b.page.locator('#input').isDisabled());
  await b.page.screenshot({ path: screenshotPath('salon-muted-phone.png') });

  // The button starts a 1:1 chat linked to the withheld post, on the same device.
  await link.tap();
  await a.page.getByRole('button', { name: '相談をはじめる' }).tap();
  await a.page.locator('#waiting').waitFor();
  assert.equal(await a.page.locator('#start-msg').textContent(), '');
});

test('a moderator escalates a withheld cry for help from the alert; the partner acknowledges; the cases panel follows live', async (t) => {
  const { page: mod, watch: modWatch } = await moderator(t);
  const room = mod.locator('.room-item[data-room-id="evening-salon"]');
  await room.waitFor();
  if ((await room.locator('.av-open').count()) === 0) await openRoom(mod, 'evening-salon');
  await mod.evaluate(() => {
    window.notReloaded = true;
  });
  const a = await phone(t);
  const b = await phone(t);
  await joinRoom(a.page, 'evening-salon', 'ひなた');
  await joinRoom(b.page, 'evening-salon', 'つき');
  await say(a.page, '弟の送り迎えで毎日くたくた');
  await say(b.page, 'わかる、おつかれさま');
  await waitForBody(b.page, '毎日くたくた');
  await mod.locator('.mod-log .body', { hasText: 'おつかれさま' }).first().waitFor({ state: 'attached' });
  const CRY = 'ほんとうにもう死にたい';
  await sendCry(a.page, CRY);

  // The alert offers 「つなぐ」; the form opens prefilled.
  await mod.getByRole('tab', { name: /要注意/ }).click();
  const alertItem = mod.locator('#alert-list li', { hasText: CRY });
  await alertItem.waitFor();
  await alertItem.getByRole('button', { name: 'ひなた の投稿を連携先につなぐ' }).click();
  const form = mod.locator('#escalate-dialog');
  await form.waitFor();
  assert.equal(await mod.locator('#esc-post').textContent(), `ひなた: ${CRY}`);
  assert.equal(await form.getByLabel('理由', { exact: true }).inputValue(), 'suicide_risk');
  assert.equal(await form.getByLabel('至急').isChecked(), true);
  assert.equal(await form.getByLabel('本人に確認していない').isChecked(), true);
  assert.equal(await form.getByLabel('概要（連携先が動くために必要なこと）').inputValue(), '');
  // The organisation giving crisis help is suggested; a municipality it serves puts it first.
  await mod.locator('#esc-org option', { hasText: 'デモNPO' }).waitFor({ state: 'attached' });
  await form.getByLabel('自治体（本人が話したときだけ）').fill('世田谷区');
  await mod.locator('#esc-org option', { hasText: '推奨' }).first().waitFor({ state: 'attached' });
  assert.match(await mod.locator('#esc-org option:checked').textContent(), /デモNPO/);
  assert.equal(await mod.locator('#esc-override-field').isHidden(), true);
  // Further posts of the room, from its visible log; the cry itself never reached it.
  const more = form.getByRole('checkbox');
  assert.equal(await form.getByRole('checkbox', { name: new RegExp(CRY) }).count(), 0);
  await form.getByRole('checkbox', { name: /毎日くたくた/ }).check();
  await mod.locator('#esc-picked', { hasText: '1件' }).waitFor();
  assert.ok((await more.count()) >= 2);
  await form.getByLabel('概要（連携先が動くために必要なこと）').fill('サロンで希死念慮の投稿。きょうだいの世話で疲れている様子。');
  assert.deepEqual(await audit(mod, { minTarget: 24 }), [], 'moderation page with the escalate form open');
  await mod.screenshot({ path: screenshotPath('moderation-escalate-desktop.png') });
  await form.getByRole('button', { name: 'ケースを送る' }).click();
  await form.waitFor({ state: 'hidden' });
  await alertItem.locator('.escalated', { hasText: 'ケースにしました' }).waitFor();
  // Focus goes back to where the moderator was.
  assert.equal(await mod.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'ひなた の投稿を連携先につなぐ');

  // The 「ケース」 panel lists it, not yet acknowledged, with its clock.
  await mod.getByRole('tab', { name: /ケース/ }).click();
  await mod.locator('#cases .case-item', { hasText: '自殺・自傷のおそれ' }).waitFor();
  const line = mod.locator(`#cases .case-item[data-id="${await mod.locator('#cases .case-item', { hasText: '自殺・自傷のおそれ' }).getAttribute('data-id')}"]`);
  assert.match(await line.textContent(), /未確認/);
  assert.match(await line.textContent(), /デモNPO/);
  assert.equal(await line.locator('.clock[data-state="due"]').count(), 1);

  // The partner sees the words (the post and the one chosen), not the member, and acknowledges.
  const partner = await adminApi(site.server.url, site.server.accounts.partner);
  const listed = await partner('GET', '/api/cases');
  const made = listed.body.cases.find((c) => c.reason === 'suicide_risk');
  assert.ok(made, JSON.stringify(listed.body));
  const detail = await partner('GET', `/api/cases/${made.id}`);
  const words = detail.body.case.excerpts.map((x) => x.body);
  assert.deepEqual(words.sort(), [CRY, '弟の送り迎えで毎日くたくた'].sort());
  assert.ok(!JSON.stringify(detail.body).includes('ひなた'), 'no nickname reaches the partner');
  const ack = await partner('POST', `/api/cases/${made.id}/status`, { status: 'acknowledged' });
  assert.equal(ack.status, 200, JSON.stringify(ack.body));

  // The moderator's panel follows without a reload, and says so to screen readers.
  await line.locator('.status-acknowledged', { hasText: '確認済み' }).waitFor();
  await mod.locator('#cases-live', { hasText: '確認済み' }).waitFor();
  assert.equal(await mod.evaluate(() => window.notReloaded), true, 'the page was not reloaded');
  await mod.screenshot({ path: screenshotPath('moderation-cases-desktop.png') });

  // The line opens the case's detail: what the partner got, said as salon posts, in a dialog.
  const opener = line.getByRole('button', { name: '自殺・自傷のおそれ — デモNPO の詳細' });
  await opener.click();
  const dialog = mod.getByRole('dialog', { name: 'ケースの詳細' });
  await dialog.locator('.case-excerpt', { hasText: CRY }).waitFor();
  await dialog.locator('.case-excerpt', { hasText: '毎日くたくた' }).waitFor();
  assert.match(await dialog.textContent(), /サロンの投稿（スタッフが選んだもの）/);
  assert.match(await dialog.textContent(), /サロンの参加者/);
  assert.match(await dialog.textContent(), /本人に確認していない/);
  assert.ok(!(await dialog.textContent()).includes('ひなた'), 'no nickname in the case');
  assert.equal(await mod.evaluate(() => document.activeElement?.id), 'case-dialog-heading', 'the dialog is read from its heading');
  assert.equal(await dialog.getByRole('button', { name: /確認して/ }).count(), 0, 'a moderator confirms nothing');
  // An empty note is refused kindly; a note reaches the partner.
  await dialog.getByRole('button', { name: 'メモを残す' }).click();
  await dialog.locator('#case-dialog-msg', { hasText: 'メモを入力してください' }).waitFor();
  const NOTE = 'サロンでは20時ごろまで見守ります。';
  await dialog.getByLabel('ケースへのメモ（連携先にも見えます）').fill(NOTE);
  await dialog.getByRole('button', { name: 'メモを残す' }).click();
  await dialog.locator('.case-note.note-escalating', { hasText: NOTE }).waitFor();
  await mod.locator('#cases-live', { hasText: 'メモを残しました' }).waitFor();
  assert.equal(await dialog.getByLabel('ケースへのメモ（連携先にも見えます）').inputValue(), '');
  const seen = await partner('GET', `/api/cases/${made.id}`);
  assert.deepEqual(seen.body.case.notes.map((n) => [n.side, n.body]), [['escalating', NOTE]]);
  // The partner's answer arrives in the open dialog without a reload, and is said.
  const answer = await partner('POST', `/api/cases/${made.id}/notes`, { body: 'ありがとうございます。今夜の相談窓口も案内します。' });
  assert.equal(answer.status, 201, JSON.stringify(answer.body));
  await dialog.locator('.case-note.note-partner', { hasText: '今夜の相談窓口' }).waitFor();
  await mod.locator('#cases-live', { hasText: '連携先からメモが届きました' }).waitFor();
  // (The page's audit with a case open is in the next test: a screenshot, taken here already, leaves style attributes behind.)
  await dialog.evaluate((d) => d.scrollTo(0, 0));
  await mod.screenshot({ path: screenshotPath('moderation-case-dialog-desktop.png') });
  // Escape closes it; focus goes back to the case's line, drawn anew meanwhile (once the dialog's `close` event ran).
  await mod.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  await mod.waitForFunction((label) => document.activeElement?.getAttribute('aria-label') === label, '自殺・自傷のおそれ — デモNPO の詳細', { timeout: 2_000 });
  assert.equal(await mod.evaluate(() => window.notReloaded), true, 'the page was not reloaded');

  // English.
  await mod.getByRole('button', { name: 'English' }).click();
  await mod.getByRole('tab', { name: /Cases/ }).waitFor();
  await line.locator('.status-acknowledged', { hasText: 'Acknowledged' }).waitFor();
  assert.match(await line.textContent(), /Risk of suicide or self-harm/);
  await line.getByRole('button', { name: 'Risk of suicide or self-harm — デモNPO: details' }).click();
  await mod.getByRole('dialog', { name: 'Case detail' }).locator('.case-note', { hasText: NOTE }).waitFor();
  assert.match(await mod.locator('#case-dialog').textContent(), /Salon posts \(chosen by staff\)/);
  await mod.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
  await mod.getByRole('tab', { name: /Alerts/ }).click();
  await alertItem.getByRole('button', { name: "Escalate ひなた's post to a partner" }).waitFor();
  await mod.getByRole('button', { name: '日本語' }).click();

  assert.deepEqual(realProblems(modWatch), []);
  assert.deepEqual(realProblems(a.watch), []);
});

test('a supervisor escalates a salon emergency; only a second supervisor confirms it, from the moderation page, and then the partner sees it', async (t) => {
  const { page: first, watch: firstWatch } = await moderator(t, 'supervisor');
  const { page: second, watch: secondWatch } = await moderator(t, 'supervisor2');
  const room = first.locator('.room-item[data-room-id="evening-salon"]');
  await room.waitFor();
  if ((await room.locator('.av-open').count()) === 0) await openRoom(first, 'evening-salon');
  await second.getByRole('tab', { name: /ケース/ }).click();
  await second.evaluate(() => {
    window.notReloaded = true;
  });
  const a = await phone(t);
  await joinRoom(a.page, 'evening-salon', 'あさひ');
  const CRY = '今夜もう死にたい、薬をたくさん持ってる';
  await sendCry(a.page, CRY);

  // The first supervisor hands it on as an emergency.
  await first.getByRole('tab', { name: /要注意/ }).click();
  const alertItem = first.locator('#alert-list li', { hasText: CRY });
  await alertItem.getByRole('button', { name: 'あさひ の投稿を連携先につなぐ' }).click();
  const form = first.locator('#escalate-dialog');
  await form.waitFor();
  await form.getByLabel('緊急', { exact: true }).check();
  await form.locator('#esc-emergency-hint:not([hidden])').waitFor();
  await form.getByLabel('概要（連携先が動くために必要なこと）').fill('サロンで今夜の希死念慮と手段の投稿。すぐの対応が必要。');
  await first.locator('#esc-org option', { hasText: 'デモNPO' }).waitFor({ state: 'attached' });
  await form.getByRole('button', { name: 'ケースを送る' }).click();
  await form.waitFor({ state: 'hidden' });
  await first.getByRole('tab', { name: /ケース/ }).click();
  await first.locator('#cases-msg', { hasText: '別のスーパーバイザーの確認を待っています' }).waitFor();
  const mine = first.locator('#cases .case-item[data-status="awaiting"]', { hasText: '自殺・自傷のおそれ' });
  await mine.waitFor();
  const id = await mine.getAttribute('data-id');

  // Not yet the partner's.
  const partner = await adminApi(site.server.url, site.server.accounts.partner);
  assert.equal((await partner('GET', `/api/cases/${id}`)).status, 404);

  // Its maker cannot confirm it: no button on the line; the detail says who may.
  assert.equal(await mine.getByRole('button', { name: /確認して引き渡す/ }).count(), 0);
  await mine.getByRole('button', { name: /の詳細$/ }).click();
  const own = first.getByRole('dialog', { name: 'ケースの詳細' });
  await own.locator('.case-excerpt', { hasText: CRY }).waitFor();
  await own.locator('#case-dialog-own:not([hidden])').waitFor();
  assert.equal(await own.locator('#case-dialog-confirm').isHidden(), true);
  await own.getByRole('button', { name: '閉じる' }).click();

  // The second supervisor's panel shows it live, with the confirmation, and says so.
  const theirs = second.locator(`#cases .case-item[data-id="${id}"]`);
  await theirs.waitFor();
  assert.equal(await theirs.getAttribute('data-status'), 'awaiting');
  await second.locator('#cases-live', { hasText: '確認を待つ緊急ケース' }).waitFor();
  await theirs.getByRole('button', { name: '自殺・自傷のおそれ — デモNPO の緊急ケースを確認して引き渡す' }).waitFor();
  await theirs.getByRole('button', { name: /の詳細$/ }).click();
  const dialog = second.getByRole('dialog', { name: 'ケースの詳細' });
  await dialog.locator('.case-excerpt', { hasText: CRY }).waitFor();
  assert.match(await dialog.textContent(), /承認待ち/);
  assert.match(await dialog.textContent(), /サロン/);
  assert.equal(await dialog.locator('#case-dialog-own').isHidden(), true);
  const confirm = dialog.getByRole('button', { name: '確認して連携先に引き渡す' });
  await confirm.waitFor();
  assert.deepEqual(await audit(second, { minTarget: 24 }), [], 'moderation page, a supervisor with an emergency to confirm');
  await second.screenshot({ path: screenshotPath('moderation-case-confirm-desktop.png') });
  await second.setViewportSize({ width: 390, height: 844 });
  await second.screenshot({ path: screenshotPath('moderation-case-confirm-phone.png') });
  await second.setViewportSize(desktopOptions().viewport);
  await confirm.click();
  await second.locator('#cases-live', { hasText: 'ケースを確認し、連携先に引き渡しました' }).waitFor();
  await confirm.waitFor({ state: 'hidden' });
  assert.equal(await second.evaluate(() => document.activeElement?.id), 'case-dialog-heading', 'focus stays in the dialog');
  await dialog.locator('.status-open', { hasText: '未確認' }).waitFor();
  await theirs.locator('.status-open', { hasText: '未確認' }).waitFor();
  assert.equal(await theirs.getByRole('button', { name: /確認して引き渡す/ }).count(), 0);
  await dialog.getByRole('button', { name: '閉じる' }).click();
  assert.equal(await second.evaluate(() => window.notReloaded), true, 'the page was not reloaded');

  // Released: the partner has it; the first supervisor's line follows.
  const released = await partner('GET', `/api/cases/${id}`);
  assert.equal(released.status, 200, JSON.stringify(released.body));
  assert.equal(released.body.case.urgency, 'emergency');
  await first.locator(`#cases .case-item[data-id="${id}"][data-status="open"]`).waitFor();

  for (const w of [firstWatch, secondWatch, a.watch]) assert.deepEqual(realProblems(w), []);
});

test('quick exit on the salon page; English; spans convert byte offsets', async (t) => {
  const { page } = await phone(t);
  await page.goto(`${site.base}/salon/`);
  await page.locator('[data-room-id="evening-salon"]').waitFor();
  await page.getByRole('button', { name: 'English' }).tap();
  await page.getByRole('heading', { name: 'Online salon' }).waitFor();
  await page.screenshot({ path: screenshotPath('salon-list-phone-en.png') });
  await page.getByRole('button', { name: '日本語' }).tap();
  await page.evaluate(() => localStorage.setItem('yorisoi.salon.outbox', '[{"id":"x","room_id":"r","body":"秘密","at":"2024-01-01T00:00:00Z"}]'));
  await page.locator('[data-quick-exit]').tap();
  await page.waitForURL(NEUTRAL_URL);
  await page.goBack().catch(() => {});
  assert.notEqual(page.url(), `${site.base}/salon/`, 'Back does not bring the salon back');
  const check = await page.context().newPage();
  await check.goto(`${site.base}/404-check`);
  const left = await check.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('yorisoi.')));
  assert.deepEqual(left, ['yorisoi.device'], 'only the device token stays');

  // Byte offsets (UTF-8) to string indexes (UTF-16), with emoji and kana.
  const { page: p2 } = await site.open(t);
  await p2.goto(`${site.base}/moderation/`);
  const ranges = await p2.evaluate(async () => {
    const { spansToRanges } = await import('/moderation/spans.js');
    const body = '🫂ねえ090-1234と😀';
    const enc = new TextEncoder();
    const start = enc.encode('🫂ねえ').length;
    const end = start + enc.encode('090-1234').length;
    const r = spansToRanges(body, [{ start, end, category: 'contact' }, { start: 1, end: 2, category: 'x' }]);
    return r.map((x) => body.slice(x.start, x.end));
  });
  assert.deepEqual(ranges, ['🫂', '090-1234']);
});
