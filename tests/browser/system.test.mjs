// System messages (the inactivity prompt, then the kind ending) shown calmly
// centred with both lines, on the phone and in the console; a chat the server
// ends for inactivity stays in the counsellor's list until the wrap-up.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { phoneOptions, realProblems, screenshotPath, useSite } from './support.mjs';


// Short quiet times: the prompt after 10 s, the end after 22 s.
const site = useSite({ env: { YORISOI_TEEN_IDLE_PROMPT_SECONDS: '10', YORISOI_TEEN_IDLE_END_SECONDS: '22' } });

/** How a system bubble is laid out: centred, the text kept on its lines. */
async function layout(bubble, container) {
  return bubble.evaluate((li, containerSelector) => {
    const body = li.querySelector('.body');
    const box = li.getBoundingClientRect();
    const log = document.querySelector(containerSelector).getBoundingClientRect();
    const lineHeight = Number.parseFloat(getComputedStyle(body).lineHeight) || 20;
    return {
      whiteSpace: getComputedStyle(body).whiteSpace,
      textAlign: getComputedStyle(body).textAlign,
      centreOffset: Math.abs(box.left + box.width / 2 - (log.left + log.width / 2)),
      lines: Math.round(body.getBoundingClientRect().height / lineHeight),
    };
  }, container);
}

test('the inactivity prompt and ending are calm, centred, both lines shown; the wrap-up is still asked for', async (t) => {
  const { page: phone, watch: teenWatch } = await site.open(t, phoneOptions());
  await phone.goto(`${site.base}/chat/?line=anytime-demo`);
  await phone.getByLabel('呼ばれたい名前（なくても大丈夫）').fill('なぎ');
  await phone.getByRole('button', { name: '相談をはじめる' }).click();
  await phone.locator('#waiting').waitFor();

  const { page: desk, watch: deskWatch } = await site.open(t);
  await desk.goto(`${site.base}/console/`);
  await desk.getByLabel('ユーザー名').fill(site.server.accounts.counselor.username);
  await desk.getByLabel('パスワード').fill(site.server.accounts.counselor.password);
  await desk.getByRole('button', { name: 'サインイン' }).click();
  const item = desk.locator('.queue-item', { hasText: 'なぎ' });
  await item.waitFor();
  await item.getByRole('button', { name: /取る/ }).click();
  await phone.locator('#active-bar').waitFor();

  // The teen stays quiet: the prompt comes, in Japanese and English, on two lines.
  const prompt = phone.locator('#log li.bubble-system', { hasText: 'まだ話せそうですか' });
  await prompt.waitFor({ timeout: 25_000 });
  const text = await prompt.locator('.body').textContent();
  assert.match(text, /まだ話せそうですか？.*\n\(Are you still there\?/s);
  const onPhone = await layout(prompt, '#log');
  assert.equal(onPhone.whiteSpace, 'pre-wrap');
  assert.equal(onPhone.textAlign, 'center');
  assert.ok(onPhone.centreOffset < 4, `centred on the phone (${onPhone.centreOffset}px off)`);
  assert.ok(onPhone.lines >= 2, 'both lines show');
  await phone.screenshot({ path: screenshotPath('chat-system-prompt-phone.png') });

  const deskPrompt = desk.locator('#log li.bubble-system', { hasText: 'まだ話せそうですか' });
  await deskPrompt.waitFor();
  assert.match(await deskPrompt.locator('.body').textContent(), /\n\(Are you still there\?/);
  const inConsole = await layout(deskPrompt, '#log');
  assert.equal(inConsole.whiteSpace, 'pre-wrap');
  assert.equal(inConsole.textAlign, 'center');
  assert.ok(inConsole.centreOffset < 4, `centred in the console (${inConsole.centreOffset}px off)`);
  assert.ok(inConsole.lines >= 2);

  // Still quiet: the server ends the chat kindly; the counsellor is asked for the wrap-up.
  await phone.locator('#log li.bubble-system', { hasText: 'いったん終わりにしました' }).waitFor({ timeout: 30_000 });
  await phone.getByRole('heading', { name: '相談はこれで終わりです' }).waitFor();
  const chat = desk.locator('.chat-item', { hasText: 'なぎ' });
  await chat.locator('.tag', { hasText: 'まとめ未記入' }).waitFor();
  await desk.locator('#log li.bubble-system', { hasText: 'いったん終わりにしました' }).waitFor();
  await desk.screenshot({ path: screenshotPath('console-system-messages.png') });
  await desk.getByRole('button', { name: 'まとめを書く' }).click();
  const wrap = desk.locator('#wrap');
  await wrap.getByLabel('心の不調').check();
  await wrap.getByLabel('リスクの判断').selectOption('info');
  await wrap.getByLabel('今後の対応').fill('返事がなく終了。次に来たときに続きを聞く。');
  await wrap.getByRole('button', { name: '記録する' }).click();
  await chat.waitFor({ state: 'detached' });

  assert.deepEqual(realProblems(teenWatch), []);
  assert.deepEqual(realProblems(deskWatch), []);
});
