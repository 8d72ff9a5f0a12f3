// The teen landing page on a phone: lines, hours in Tokyo time, emergency
// numbers, language switch, and the quick exit (button and Esc twice).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NEUTRAL_URL, adminApi, phoneOptions, screenshotPath, tokyoDay, useSite } from './support.mjs';


const site = useSite({
  // A line that is surely closed now and opens in three days' time, so the
  // "next opening" display is tested whatever the hour of the run.
  async setup({ server }) {
    const api = await adminApi(server.url, server.accounts.admin);
    const saved = await api('PUT', '/api/admin/lines/closed-test', {
      sort_order: 40,
      name_ja: 'テスト用の窓口',
      name_en: 'Test line',
      description_ja: '試験のための窓口です。',
      description_en: 'A line for the tests.',
      schedule: {
        weekly: [{ day: tokyoDay(3), start: '10:00', end: '11:00' }],
        exceptions: [],
        closed_on_public_holidays: false,
        last_entry_minutes: 0,
      },
    });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
  },
});

test('lines, open and closed, emergency numbers and a calm phone layout', async (t) => {
  const { page, watch } = await site.open(t, phoneOptions());
  const response = await page.goto(`${site.base}/`);
  assert.equal(response.status(), 200);
  assert.equal(await page.title(), 'メモ', 'the tab title stays neutral');
  assert.equal(await page.getAttribute('html', 'lang'), 'ja');

  const anytime = page.locator('[data-line-id="anytime-demo"]');
  await anytime.waitFor();
  assert.equal(await page.locator('.line').count(), 4);
  assert.equal((await anytime.locator('.badge').textContent()).trim(), '相談受付中');
  const start = anytime.getByRole('link', { name: /相談をはじめる/ });
  assert.equal(await start.getAttribute('href'), '/chat/?line=anytime-demo');
  assert.match(await anytime.locator('.hours').textContent(), /毎日 24時間/);

  const closed = page.locator('[data-line-id="closed-test"]');
  assert.equal((await closed.locator('.badge').textContent()).trim(), '受付時間外');
  const next = (await closed.locator('.when').textContent()).trim();
  // e.g. "次の受付: 11月28日(土) 10:00"
  assert.match(next, /^次の受付: \d{1,2}月\d{1,2}日\([月火水木金土日]\) 10:00$/);
  assert.equal(await closed.getByRole('link', { name: /相談をはじめる/ }).count(), 0, 'no start button on a closed line');
  const dayJa = { mon: '月', tue: '火', wed: '水', thu: '木', fri: '金', sat: '土', sun: '日' }[tokyoDay(3)];
  assert.ok(next.includes(`(${dayJa})`), `${next} names the weekday ${dayJa}`);

  const youth = page.locator('[data-line-id="youth-health"]');
  const youthHours = await youth.locator('.week').textContent();
  assert.match(youthHours, /水\s*15:00–20:00/);
  assert.match(youthHours, /日\s*09:00–14:00/);
  assert.match(await page.locator('[data-line-id="young-carer"] .hours').textContent(), /祝日はお休みです/);

  await assert.doesNotReject(page.getByRole('heading', { name: '今すぐ助けが必要なとき' }).waitFor());
  for (const number of ['110', '119', '189']) {
    const link = page.locator(`a[href="tel:${number}"]`);
    assert.equal(await link.count(), 1, `tel:${number}`);
    assert.ok(await link.isVisible());
  }
  assert.match(await page.locator('a[href="tel:189"]').textContent(), /いちはやく/);

  // Nothing is wider than the phone.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
  // The quick exit stays on screen after scrolling.
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  const box = await page.locator('[data-quick-exit]').boundingBox();
  assert.ok(box && box.y >= 0 && box.y < 100 && box.height >= 44, `quick exit visible at the top: ${JSON.stringify(box)}`);
  await page.evaluate(() => window.scrollTo(0, 0));

  await page.screenshot({ path: screenshotPath('teen-phone.png'), fullPage: true });
  // The narrowest common phone, 360 px: still nothing wider than the screen.
  await page.setViewportSize({ width: 360, height: 740 });
  const narrow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(narrow <= 0, `at 360 px the page is ${narrow}px wider than the screen`);
  await page.screenshot({ path: screenshotPath('teen-360.png') });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: screenshotPath('teen-phone-viewport.png') });
  assert.deepEqual(watch.problems(), []);
});

test('switching to English changes the headings and is remembered', async (t) => {
  const { page, watch } = await site.open(t, phoneOptions());
  await page.goto(`${site.base}/`);
  await page.locator('[data-line-id="anytime-demo"]').waitFor();
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await page.getByRole('heading', { name: 'Consultation lines' }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await page.title(), 'Notes');
  await page.getByRole('heading', { name: 'If you need help right now' }).waitFor();
  // The lines are fetched again in English.
  await page.locator('[data-line-id="youth-health"] .line-name', { hasText: 'Youth health: mind and body' }).waitFor();
  assert.equal((await page.locator('[data-line-id="anytime-demo"] .badge').textContent()).trim(), 'Open now');
  assert.match(await page.locator('[data-line-id="closed-test"] .when').textContent(), /^Next opening: \w{3} \d{1,2} \w{3} 10:00$/);
  assert.equal(await page.evaluate(() => localStorage.getItem('lang')), 'en');

  await page.reload();
  await page.getByRole('heading', { name: 'Consultation lines' }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  await page.screenshot({ path: screenshotPath('teen-phone-en.png') });

  await page.getByRole('button', { name: '日本語に切り替える' }).click();
  await page.getByRole('heading', { name: '相談窓口' }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'ja');
  assert.deepEqual(watch.problems(), []);
});

/** Opens the page, stores something in sessionStorage, and returns the history length. */
async function prepareExit(page) {
  await page.goto(`${site.base}/`);
  await page.locator('[data-line-id="anytime-demo"]').waitFor();
  await page.evaluate(() => sessionStorage.setItem('draft', 'something private'));
  return page.evaluate(() => history.length);
}

async function assertLeft(page, lengthBefore) {
  await page.waitForURL(NEUTRAL_URL);
  assert.equal(page.url(), NEUTRAL_URL);
  assert.equal(await page.evaluate(() => history.length), lengthBefore, 'location.replace adds no history entry');
  // Back does not return to our page.
  await page.goBack().catch(() => null);
  assert.ok(!page.url().startsWith(site.base), `Back returned to ${page.url()}`);
  // sessionStorage of our origin in this tab was cleared before leaving.
  await page.goto(`${site.base}/404-check`);
  assert.equal(await page.evaluate(() => sessionStorage.getItem('draft')), null);
}

test('the quick exit button leaves at once with replace', async (t) => {
  const { page, watch } = await site.open(t, phoneOptions());
  const before = await prepareExit(page);
  await page.locator('[data-quick-exit]').tap();
  await assertLeft(page, before);
  assert.deepEqual(watch.problems(), []);
});

test('Esc pressed twice leaves too; once does not', async (t) => {
  const { page, watch } = await site.open(t, phoneOptions());
  const before = await prepareExit(page);
  await page.keyboard.press('Escape');
  await page.waitForTimeout(1000);
  assert.ok(page.url().startsWith(site.base), 'a single Esc keeps the page');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await assertLeft(page, before);
  assert.deepEqual(watch.problems(), []);
});

test('a failed fetch is handled kindly and can be retried', async (t) => {
  const { context, page } = await site.open(t, phoneOptions());
  let fail = true;
  await context.route('**/api/lines*', (route) => (fail ? route.abort('internetdisconnected') : route.fallback()));
  await page.goto(`${site.base}/`);
  const status = page.locator('#lines-status');
  await status.filter({ hasText: '読み込めませんでした' }).waitFor();
  assert.equal(await page.locator('a[href="tel:110"]').count(), 1, 'emergency numbers still shown');
  fail = false;
  await page.getByRole('button', { name: 'もう一度読み込む' }).click();
  await page.locator('[data-line-id="anytime-demo"]').waitFor();
  assert.equal((await status.textContent()).trim(), '');
});

test('the chat start page and the not-found page are honest and have the quick exit', async (t) => {
  const { page, watch } = await site.open(t, phoneOptions());
  await page.goto(`${site.base}/chat/?line=anytime-demo`);
  await page.getByRole('heading', { name: '相談をはじめる' }).waitFor();
  assert.equal(await page.locator('[data-quick-exit]').count(), 1);
  const missing = await page.goto(`${site.base}/no/such/page`);
  assert.equal(missing.status(), 404);
  await page.getByRole('heading', { name: 'ページが見つかりませんでした' }).waitFor();
  assert.equal(await page.title(), 'メモ');
  await page.screenshot({ path: screenshotPath('not-found-phone.png') });
  await page.locator('[data-quick-exit]').click();
  await page.waitForURL(NEUTRAL_URL);
  assert.deepEqual(watch.problems(), []);
});
