// Dates and times are always shown in Tokyo time, whatever the device says.

export const TOKYO = 'Asia/Tokyo';

const cache = new Map();
function fmt(lang, options) {
  const key = lang + JSON.stringify(options);
  if (!cache.has(key)) cache.set(key, new Intl.DateTimeFormat(lang, { timeZone: TOKYO, ...options }));
  return cache.get(key);
}

/** "YYYY-MM-DD" of the instant in Tokyo. */
export function tokyoDateKey(date) {
  return fmt('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

/** "15:00" in Tokyo. */
export function formatClock(date, lang) {
  return fmt(lang === 'en' ? 'en-GB' : 'ja-JP', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(date);
}

/** "11月25日(水)" or "Wed 25 Nov" in Tokyo. */
export function formatDay(date, lang) {
  if (lang === 'en') return fmt('en-GB', { weekday: 'short', day: 'numeric', month: 'short' }).format(date);
  return fmt('ja-JP', { month: 'long', day: 'numeric', weekday: 'short' }).format(date);
}

/** "11月25日(水) 15:00". */
export function formatDayTime(date, lang) {
  return `${formatDay(date, lang)} ${formatClock(date, lang)}`;
}

/** Full date and time, for staff pages: "2025/11/25 15:00:03". */
export function formatStamp(date, lang) {
  return fmt(lang === 'en' ? 'en-GB' : 'ja-JP', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(date);
}

/** Whole days between two Tokyo calendar dates (b - a). */
export function tokyoDayDiff(a, b) {
  const toUtc = (d) => Date.parse(`${tokyoDateKey(d)}T00:00:00Z`);
  return Math.round((toUtc(b) - toUtc(a)) / 86_400_000);
}

export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
export const DAY_NAMES = {
  ja: { mon: '月', tue: '火', wed: '水', thu: '木', fri: '金', sat: '土', sun: '日' },
  en: { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' },
};

/**
 * Weekly windows grouped by day in week order:
 * [{day, windows: ["15:00–20:00", ...]}]. An end at or before the start
 * runs past midnight and is marked so.
 */
export function weeklySummary(weekly, lang) {
  const byDay = new Map(DAYS.map((d) => [d, []]));
  for (const w of weekly || []) {
    if (!byDay.has(w.day)) continue;
    byDay.get(w.day).push(w);
  }
  const out = [];
  for (const [day, windows] of byDay) {
    if (!windows.length) continue;
    windows.sort((a, b) => a.start.localeCompare(b.start));
    out.push({
      day,
      name: DAY_NAMES[lang][day],
      windows: windows.map((w) => {
        const overnight = w.end !== '24:00' && w.end <= w.start;
        const next = overnight ? (lang === 'en' ? ' (next day)' : '（翌日）') : '';
        return `${w.start}–${w.end}${next}`;
      }),
    });
  }
  return out;
}

/** True when the weekly windows cover every day from 00:00 to 24:00. */
export function isAlwaysOpen(schedule) {
  if (!schedule || schedule.closed_on_public_holidays) return false;
  return DAYS.every((d) => (schedule.weekly || []).some((w) => w.day === d && w.start === '00:00' && w.end === '24:00'));
}
