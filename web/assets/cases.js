// Escalation cases, shared by the pages that show them: the names of reasons,
// urgencies, statuses, outcomes and consent in both languages, the
// acknowledgement clock and the case detail (every page: the staff console,
// the moderation page, the partner console); and for the escalating side (the
// staff console and the moderation page) the 「つなぐ」 form's fields and
// workings and the live 「ケース」 list with its detail dialog, notes and the
// supervisors' confirmation. Everything from the server goes in with
// textContent, never as HTML.

import { el } from '/assets/dom.js';
import { announcer } from '/assets/staff.js';
import { formatStamp } from '/assets/time.js';

export const REASONS = ['suicide_risk', 'abuse', 'caring_burden', 'health', 'other'];
export const URGENCIES = ['emergency', 'urgent', 'routine'];
export const STATUSES = ['open', 'acknowledged', 'in_progress', 'closed'];
export const OUTCOMES = ['connected_to_service', 'referred_elsewhere', 'no_contact_possible', 'other'];
export const CONSENTS = ['asked_and_given', 'declined', 'not_asked'];

/** The kind of help an organisation must give for a reason (as the server maps it). */
export const HELP_KIND = {
  suicide_risk: 'crisis',
  abuse: 'child_protection',
  caring_burden: 'carer_support',
  health: 'health',
  other: 'other',
};

/** Texts to merge into a page's dictionary. */
export const CASE_DICT = {
  ja: {
    'reason.suicide_risk': '自殺・自傷のおそれ',
    'reason.abuse': '虐待・ネグレクト',
    'reason.caring_burden': 'ケアの負担（ヤングケアラー）',
    'reason.health': '心身の健康',
    'reason.other': 'その他',
    'urgency.emergency': '緊急',
    'urgency.urgent': '至急',
    'urgency.routine': '通常',
    'cstatus.open': '未確認',
    'cstatus.acknowledged': '確認済み',
    'cstatus.in_progress': '対応中',
    'cstatus.closed': '終了',
    'cstatus.awaiting': '承認待ち',
    'outcome.connected_to_service': 'サービスにつながった',
    'outcome.referred_elsewhere': '他機関に引き継いだ',
    'outcome.no_contact_possible': '連絡がとれなかった',
    'outcome.other': 'その他（メモに記入）',
    'consent.asked_and_given': '本人に確認し、同意あり',
    'consent.declined': '本人は同意せず',
    'consent.not_asked': '本人に確認していない',
    'clock.left': 'あと {time}',
    'clock.overdue': '期限超過 {time}',
    'clock.none': '期限なし',
    'clock.confirmLeft': '承認待ち あと {time}',
    'clock.confirmOverdue': '承認期限超過 {time}',
    'clock.label': '確認期限',
    'clock.confirmLabel': '承認の期限',
    'clock.due': '確認期限: {time}',
    'ago': '{time}前',
    'dur.s': '{s}秒',
    'dur.ms': '{m}分{s}秒',
    'dur.m': '{m}分',
    'dur.hm': '{h}時間{m}分',
    'dur.dh': '{d}日{h}時間',
    'detail.reason': '理由',
    'detail.urgency': '緊急度',
    'detail.municipality': '自治体',
    'detail.organisation': '連携先',
    'detail.status': '状態',
    'detail.outcome': '結果',
    'detail.released': '引き渡し',
    'detail.acknowledged': '確認',
    'detail.closed': '終了',
    'detail.by': '担当した相談員',
    'detail.bySalon': 'つないだスタッフ',
    'detail.source': 'どこから',
    'source.salon': 'サロン',
    'source.chat': '相談チャット',
    'detail.summary': '概要',
    'detail.excerpts': '相談の抜粋（相談員が選んだメッセージ）',
    'detail.excerptsSalon': 'サロンの投稿（スタッフが選んだもの）',
    'detail.noExcerpts': '抜粋はありません。',
    'detail.consent': '本人の同意',
    'detail.override': '同意なしで引き渡した理由（スーパーバイザー）',
    'detail.notes': 'メモ（双方に見えます）',
    'detail.noNotes': 'メモはまだありません。',
    'detail.none': '—',
    'sender.teen': '相談者',
    'sender.member': 'サロンの参加者',
    'sender.counselor': '相談員',
    'sender.system': 'システム',
    'side.escalating': '相談窓口',
    'side.partner': '連携先',
  },
  en: {
    'reason.suicide_risk': 'Risk of suicide or self-harm',
    'reason.abuse': 'Abuse or neglect',
    'reason.caring_burden': 'Caring burden (young carer)',
    'reason.health': 'Health',
    'reason.other': 'Other',
    'urgency.emergency': 'Emergency',
    'urgency.urgent': 'Urgent',
    'urgency.routine': 'Routine',
    'cstatus.open': 'Not yet acknowledged',
    'cstatus.acknowledged': 'Acknowledged',
    'cstatus.in_progress': 'In progress',
    'cstatus.closed': 'Closed',
    'cstatus.awaiting': 'Awaiting confirmation',
    'outcome.connected_to_service': 'Connected to a service',
    'outcome.referred_elsewhere': 'Referred elsewhere',
    'outcome.no_contact_possible': 'No contact possible',
    'outcome.other': 'Other (say what in a note)',
    'consent.asked_and_given': 'Asked, and agreed',
    'consent.declined': 'Asked, and declined',
    'consent.not_asked': 'Not asked',
    'clock.left': '{time} left',
    'clock.overdue': 'Overdue by {time}',
    'clock.none': 'No deadline',
    'clock.confirmLeft': 'Awaiting confirmation, {time} left',
    'clock.confirmOverdue': 'Confirmation overdue by {time}',
    'clock.label': 'Acknowledge by',
    'clock.confirmLabel': 'Confirm by',
    'clock.due': 'Acknowledge by {time}',
    'ago': '{time} ago',
    'dur.s': '{s}s',
    'dur.ms': '{m}m {s}s',
    'dur.m': '{m}m',
    'dur.hm': '{h}h {m}m',
    'dur.dh': '{d}d {h}h',
    'detail.reason': 'Reason',
    'detail.urgency': 'Urgency',
    'detail.municipality': 'Municipality',
    'detail.organisation': 'Organisation',
    'detail.status': 'Status',
    'detail.outcome': 'Outcome',
    'detail.released': 'Handed over',
    'detail.acknowledged': 'Acknowledged',
    'detail.closed': 'Closed',
    'detail.by': 'Counsellor',
    'detail.bySalon': 'Escalated by',
    'detail.source': 'From',
    'source.salon': 'Salon',
    'source.chat': 'Chat',
    'detail.summary': 'Summary',
    'detail.excerpts': 'Excerpts (messages the counsellor chose)',
    'detail.excerptsSalon': 'Salon posts (chosen by staff)',
    'detail.noExcerpts': 'No excerpts.',
    'detail.consent': "The young person's consent",
    'detail.override': 'Why it was passed on without consent (supervisor)',
    'detail.notes': 'Notes (both sides see them)',
    'detail.noNotes': 'No notes yet.',
    'detail.none': '—',
    'sender.teen': 'Young person',
    'sender.member': 'Salon member',
    'sender.counselor': 'Counsellor',
    'sender.system': 'System',
    'side.escalating': 'Consultation service',
    'side.partner': 'Partner',
  },
};

/** A short duration: "4分32秒", "2時間5分", "1日3時間". */
export function shortDuration(ms, t) {
  const s = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d) return t('dur.dh', { d, h });
  if (h) return t('dur.hm', { h, m });
  if (m >= 10) return t('dur.m', { m });
  if (m) return t('dur.ms', { m, s: String(s % 60).padStart(2, '0') });
  return t('dur.s', { s: s % 60 });
}

/**
 * The acknowledgement clock of a case (list line or full case): `state` is
 * `due` (counting down), `overdue` (red), `done` (acknowledged or later),
 * `awaiting` (an emergency not yet released) or `none` (no deadline known:
 * the server may not send `ack_due_at` yet).
 */
export function ackClock(c, t, now = Date.now()) {
  if (c.awaiting_confirmation) {
    // The escalating side's confirmation deadline (four eyes), when the server sends it.
    const due = c.confirm_due_at ? Date.parse(c.confirm_due_at) : NaN;
    if (Number.isNaN(due)) return { state: c.overdue ? 'overdue' : 'awaiting', text: t('cstatus.awaiting') };
    const left = due - now;
    if (c.overdue === true || left <= 0) return { state: 'overdue', text: t('clock.confirmOverdue', { time: shortDuration(-left, t) }) };
    return { state: 'due', text: t('clock.confirmLeft', { time: shortDuration(left, t) }) };
  }
  if (c.status && c.status !== 'open') return { state: 'done', text: t(`cstatus.${c.status}`) };
  const due = c.ack_due_at ? Date.parse(c.ack_due_at) : NaN;
  if (Number.isNaN(due)) {
    if (c.overdue === true) return { state: 'overdue', text: t('clock.overdue', { time: '' }).trim() };
    return { state: 'none', text: t('clock.none') };
  }
  const left = due - now;
  if (c.overdue === true || left <= 0) return { state: 'overdue', text: t('clock.overdue', { time: shortDuration(-left, t) }) };
  return { state: 'due', text: t('clock.left', { time: shortDuration(left, t) }) };
}

/** A `<span class="clock">` showing the clock; refresh with `updateClock`. */
export function clockNode(c, t) {
  const span = el('span', 'clock');
  updateClock(span, c, t);
  return span;
}

export function updateClock(span, c, t) {
  const { state, text } = ackClock(c, t);
  span.dataset.state = state;
  if (span.textContent !== text) span.textContent = text;
  if (c.ack_due_at) span.title = t('clock.due', { time: formatStamp(new Date(c.ack_due_at), document.documentElement.lang) });
}

/** "12分前" since `at` (RFC 3339), or "—". */
export function ago(at, t, now = Date.now()) {
  if (!at) return t('detail.none');
  return t('ago', { time: shortDuration(now - Date.parse(at), t) });
}

/** A badge for the urgency. */
export function urgencyBadge(urgency, t) {
  return el('span', `case-badge urgency-${urgency}`, t(`urgency.${urgency}`));
}

/** A badge for the status (or "awaiting confirmation"). */
export function statusBadge(c, t) {
  const key = c.awaiting_confirmation ? 'awaiting' : c.status;
  return el('span', `case-badge status-${key}`, t(`cstatus.${key}`));
}

/**
 * The body of a case's detail (everything but actions and the note form):
 * facts, summary, excerpts, consent and any override justification, notes.
 * A salon case (`source: 'salon'`) names its posts and their writers as such.
 */
export function caseDetail(c, t, lang) {
  const root = el('div', 'case-detail');
  const stamp = (at) => (at ? formatStamp(new Date(at), lang) : t('detail.none'));
  const facts = el('dl', 'case-facts');
  const fact = (key, value) => {
    const dd = el('dd');
    if (value instanceof Node) dd.append(value);
    else dd.textContent = value ?? t('detail.none');
    facts.append(el('dt', '', t(key)), dd);
  };
  fact('detail.urgency', urgencyBadge(c.urgency, t));
  fact('detail.reason', t(`reason.${c.reason}`));
  const salon = c.source === 'salon';
  if (c.source) fact('detail.source', t(`source.${c.source}`));
  fact('detail.municipality', c.municipality || t('detail.none'));
  if (c.organisation_name) fact('detail.organisation', c.organisation_name);
  fact('detail.status', statusBadge(c, t));
  if (c.status === 'open') fact(c.awaiting_confirmation ? 'clock.confirmLabel' : 'clock.label', clockNode(c, t));
  if (c.outcome) fact('detail.outcome', t(`outcome.${c.outcome}`));
  fact('detail.released', stamp(c.released_at));
  if (c.acknowledged_at) fact('detail.acknowledged', stamp(c.acknowledged_at));
  if (c.closed_at) fact('detail.closed', stamp(c.closed_at));
  const by = c.escalated_by_name || c.created_by_name;
  if (by) fact(salon ? 'detail.bySalon' : 'detail.by', by);
  root.append(facts);

  root.append(el('h3', 'case-h', t('detail.summary')), el('p', 'case-summary', c.summary));

  root.append(el('h3', 'case-h', t('detail.consent')));
  const consent = el('p', `case-consent consent-${c.consent}`, t(`consent.${c.consent}`));
  root.append(consent);
  if (c.override_justification) {
    root.append(el('p', 'case-h-minor', t('detail.override')), el('p', 'case-override', c.override_justification));
  }

  root.append(el('h3', 'case-h', t(salon ? 'detail.excerptsSalon' : 'detail.excerpts')));
  const excerpts = c.excerpts || [];
  if (excerpts.length) {
    const ol = el('ol', 'case-excerpts');
    for (const x of excerpts) {
      const li = el('li', `case-excerpt excerpt-${x.sender}`);
      // A salon post is stored as the young person's words: its writer is a member of the room.
      const who = salon && x.sender === 'teen' ? 'member' : x.sender;
      const meta = el('p', 'case-excerpt-meta', `${t(`sender.${who}`)} · ${stamp(x.at)}`);
      li.append(meta, el('p', 'case-excerpt-body', x.body));
      ol.append(li);
    }
    root.append(ol);
  } else {
    root.append(el('p', 'muted', t('detail.noExcerpts')));
  }

  root.append(el('h3', 'case-h', t('detail.notes')));
  const notes = c.notes || [];
  if (notes.length) {
    const ol = el('ol', 'case-notes');
    for (const n of notes) {
      const li = el('li', `case-note note-${n.side}`);
      li.append(el('p', 'case-note-meta', `${t(`side.${n.side}`)} · ${n.author_name} · ${stamp(n.at)}`), el('p', 'case-note-body', n.body));
      ol.append(li);
    }
    root.append(ol);
  } else {
    root.append(el('p', 'muted', t('detail.noNotes')));
  }
  return root;
}

/** Orders list lines: not closed first; open ones by urgency and deadline; newest first. */
export function caseOrder(a, b) {
  const rank = (c) => (c.status === 'closed' ? 2 : c.status === 'open' ? 0 : 1);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (a.status === 'open' && b.status === 'open') {
    const u = URGENCIES.indexOf(a.urgency) - URGENCIES.indexOf(b.urgency);
    if (u) return u;
    const da = a.ack_due_at ? Date.parse(a.ack_due_at) : Infinity;
    const db = b.ack_due_at ? Date.parse(b.ack_due_at) : Infinity;
    if (da !== db) return da < db ? -1 : 1;
  }
  const at = (c) => Date.parse(c.released_at || c.created_at || 0);
  return at(b) - at(a);
}

// ------------------------------------------------------------ escalating (staff console, moderation)

/** Words of the 「つなぐ」 form, the 「ケース」 list and its detail dialog, for the escalating side's pages. */
export const ESCALATE_DICT = {
  ja: {
    ...CASE_DICT.ja,
    'cases.heading': 'ケース',
    'cases.headingAll': 'ケース（すべて）',
    'cases.empty': 'ケースはまだありません。',
    'cases.changed': 'ケースが「{status}」になりました: {reason}（{org}）',
    'cases.failed': 'できませんでした: {message}',
    'cases.open': '{reason} — {org} の詳細',
    'cases.confirm': '確認',
    'cases.confirmOf': '{reason} — {org} の緊急ケースを確認して引き渡す',
    'cases.confirmRelease': '確認して連携先に引き渡す',
    'cases.confirmed': 'ケースを確認し、連携先に引き渡しました。',
    'cases.awaitingLive': '確認を待つ緊急ケース: {reason}（{org}）',
    'cases.dialog': 'ケースの詳細',
    'cases.loading': '読み込んでいます…',
    'cases.close': '閉じる',
    'cases.noteAdd': 'ケースへのメモ（連携先にも見えます）',
    'cases.noteSubmit': 'メモを残す',
    'cases.noteEmpty': 'メモを入力してください。',
    'cases.noteSaved': 'メモを残しました。',
    'cases.noteArrived': '連携先からメモが届きました。',
    'cases.ownEmergency': 'この緊急ケースは、作成者以外のスーパーバイザーの確認を待っています。',
    'esc.open': 'つなぐ',
    'esc.heading': '連携先につなぐ',
    'esc.reason': '理由',
    'esc.urgency': '緊急度',
    'esc.summary': '概要（連携先が動くために必要なこと）',
    'esc.municipality': '自治体（本人が話したときだけ）',
    'esc.consent': '本人の同意',
    'esc.override': '同意なしで引き渡す理由（緊急時のスーパーバイザーのみ）',
    'esc.org': '連携先',
    'esc.orgLoading': '連携先を探しています…',
    'esc.orgNone': '条件に合う連携先がありません。',
    'esc.recommended': '{name}（推奨: {municipality}）',
    'esc.submit': 'ケースを送る',
    'esc.cancel': 'やめる',
    'esc.choose': '選んでください',
    'esc.need': '「{field}」を入力してください。',
    'esc.needOverride': '同意なしで引き渡すには、理由を書いてください（10文字以上）。',
    'esc.sent': '{org} にケースを送りました。',
    'esc.sentAwaiting': '緊急ケースを作成しました。別のスーパーバイザーの確認を待っています。',
    'esc.failed': '送れませんでした: {message}',
  },
  en: {
    ...CASE_DICT.en,
    'cases.heading': 'Cases',
    'cases.headingAll': 'Cases (all)',
    'cases.empty': 'No cases yet.',
    'cases.changed': 'Case is now “{status}”: {reason} ({org})',
    'cases.failed': 'Could not do that: {message}',
    'cases.open': '{reason} — {org}: details',
    'cases.confirm': 'Confirm',
    'cases.confirmOf': 'Confirm and hand over the emergency case {reason} — {org}',
    'cases.confirmRelease': 'Confirm and hand over to the partner',
    'cases.confirmed': 'Confirmed and handed to the partner.',
    'cases.awaitingLive': 'Emergency case waiting for confirmation: {reason} ({org})',
    'cases.dialog': 'Case detail',
    'cases.loading': 'Loading…',
    'cases.close': 'Close',
    'cases.noteAdd': 'Note on the case (the partner sees it too)',
    'cases.noteSubmit': 'Save note',
    'cases.noteEmpty': 'Write a note first.',
    'cases.noteSaved': 'Note saved.',
    'cases.noteArrived': 'A note came from the partner.',
    'cases.ownEmergency': 'This emergency case waits for a supervisor other than its creator to confirm it.',
    'esc.open': 'Escalate',
    'esc.heading': 'Escalate to a partner',
    'esc.reason': 'Reason',
    'esc.urgency': 'Urgency',
    'esc.summary': 'Summary (what the partner needs to act)',
    'esc.municipality': 'Municipality (only if the young person said)',
    'esc.consent': "The young person's consent",
    'esc.override': 'Why pass it on without consent (supervisors, emergencies only)',
    'esc.org': 'Partner organisation',
    'esc.orgLoading': 'Finding organisations…',
    'esc.orgNone': 'No organisation matches.',
    'esc.recommended': '{name} (suggested: {municipality})',
    'esc.submit': 'Send the case',
    'esc.cancel': 'Cancel',
    'esc.choose': 'Choose',
    'esc.need': 'Fill in “{field}”.',
    'esc.needOverride': 'To pass it on without consent, write why (at least 10 characters).',
    'esc.sent': 'Case sent to {org}.',
    'esc.sentAwaiting': 'Emergency case created. It waits for another supervisor to confirm it.',
    'esc.failed': 'Could not send: {message}',
  },
};

/**
 * A case reason from the moderation rules' categories of a post: self-harm is
 * a risk of suicide, abuse is abuse, anything else (a solicitation, contact
 * details) is other, for the escalating staff member to put in words.
 */
export function reasonFromCategories(categories = []) {
  if (categories.includes('self_harm')) return 'suicide_risk';
  if (categories.includes('abuse')) return 'abuse';
  return 'other';
}

/**
 * Organisations for `reason` (by its kind of help) and `municipality`, those
 * serving the municipality first: `{ok, list}` or `{ok: false, result}`.
 */
export async function fetchSuggestions(api, reason, municipality) {
  const query = new URLSearchParams();
  if (reason) query.set('help_kind', HELP_KIND[reason]);
  if (municipality) query.set('municipality', municipality);
  const key = query.toString();
  const result = await api('GET', `/api/cases/suggestions${key ? `?${key}` : ''}`);
  if (!result.ok) return { ok: false, key, result };
  return { ok: true, key, list: result.data.suggestions || [] };
}

/**
 * Puts suggestions into an organisation `<select>` (keeping the choice when it
 * still fits, otherwise the first suggestion) and the municipalities they
 * serve into a `<datalist>`, to type less.
 */
export function fillSuggestions({ select, datalist, list, municipality, t }) {
  const chosen = select.value;
  const first = el('option', '', t('esc.choose'));
  first.value = '';
  const options = [first];
  for (const s of list) {
    const o = s.organisation;
    const option = el('option', '', s.serves_municipality ? t('esc.recommended', { name: o.name, municipality }) : o.name);
    option.value = o.id;
    options.push(option);
  }
  select.replaceChildren(...options);
  if (chosen && list.some((s) => s.organisation.id === chosen)) select.value = chosen;
  else if (list.length) select.value = list[0].organisation.id;
  if (datalist) {
    const names = new Set(list.flatMap((s) => s.organisation.municipalities || []));
    datalist.replaceChildren(...[...names].map((n) => {
      const option = el('option');
      option.value = n;
      return option;
    }));
  }
}

/** The list line of a case made from a `POST /api/cases` answer (until the socket sends its own). */
export function summaryOf(c) {
  const keys = ['id', 'organisation_id', 'organisation_name', 'source', 'reason', 'urgency', 'status', 'outcome', 'municipality', 'awaiting_confirmation', 'released_at', 'created_by', 'created_at', 'updated_at', 'ack_due_at', 'confirm_due_at', 'overdue'];
  return Object.fromEntries(keys.filter((k) => k in c).map((k) => [k, c[k]]));
}

/**
 * `made(tag, attrs, key, children)`: an element with attributes and, for a
 * `key`, the words in `data-i18n`, so that a change of language reaches them
 * like the page's own.
 */
function maker(t) {
  return (tag, attrs = {}, key = null, children = []) => {
    const node = el(tag, attrs.class, key ? t(key) : undefined);
    for (const [name, value] of Object.entries(attrs)) if (name !== 'class') node.setAttribute(name, value);
    if (key) node.dataset.i18n = key;
    node.append(...children);
    return node;
  };
}

/**
 * Puts the fields of the 「つなぐ」 form in place: each `[data-esc-field]`
 * marker in `#escalate` becomes the field it names, so that the page's HTML
 * keeps its own layout and notes (a marker's children go at the end of its
 * field) while the fields are the same on every escalating page.
 */
function mountEscalateFields(t) {
  const made = maker(t);
  const choice = (value, key) => made('option', { value }, key);
  const field = (id, key, control, more = [], attrs = {}) =>
    made('div', { class: 'field', ...attrs }, null, [made('label', { for: id }, key), control, ...more]);
  const radios = (name, legend, values, prefix, more = []) =>
    made('fieldset', { class: 'radios' }, null, [
      made('legend', {}, legend),
      ...values.map((value) => made('label', { class: 'check' }, null, [made('input', { type: 'radio', name, value }), ' ', made('span', {}, `${prefix}.${value}`)])),
      ...more,
    ]);
  const fields = {
    reason: () => field('esc-reason', 'esc.reason', made('select', { id: 'esc-reason', required: '' }, null, [choice('', 'esc.choose'), ...REASONS.map((r) => choice(r, `reason.${r}`))])),
    urgency: () => radios('esc-urgency', 'esc.urgency', URGENCIES, 'urgency', [made('p', { id: 'esc-emergency-hint', class: 'muted small', hidden: '' }, 'esc.emergencyHint')]),
    summary: () => field('esc-summary', 'esc.summary', made('textarea', { id: 'esc-summary', rows: '3', maxlength: '1000' })),
    municipality: () =>
      field('esc-municipality', 'esc.municipality', made('input', { id: 'esc-municipality', list: 'esc-municipalities', maxlength: '40', autocomplete: 'off' }), [made('datalist', { id: 'esc-municipalities' })]),
    org: () => field('esc-org', 'esc.org', made('select', { id: 'esc-org', required: '' }, null, [choice('', 'esc.choose')]), [made('p', { id: 'esc-org-msg', class: 'muted small', role: 'status' })]),
    consent: () => radios('esc-consent', 'esc.consent', CONSENTS, 'consent'),
    override: () => field('esc-override', 'esc.override', made('textarea', { id: 'esc-override', rows: '2', maxlength: '1000' }), [], { id: 'esc-override-field', hidden: '' }),
    send: () => [
      made('p', { id: 'esc-picked', class: 'esc-picked', 'aria-live': 'polite' }),
      made('p', { id: 'esc-msg', class: 'note', role: 'alert' }),
      made('div', { class: 'row' }, null, [
        made('button', { type: 'submit', id: 'esc-submit', class: 'primary' }, 'esc.submit'),
        made('button', { type: 'button', id: 'esc-cancel', class: 'secondary' }, 'esc.cancel'),
      ]),
    ],
  };
  for (const marker of document.querySelectorAll('#escalate [data-esc-field]')) {
    const nodes = [fields[marker.dataset.escField]()].flat();
    nodes[0].append(...marker.childNodes);
    marker.replaceWith(...nodes);
  }
}

/**
 * The 「つなぐ」 form (`#escalate`, its `esc-*` fields put in place here) and
 * the workings it has on every escalating page: the override field and
 * emergency hint shown by the rules, the organisation suggestions as reason
 * and municipality change, and reading, checking and sending the case. The page keeps what differs: where
 * the case comes from, which excerpts go with it and what happens after.
 *
 * @param {object} o
 * @param {Function} o.api the staff API caller
 * @param {Function} o.t translator
 * @param {Function} o.isSupervisor whether the signed-in account is a supervisor
 * @param {Function} o.errorMessage an API failure as text
 * @param {string} o.declinedKey the words shown when consent was declined and the rules do not allow an override
 * @param {Function} [o.onChange] after the rules were shown again on a change of the form
 * @param {boolean} [o.refetchUnfilled] ask again for the same reason and municipality while no organisation is listed
 */
export function escalateForm({ api, t, isSupervisor, errorMessage, declinedKey, onChange = () => {}, refetchUnfilled = false }) {
  const $ = (id) => document.getElementById(id);
  let asked = null; // reason|municipality the suggestions are (being) fetched for
  let timer = null;
  mountEscalateFields(t);

  function radio(name) {
    return document.querySelector(`#escalate input[name="${name}"]:checked`)?.value || '';
  }

  function setRadio(name, value) {
    for (const input of document.querySelectorAll(`#escalate input[name="${name}"]`)) input.checked = input.value === value;
  }

  /** Shows the override field (a supervisor, an emergency, consent declined) and the emergency hint. */
  function renderRules() {
    const override = isSupervisor() && radio('esc-urgency') === 'emergency' && radio('esc-consent') === 'declined';
    $('esc-override-field').hidden = !override;
    $('esc-emergency-hint').hidden = radio('esc-urgency') !== 'emergency';
  }

  /** Organisations for the reason and municipality; typing waits 300 ms unless `now`. */
  async function loadSuggestions(now = false) {
    clearTimeout(timer);
    if (!now) {
      timer = setTimeout(() => loadSuggestions(true), 300);
      return;
    }
    const reason = $('esc-reason').value;
    const municipality = $('esc-municipality').value.trim();
    const key = `${reason}|${municipality}`;
    if (key === asked && (!refetchUnfilled || $('esc-org').options.length > 1)) return;
    asked = key;
    $('esc-org-msg').textContent = t('esc.orgLoading');
    const found = await fetchSuggestions(api, reason, municipality);
    if (asked !== key) return;
    if (!found.ok) {
      $('esc-org-msg').textContent = errorMessage(found.result);
      return;
    }
    fillSuggestions({ select: $('esc-org'), datalist: $('esc-municipalities'), list: found.list, municipality, t });
    $('esc-org-msg').textContent = found.list.length ? '' : t('esc.orgNone');
  }

  /** Forgets what the suggestions were fetched for, so that the next load asks again. */
  function forgetSuggestions() {
    asked = null;
  }

  /**
   * Reads and checks the form and sends the case: `source` names where it
   * comes from (`{conversation_id}` or `{salon_post_id}`), `excerptSeqs` the
   * chosen excerpts. Returns the case made, or null with the reason shown in
   * `#esc-msg` (and the field to fix focused).
   */
  async function send(source, excerptSeqs) {
    const msg = $('esc-msg');
    const need = (key, focus) => {
      msg.textContent = t('esc.need', { field: t(key) });
      focus?.focus();
      return null;
    };
    const reason = $('esc-reason').value;
    const urgency = radio('esc-urgency');
    const summary = $('esc-summary').value.trim();
    const consent = radio('esc-consent');
    const organisation = $('esc-org').value;
    if (!reason) return need('esc.reason', $('esc-reason'));
    if (!urgency) return need('esc.urgency', document.querySelector('#escalate input[name="esc-urgency"]'));
    if (!summary) return need('esc.summary', $('esc-summary'));
    if (!consent) return need('esc.consent', document.querySelector('#escalate input[name="esc-consent"]'));
    if (!organisation) return need('esc.org', $('esc-org'));
    const body = {
      ...source,
      organisation_id: organisation,
      reason,
      urgency,
      summary,
      consent,
      excerpt_seqs: [...excerptSeqs].sort((a, b) => a - b),
    };
    const municipality = $('esc-municipality').value.trim();
    if (municipality) body.municipality = municipality;
    if (consent === 'declined') {
      if (!isSupervisor() || urgency !== 'emergency') {
        msg.textContent = t(declinedKey);
        return null;
      }
      const why = $('esc-override').value.trim();
      if (why.length < 10) {
        msg.textContent = t('esc.needOverride');
        $('esc-override').focus();
        return null;
      }
      body.override_justification = why;
    }
    const button = $('esc-submit');
    button.disabled = true;
    const result = await api('POST', '/api/cases', body);
    button.disabled = false;
    if (!result.ok) {
      msg.textContent = t('esc.failed', { message: errorMessage(result) });
      return null;
    }
    return result.data.case;
  }

  $('escalate').addEventListener('change', (event) => {
    renderRules();
    onChange();
    if (event.target.id === 'esc-reason') loadSuggestions(true);
  });
  $('esc-municipality').addEventListener('input', () => loadSuggestions());

  return { radio, setRadio, renderRules, loadSuggestions, forgetSuggestions, send };
}

/**
 * The case dialog (`#case-dialog`), made once and added to the page: the
 * detail goes in `#case-dialog-body`; under it the confirmation button for a
 * supervisor and the note form. Its words carry `data-i18n`, so a change of
 * language reaches them like the page's own.
 */
function caseDialog(t) {
  const existing = document.getElementById('case-dialog');
  if (existing) return existing;
  const made = maker(t);
  const dialog = made('dialog', { id: 'case-dialog', class: 'wide case-dialog', 'aria-labelledby': 'case-dialog-heading' }, null, [
    // The heading takes focus when the dialog opens, so that it is read first and no action is one key away.
    made('h2', { id: 'case-dialog-heading', tabindex: '-1' }, 'cases.dialog'),
    made('p', { id: 'case-dialog-msg', class: 'note', role: 'alert' }),
    made('p', { id: 'case-dialog-own', class: 'note', hidden: '' }, 'cases.ownEmergency'),
    made('div', { id: 'case-dialog-body' }),
    made('div', { class: 'row case-dialog-actions' }, null, [
      made('button', { type: 'button', id: 'case-dialog-confirm', class: 'danger', hidden: '' }, 'cases.confirmRelease'),
    ]),
    made('form', { id: 'case-dialog-note', class: 'stack box', novalidate: '' }, null, [
      made('label', { for: 'case-note-input' }, 'cases.noteAdd'),
      made('textarea', { id: 'case-note-input', rows: '2', maxlength: '2000' }),
      made('div', { class: 'row' }, null, [made('button', { type: 'submit', class: 'secondary' }, 'cases.noteSubmit')]),
    ]),
    made('form', { method: 'dialog', class: 'dialog-close' }, null, [made('button', { type: 'submit', class: 'secondary' }, 'cases.close')]),
  ]);
  document.body.append(dialog);
  return dialog;
}

/**
 * The 「ケース」 list of an escalating page and its detail: lines (`#cases`,
 * `#cases-empty`) that follow the socket's `case` and `cases` frames live,
 * with the acknowledgement clock; each opens the case in a dialog (facts,
 * summary, excerpts, consent and any override, notes from both sides, a note
 * to add) that stays fresh while open; and a supervisor confirms an emergency
 * case someone else made, from its line or its detail (four eyes: the server
 * refuses the creator). Changes are said in the live region `#cases-live`.
 * The page keeps its layout: what its heading and count say (`onRender`),
 * what a late line does beyond turning red (`onTick`), whether lines name
 * where the case came from (`showSource`).
 *
 * @param {object} page what the page works with
 * @param {Function} page.api the staff API caller
 * @param {Function} page.t translator
 * @param {object} page.i18n for the language
 * @param {Function} page.account the signed-in account
 * @param {Function} page.errorMessage an API failure as text
 * @param {Function} page.cue sound: 1 = a case changed, 2 = an emergency waits for this supervisor
 * @param {object} [layout] what differs between the pages
 * @param {boolean} [layout.showSource] lines name the source (chat or salon)
 * @param {Function} [layout.onRender] after the list was drawn, with its lines in order and how many wait for this supervisor
 * @param {Function} [layout.onListed] after a whole list came (from the API or the socket)
 * @param {Function} [layout.onTick] every second, with whether a line is past its deadline
 */
export function caseList({ api, t, i18n, account, errorMessage, cue }, { showSource = false, onRender = () => {}, onListed = () => {}, onTick = () => {} } = {}) {
  const $ = (id) => document.getElementById(id);
  const cases = new Map(); // id -> list line
  let listed = false;
  let detailId = null;
  let lastOpened = null; // the case the note field was last for
  let notesSeen = 0; // notes in the detail as last shown
  let returnFocus = null;
  const announce = announcer('cases-live');
  const dialog = caseDialog(t);

  const isSupervisor = () => account()?.role === 'supervisor';
  const reasonOf = (c) => t(`reason.${c.reason}`);
  const orgOf = (c) => c.organisation_name || '';
  const mayConfirm = (c) => c.awaiting_confirmation && isSupervisor() && c.created_by !== account()?.id;
  const openButton = (id) => document.querySelector(`#cases .case-item[data-id="${CSS.escape(id)}"] .case-item-open`);

  /** The cases this account may see, over HTTP; the API's answer. */
  async function start() {
    const result = await api('GET', '/api/cases');
    if (result.ok) replaceAll(result.data.cases || []);
    return result;
  }

  function reset() {
    cases.clear();
    listed = false;
    if (dialog.open) dialog.close();
    // Nothing of one sign-in stays for the next.
    $('case-note-input').value = '';
    $('case-dialog-body').replaceChildren();
    lastOpened = null;
    render();
  }

  function replaceAll(list) {
    cases.clear();
    for (const c of list) cases.set(c.id, c);
    listed = true;
    onListed();
    render();
  }

  /** A case this page made: listed until the socket sends its own (newer) line. */
  function add(c) {
    if (!cases.has(c.id)) cases.set(c.id, summaryOf(c));
    render();
  }

  /** A `case` or `cases` frame. */
  function onFrame(frame) {
    if (frame.type === 'cases') return replaceAll(frame.cases || []);
    const c = frame.case;
    if (!c) return undefined;
    const before = cases.get(c.id);
    cases.set(c.id, c);
    if (before && before.status !== c.status) {
      announce(t('cases.changed', { status: t(`cstatus.${c.status}`), reason: reasonOf(c), org: orgOf(c) }));
      cue(1);
    } else if (!before && mayConfirm(c)) {
      announce(t('cases.awaitingLive', { reason: reasonOf(c), org: orgOf(c) }));
      cue(2);
    }
    render();
    if (detailId === c.id && dialog.open) loadDetail(c.id);
    return undefined;
  }

  function render() {
    const list = [...cases.values()].sort(caseOrder);
    $('cases').replaceChildren(...list.map(item));
    $('cases-empty').hidden = list.length > 0 || !listed;
    onRender(list, list.filter(mayConfirm).length);
    tick();
  }

  function item(c) {
    const li = el('li', 'case-item');
    li.dataset.id = c.id;
    li.dataset.status = c.awaiting_confirmation ? 'awaiting' : c.status;
    const open = el('button', 'case-item-open');
    open.type = 'button';
    open.setAttribute('aria-haspopup', 'dialog');
    open.setAttribute('aria-label', t('cases.open', { reason: reasonOf(c), org: orgOf(c) }));
    const top = el('span', 'case-item-top');
    top.append(urgencyBadge(c.urgency, t), ' ', el('span', 'case-item-reason', reasonOf(c)));
    if (showSource && c.source) top.append(' ', el('span', 'case-item-source muted small', t(`source.${c.source}`)));
    const bottom = el('span', 'case-item-bottom');
    bottom.append(el('span', 'case-item-org', orgOf(c)), ' ', statusBadge(c, t));
    if (c.status === 'open') {
      const clock = clockNode(c, t);
      clock.dataset.id = c.id;
      bottom.append(' ', clock);
    }
    open.append(top, bottom);
    open.addEventListener('click', () => openDetail(c.id));
    li.append(open);
    if (mayConfirm(c)) {
      const confirm = el('button', 'danger case-confirm', t('cases.confirm'));
      confirm.type = 'button';
      confirm.setAttribute('aria-label', t('cases.confirmOf', { reason: reasonOf(c), org: orgOf(c) }));
      confirm.addEventListener('click', () => confirmCase(c.id, confirm));
      li.append(confirm);
    }
    return li;
  }

  /** Clocks count down every second; a line past its deadline (the server's `overdue`, or the clock ran out here) turns red. */
  function tick() {
    let late = false;
    for (const li of document.querySelectorAll('#cases .case-item')) {
      const c = cases.get(li.dataset.id);
      if (!c) continue;
      const span = li.querySelector('.clock');
      if (span) updateClock(span, c, t);
      const overdue = c.status === 'open' && ackClock(c, t).state === 'overdue';
      if (overdue) li.dataset.overdue = 'true';
      else delete li.dataset.overdue;
      late ||= overdue;
    }
    const open = detailId && cases.get(detailId);
    if (open) for (const span of document.querySelectorAll('#case-dialog-body .clock')) updateClock(span, open, t);
    onTick(late);
  }

  /** A supervisor confirms another's emergency case: the partner sees it from now. */
  async function confirmCase(id, button) {
    button.disabled = true;
    const result = await api('POST', `/api/cases/${encodeURIComponent(id)}/confirm`);
    button.disabled = false;
    const inDialog = dialog.open && detailId === id;
    if (!result.ok) {
      const text = t('cases.failed', { message: errorMessage(result) });
      if (inDialog) $('case-dialog-msg').textContent = text;
      else announce(text);
      return;
    }
    const c = result.data.case;
    const line = cases.get(id);
    if (line) Object.assign(line, { awaiting_confirmation: false, released_at: c.released_at, status: c.status });
    announce(t('cases.confirmed'));
    render();
    // The button is gone: focus stays near, on the case's line or the dialog's heading.
    if (inDialog) {
      // Focus moves in the same task as the button disappears, so it never falls to the page.
      $('case-dialog-heading').focus();
      await loadDetail(id);
    } else {
      openButton(id)?.focus();
    }
  }

  // ------------------------------------------------------------ detail

  async function openDetail(id) {
    // A note begun for another case does not carry over.
    if (lastOpened !== id) $('case-note-input').value = '';
    lastOpened = id;
    detailId = id;
    notesSeen = 0;
    $('case-dialog-msg').textContent = '';
    $('case-dialog-confirm').hidden = true;
    $('case-dialog-own').hidden = true;
    $('case-dialog-body').replaceChildren(el('p', 'muted', t('cases.loading')));
    if (!dialog.open) {
      returnFocus = document.activeElement;
      dialog.showModal();
    }
    $('case-dialog-heading').focus();
    await loadDetail(id);
  }

  async function loadDetail(id) {
    const body = $('case-dialog-body');
    body.setAttribute('aria-busy', 'true');
    const result = await api('GET', `/api/cases/${encodeURIComponent(id)}`);
    if (detailId !== id) return;
    body.removeAttribute('aria-busy');
    if (!result.ok) {
      $('case-dialog-msg').textContent = t('cases.failed', { message: errorMessage(result) });
      return;
    }
    const c = result.data.case;
    const line = cases.get(id);
    const view = { ...c, ack_due_at: c.ack_due_at ?? line?.ack_due_at, confirm_due_at: c.confirm_due_at ?? line?.confirm_due_at, overdue: c.overdue ?? line?.overdue };
    body.replaceChildren(caseDetail(view, t, i18n.lang));
    $('case-dialog-confirm').hidden = !mayConfirm(c);
    $('case-dialog-own').hidden = !(c.awaiting_confirmation && c.created_by === account()?.id);
    const notes = c.notes || [];
    if (notesSeen && notes.length > notesSeen && notes[notes.length - 1].side === 'partner') announce(t('cases.noteArrived'));
    notesSeen = notes.length;
  }

  $('case-dialog-confirm').addEventListener('click', (event) => detailId && confirmCase(detailId, event.currentTarget));
  $('case-dialog-note').addEventListener('submit', async (event) => {
    event.preventDefault();
    const input = $('case-note-input');
    const body = input.value.trim();
    if (!detailId) return;
    if (!body) {
      $('case-dialog-msg').textContent = t('cases.noteEmpty');
      input.focus();
      return;
    }
    const id = detailId;
    const button = event.submitter;
    if (button) button.disabled = true;
    const result = await api('POST', `/api/cases/${encodeURIComponent(id)}/notes`, { body });
    if (button) button.disabled = false;
    if (!result.ok) {
      $('case-dialog-msg').textContent = t('cases.failed', { message: errorMessage(result) });
      return;
    }
    input.value = '';
    $('case-dialog-msg').textContent = '';
    announce(t('cases.noteSaved'));
    if (detailId === id) await loadDetail(id);
  });
  dialog.addEventListener('close', () => {
    // Back where it was opened from; if that was drawn anew meanwhile (or was an alert that went), the case's line.
    const back = returnFocus?.isConnected ? returnFocus : detailId && openButton(detailId);
    detailId = null;
    returnFocus = null;
    back?.focus();
  });

  /** Draws again in the language now chosen. */
  function rerender() {
    render();
    if (detailId && dialog.open) loadDetail(detailId);
  }

  setInterval(tick, 1000);

  return {
    start,
    reset,
    add,
    onFrame,
    openDetail,
    rerender,
    announce,
    /** A case's line as listed, if known. */
    summary: (id) => cases.get(id),
  };
}
