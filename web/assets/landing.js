// The teen landing page: consultation lines, whether each is open, and what
// to do when none is. Everything from the server goes in with textContent.

import { installQuickExit } from './quick-exit.js';
import { createI18n } from './i18n.js';
import { formatClock, formatDayTime, tokyoDayDiff, weeklySummary, isAlwaysOpen } from './time.js';
import { TEEN_DICT } from './teen-texts.js';
import { el } from './dom.js';

const REFRESH_MS = 60_000;

const dict = {
  ja: {
    ...TEEN_DICT.ja,
    'intro.heading': 'ひとりで抱えこまないで',
    'intro.body': '名前もメールアドレスも電話番号もいりません。体のこと、心のこと、家族のこと。話したいことを、話せるところから。',
    'intro.exit': 'だれかに画面を見られそうなときは、右上の「すぐに閉じる」か、Escキーを2回押してください。',
    'lines.heading': '相談窓口',
    'lines.tz': '時間はすべて日本時間です。',
    'lines.loading': '窓口の情報を読み込んでいます…',
    'lines.failed': 'いまは窓口の情報を読み込めませんでした。電波のよいところで、もう一度ためしてみてください。',
    'lines.stale': '最新の情報を読み込めませんでした。少し前の情報を表示しています。',
    'lines.empty': 'いま表示できる窓口はありません。',
    'lines.retry': 'もう一度読み込む',
    open: '相談受付中',
    closed: '受付時間外',
    'open.full': '受付中ですが、新しい相談の受付は終わりました',
    'open.always': '24時間いつでも受け付けています',
    'open.until': '{time}まで受け付けています',
    'open.lastEntry': '新しい相談は{time}まで',
    'closed.next': '次の受付: {time}',
    'closed.none': '次の受付日は、いまは決まっていません',
    today: '今日',
    tomorrow: '明日',
    start: '相談をはじめる',
    hours: '受付時間',
    'hours.always': '毎日 24時間',
    'hours.holidays': '祝日はお休みです',
    'hours.none': '決まった受付時間はありません',
    'emergency.body': '危ない目にあっている、けがをしている、命の危険を感じるときは、すぐに電話してください。',
    'emergency.closedNote': 'いまは受付時間外の窓口があります。急ぐときは、下の番号に電話してください。',
    'footer.anon': 'このページは、あなたの名前や連絡先を記録しません。',
    'salon.heading': 'オンラインサロン（ヤングケアラー）',
    'salon.body': '家族のお世話をしている人どうしで、ニックネームで話せる部屋です。スタッフが見守っています。個別のメッセージ（DM）はありません。',
    'salon.enter': 'サロンをのぞいてみる',
  },
  en: {
    ...TEEN_DICT.en,
    'intro.heading': "You don't have to carry it alone",
    'intro.body': 'No name, e-mail or phone number needed. Your body, your feelings, your family: start wherever you like.',
    'intro.exit': 'If someone might see your screen, press “Quick exit” at the top, or press Esc twice.',
    'lines.heading': 'Consultation lines',
    'lines.tz': 'All times are Japan time.',
    'lines.loading': 'Loading the lines…',
    'lines.failed': "We couldn't load the lines just now. Please try again where your connection is better.",
    'lines.stale': "We couldn't load the latest information. Showing what we had a little earlier.",
    'lines.empty': 'There are no lines to show right now.',
    'lines.retry': 'Try again',
    open: 'Open now',
    closed: 'Closed now',
    'open.full': 'Open, but no longer taking new chats today',
    'open.always': 'Open around the clock',
    'open.until': 'Open until {time}',
    'open.lastEntry': 'New chats until {time}',
    'closed.next': 'Next opening: {time}',
    'closed.none': 'No opening is scheduled yet',
    today: 'Today',
    tomorrow: 'Tomorrow',
    start: 'Start a chat',
    hours: 'Opening hours',
    'hours.always': 'Every day, 24 hours',
    'hours.holidays': 'Closed on public holidays',
    'hours.none': 'No regular hours',
    'emergency.body': 'If you are in danger, hurt, or feel your life is at risk, call now.',
    'emergency.closedNote': 'Some lines are closed right now. If it is urgent, call one of these numbers.',
    'footer.anon': 'This page does not record your name or contact details.',
    'salon.heading': 'Online salon (young carers)',
    'salon.body': 'Rooms where young people who care for family talk with each other under nicknames. Staff watch over every room. There are no private messages.',
    'salon.enter': 'Visit the salon',
  },
};

const listEl = document.getElementById('lines');
const statusEl = document.getElementById('lines-status');
const retryEl = document.getElementById('lines-retry');

let last = null; // last good answer, for re-rendering on a language switch
let loadedLang = null;
let timer = null;
let inFlight = null;

const i18n = createI18n(dict, (lang) => {
  if (last && loadedLang !== lang) load();
  else if (last) render(last);
});

/** "今日 15:00", "明日 15:00" or "11月25日(水) 15:00", relative to the server's now. */
function when(iso, now) {
  const date = new Date(iso);
  const diff = tokyoDayDiff(now, date);
  const lang = i18n.lang;
  if (diff === 0) return `${i18n.t('today')} ${formatClock(date, lang)}`;
  if (diff === 1) return `${i18n.t('tomorrow')} ${formatDayTime(date, lang)}`;
  return formatDayTime(date, lang);
}

function renderLine(line, now) {
  const t = i18n.t;
  const item = el('li', 'line');
  item.dataset.lineId = line.id;
  const card = el('article', 'card');
  card.setAttribute('aria-labelledby', `line-${line.id}-name`);

  const head = el('div', 'card-head');
  const name = el('h3', 'line-name', line.name);
  name.id = `line-${line.id}-name`;
  const badge = el('p', line.open_now ? 'badge badge-open' : 'badge badge-closed', line.open_now ? t('open') : t('closed'));
  badge.dataset.state = line.open_now ? 'open' : 'closed';
  head.append(name, badge);
  card.append(head);

  const when_ = el('p', 'when');
  when_.dataset.role = line.open_now ? 'closes' : 'next-open';
  if (line.open_now && !line.accepting_new) {
    when_.textContent = t('open.full');
  } else if (line.open_now && !line.closes_at) {
    when_.textContent = t('open.always');
  } else if (line.open_now) {
    when_.textContent = t('open.until', { time: when(line.closes_at, now) });
    if (line.last_entry_at && line.last_entry_at !== line.closes_at) {
      when_.append(el('span', 'last-entry', ` ${t('open.lastEntry', { time: formatClock(new Date(line.last_entry_at), i18n.lang) })}`));
    }
  } else if (line.next_open_at) {
    when_.textContent = t('closed.next', { time: when(line.next_open_at, now) });
  } else {
    when_.textContent = t('closed.none');
  }
  card.append(when_);

  if (line.description) card.append(el('p', 'description', line.description));

  card.append(renderHours(line));

  if (line.open_now && line.accepting_new) {
    const start = el('a', 'button primary start', t('start'));
    start.href = `/chat/?line=${encodeURIComponent(line.id)}`;
    start.setAttribute('aria-describedby', name.id);
    card.append(start);
  }
  item.append(card);
  return item;
}

function renderHours(line) {
  const t = i18n.t;
  const box = el('div', 'hours');
  box.append(el('h4', 'hours-title', t('hours')));
  if (isAlwaysOpen(line.schedule)) {
    box.append(el('p', 'hours-always', t('hours.always')));
    return box;
  }
  const summary = weeklySummary(line.schedule?.weekly, i18n.lang);
  if (!summary.length) {
    box.append(el('p', null, t('hours.none')));
  } else {
    const dl = el('dl', 'week');
    for (const day of summary) {
      const row = el('div', 'week-row');
      row.dataset.day = day.day;
      row.append(el('dt', null, day.name), el('dd', null, day.windows.join(', ')));
      dl.append(row);
    }
    box.append(dl);
  }
  if (line.schedule?.closed_on_public_holidays) box.append(el('p', 'note', t('hours.holidays')));
  return box;
}

function render(data) {
  const now = new Date(data.now || Date.now());
  const items = (data.lines || []).map((line) => renderLine(line, now));
  listEl.replaceChildren(...items);
  if (!items.length) statusEl.textContent = i18n.t('lines.empty');
  const anyClosed = (data.lines || []).some((l) => !(l.open_now && l.accepting_new));
  const emergency = document.getElementById('emergency');
  emergency.classList.toggle('emphasis', anyClosed);
  let note = document.getElementById('emergency-closed-note');
  if (anyClosed && !note) {
    note = el('p', 'closed-note', i18n.t('emergency.closedNote'));
    note.id = 'emergency-closed-note';
    emergency.querySelector('h2').after(note);
  } else if (note && !anyClosed) {
    note.remove();
  } else if (note) {
    note.textContent = i18n.t('emergency.closedNote');
  }
}

async function load() {
  if (inFlight) inFlight.abort();
  const controller = new AbortController();
  inFlight = controller;
  const lang = i18n.lang;
  const timeout = setTimeout(() => controller.abort(), 15_000);
  if (!last) statusEl.textContent = i18n.t('lines.loading');
  try {
    const response = await fetch(`/api/lines?lang=${lang}`, {
      signal: controller.signal,
      headers: { Accept: 'application/json' },
      cache: 'no-store',
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const data = await response.json();
    last = data;
    loadedLang = lang;
    statusEl.textContent = '';
    retryEl.hidden = true;
    render(data);
  } catch (error) {
    if (controller.signal.aborted && inFlight !== controller) return; // replaced by a newer load
    statusEl.textContent = last ? i18n.t('lines.stale') : i18n.t('lines.failed');
    retryEl.hidden = false;
    if (last) render(last);
  } finally {
    clearTimeout(timeout);
    if (inFlight === controller) inFlight = null;
    schedule();
  }
}

function schedule() {
  clearTimeout(timer);
  timer = setTimeout(load, REFRESH_MS);
}

installQuickExit();
i18n.wireToggle(document.querySelector('[data-lang-toggle]'));
retryEl.addEventListener('click', () => load());
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible' && last) load();
});
i18n.apply();
load();
