// The nudge and overdue alerts in the staff console against the real server.
// A teen writes a crisis message in a chat the counsellor has taken: the
// console shows a suggested escalation; 「つなぐ（内容を確認）」 opens the
// escalate form prefilled (the flagged message ticked), and sending the case
// removes the banner. In a second chat the counsellor sets the suggestion aside,
// which needs a reason. Nothing is left pending on the server. The emergency
// case then misses its (shortened) confirmation deadline: a supervisor's console
// raises the alert, both lists show the case red, and confirming it clears it;
// then the partner misses its acknowledgement deadline, and acknowledging clears that.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { adminApi, audit, phoneOptions, realProblems, screenshotPath, useSite } from './support.mjs';


// One minute to confirm an emergency and one to acknowledge it (the least the
// server allows), so that the overdue alerts come within the test.
const site = useSite({ env: { YORISOI_CASE_CONFIRM_MINUTES: '1', YORISOI_CASE_ACK_EMERGENCY_MINUTES: '1' } });

async function teen(t, nickname, first) {
  const { page, watch } = await site.open(t, phoneOptions());
  await page.goto(`${site.base}/chat/?line=anytime-demo`);
  await page.getByRole('heading', { name: '相談をはじめる' }).waitFor();
  await page.getByLabel('呼ばれたい名前（なくても大丈夫）').fill(nickname);
  await page.getByRole('button', { name: '相談をはじめる' }).click();
  await page.locator('#waiting').waitFor();
  await say(page, first);
  return { page, watch };
}

async function say(page, text) {
  await page.locator('#input').fill(text);
  await page.locator('#input').press('Enter');
}

async function takeChat(desk, nickname, lastText, take = /取る/) {
  const item = desk.locator('.queue-item', { hasText: nickname });
  await item.waitFor();
  await item.getByRole('button', { name: take }).click();
  await desk.locator('#conv-heading', { hasText: nickname }).waitFor();
  await desk.locator('#log li', { hasText: lastText }).waitFor();
  return desk.locator(`.chat-item[aria-current="true"]`).getAttribute('data-conversation-id');
}

const CALM = '最近ねむれなくて、学校もしんどい';
const CRISIS = '今夜薬を全部飲んで死ぬ';
const CALM2 = '家で弟の世話をしています';
const CRISIS2 = 'もう今から飛び降りる';

test('a crisis message nudges the counsellor: escalate it prefilled, or set it aside with a reason; overdue alerts for supervisors', async (t) => {
  const supervisor = await site.staff(t, 'supervisor');
  const { page: desk, watch: deskWatch } = await site.staff(t, 'counselor');

  // A teen writes; the counsellor takes the chat. Nothing is suggested yet.
  const one = await teen(t, 'そら', CALM);
  const first = await takeChat(desk, 'そら', CALM);
  const banner = desk.getByRole('region', { name: 'エスカレーションの提案' });
  assert.equal(await desk.locator('#nudge').isHidden(), true, 'no banner before a crisis message');

  // A crisis message: the banner appears in the chat, quoting the flagged words, announced.
  await say(one.page, CRISIS);
  await desk.locator('#log li', { hasText: CRISIS }).waitFor();
  await banner.waitFor();
  const words = await desk.locator('#nudge-words .nudge-text').allTextContents();
  assert.ok(words.length > 0 && words.every((w) => w && CRISIS.includes(w)), `the flagged words are quoted: ${words}`);
  await desk.locator('#nudge-live', { hasText: 'エスカレーションの提案があります' }).waitFor();
  assert.equal(await desk.getByRole('button', { name: 'つなぐ（内容を確認）' }).isVisible(), true);
  assert.equal(await desk.getByRole('button', { name: '見送る' }).isVisible(), true);
  assert.deepEqual(await audit(desk, { minTarget: 24 }), [], 'console with the nudge banner');
  await desk.screenshot({ path: screenshotPath('console-nudge.png') });

  // 「つなぐ」: the form opens prefilled, with the crisis message ticked and nothing else.
  await desk.getByRole('button', { name: 'つなぐ（内容を確認）' }).click();
  const form = desk.locator('#escalate');
  await form.waitFor();
  assert.equal(await form.getByLabel('理由', { exact: true }).inputValue(), 'suicide_risk');
  assert.equal(await form.getByLabel('緊急', { exact: true }).isChecked(), true);
  const summary = await form.getByLabel('概要（連携先が動くために必要なこと）').inputValue();
  assert.match(summary, /「.+」/, `the summary quotes the flagged words: ${summary}`);
  const crisisBox = desk.locator('#log li', { hasText: CRISIS }).locator('.pick-box');
  const calmBox = desk.locator('#log li', { hasText: CALM }).locator('.pick-box');
  assert.equal(await crisisBox.isChecked(), true, 'the flagged message is ticked');
  assert.equal(await calmBox.isChecked(), false, 'other messages are not');
  assert.match(await desk.locator('#esc-picked').textContent(), /1件/);
  assert.equal(await desk.locator(':focus').getAttribute('id'), 'esc-reason', 'focus moves into the form');
  // Everything stays editable: the counsellor adds a line and another excerpt.
  await form.getByLabel('概要（連携先が動くために必要なこと）').fill(`${summary}\n今夜の安全確認が必要。`);
  await calmBox.check();
  await form.getByLabel('本人に確認していない').check();
  await desk.locator('#esc-org option', { hasText: 'デモNPO' }).first().waitFor({ state: 'attached' });
  await desk.screenshot({ path: screenshotPath('console-nudge-form.png') });
  await form.getByRole('button', { name: 'ケースを送る' }).click();
  await desk.locator('#esc-done', { hasText: '緊急ケースを作成しました' }).waitFor();
  await desk.locator('#nudge').waitFor({ state: 'hidden' });
  const caseLine = desk.locator('#cases .case-item', { hasText: '自殺・自傷のおそれ' });
  await caseLine.waitFor();
  const made = Date.now();

  // A second chat: the counsellor sets the suggestion aside; a reason is required.
  const two = await teen(t, 'りく', CALM2);
  const second = await takeChat(desk, 'りく', CALM2);
  await say(two.page, CRISIS2);
  await desk.locator('#log li', { hasText: CRISIS2 }).waitFor();
  await banner.waitFor();
  // The chat list marks the chat with a suggestion too.
  await desk.locator(`.chat-item[data-conversation-id="${second}"] .tag-nudge`).waitFor();

  // A supervisor reading along sees no banner: the suggestion is the counsellor's.
  await supervisor.page.locator(`.chat-item[data-conversation-id="${second}"]`).click();
  await supervisor.page.locator('#log li', { hasText: CRISIS2 }).waitFor();
  assert.equal(await supervisor.page.locator('#nudge').isHidden(), true);

  await desk.getByRole('button', { name: '見送る' }).click();
  const reason = desk.getByLabel('見送る理由（記録に残ります）');
  await reason.waitFor();
  assert.equal(await desk.locator(':focus').getAttribute('id'), 'nudge-reason');
  await desk.getByRole('button', { name: '見送りを記録する' }).click();
  await desk.locator('#nudge-msg', { hasText: '見送る理由をひとこと書いてください' }).waitFor();
  assert.equal(await reason.getAttribute('aria-invalid'), 'true');
  assert.equal(await banner.isVisible(), true, 'the banner stays without a reason');
  await reason.fill('本人と話し、今夜は家族がそばにいると確認できた。継続して見守る。');
  await desk.getByRole('button', { name: '見送りを記録する' }).click();
  await desk.locator('#nudge').waitFor({ state: 'hidden' });
  await desk.locator('#nudge-live', { hasText: '提案を見送りました' }).waitFor();
  assert.equal(await desk.locator(`.chat-item[data-conversation-id="${second}"] .tag-nudge`).count(), 0);

  // Nothing is pending on the server, for either chat.
  const counsellorApi = await adminApi(site.server.url, site.server.accounts.counselor);
  for (const id of [first, second]) {
    const answer = await counsellorApi('GET', `/api/cases/nudges?conversation_id=${id}`);
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.equal(answer.body.nudge, null, `nothing pending for ${id}`);
  }

  // The emergency case misses its one-minute confirmation: the supervisor's
  // console raises the alert; both lists show the case red.
  const sup = supervisor.page;
  const alert = sup.locator('#alerts .alert[data-case-id]');
  await alert.waitFor({ timeout: Math.max(5_000, made + 100_000 - Date.now()) });
  assert.match(await alert.textContent(), /緊急ケースの確認が期限を過ぎています/);
  assert.match(await alert.textContent(), /自殺・自傷のおそれ/);
  const supLine = sup.locator('#cases .case-item', { hasText: '自殺・自傷のおそれ' });
  await sup.locator('#cases .case-item[data-overdue="true"]', { hasText: '自殺・自傷のおそれ' }).waitFor();
  assert.equal(await supLine.locator('.clock').getAttribute('data-state'), 'overdue');
  await desk.locator('#cases .case-item[data-overdue="true"]', { hasText: '自殺・自傷のおそれ' }).waitFor();
  assert.deepEqual(await audit(sup, { minTarget: 24 }), [], 'supervisor console with an overdue alert');
  await sup.screenshot({ path: screenshotPath('console-overdue.png') });
  await desk.screenshot({ path: screenshotPath('console-overdue-counsellor.png') });

  // The alert's button opens the case; confirming it takes the alert away.
  await alert.getByRole('button', { name: 'ケースを開く' }).click();
  const dialog = sup.locator('#case-dialog');
  await dialog.locator('.case-excerpt', { hasText: CRISIS }).waitFor();
  assert.equal(await alert.count(), 0, 'the alert goes once opened');
  const caseId = await supLine.getAttribute('data-id');
  await dialog.getByRole('button', { name: '確認' }).click();
  await supLine.filter({ hasText: '未確認' }).waitFor();
  const released = Date.now();
  await dialog.getByRole('button', { name: '閉じる' }).last().click();

  // Released, the partner has a minute to acknowledge it; past that, the other alert.
  const ackAlert = sup.locator(`#alerts .alert[data-case-id="${caseId}"][data-waiting-for="acknowledgement"]`);
  await ackAlert.waitFor({ timeout: Math.max(5_000, released + 100_000 - Date.now()) });
  assert.match(await ackAlert.textContent(), /連携先がまだ受け取りを確認していません（期限超過）/);
  await sup.locator('#cases .case-item[data-overdue="true"]', { hasText: '未確認' }).waitFor();
  // The partner acknowledges: the alert goes, the line is no longer red.
  const partnerApi = await adminApi(site.server.url, site.server.accounts.partner);
  const ack = await partnerApi('POST', `/api/cases/${caseId}/status`, { status: 'acknowledged' });
  assert.equal(ack.status, 200, JSON.stringify(ack.body));
  await ackAlert.waitFor({ state: 'detached' });
  await supLine.filter({ hasText: '確認済み' }).waitFor();
  assert.equal(await supLine.getAttribute('data-overdue'), null);

  for (const watch of [deskWatch, supervisor.watch, one.watch, two.watch]) assert.deepEqual(realProblems(watch), []);
});

test('English: the banner and the dismissal speak English', async (t) => {
  const { page: desk, watch } = await site.staff(t, 'counselor');
  await desk.getByRole('button', { name: 'English' }).click();
  const one = await teen(t, 'はる', CALM);
  await takeChat(desk, 'はる', CALM, /Take/);
  await say(one.page, CRISIS);
  const banner = desk.getByRole('region', { name: 'Suggested escalation' });
  await banner.waitFor();
  await banner.getByRole('button', { name: 'Set aside' }).click();
  await banner.getByRole('button', { name: 'Record and set aside' }).click();
  await desk.locator('#nudge-msg', { hasText: 'Please write a short reason' }).waitFor();
  assert.deepEqual(await audit(desk, { minTarget: 24 }), [], 'console in English with the banner');
  await desk.screenshot({ path: screenshotPath('console-nudge-en.png') });
  // Escape closes the reason and returns focus to the button.
  await desk.getByLabel('Why set it aside (kept on record)').press('Escape');
  assert.equal(await desk.locator(':focus').getAttribute('id'), 'nudge-dismiss');
  assert.deepEqual(realProblems(watch), []);
});
