// Escalation cases, shared by the staff console and the partner console: the
// names of reasons, urgencies, statuses, outcomes and consent in both
// languages, the acknowledgement clock, and the case detail. Everything from
// the server goes in with textContent, never as HTML.

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
    'detail.summary': '概要',
    'detail.excerpts': '相談の抜粋（相談員が選んだメッセージ）',
    'detail.noExcerpts': '抜粋はありません。',
    'detail.consent': '本人の同意',
    'detail.override': '同意なしで引き渡した理由（スーパーバイザー）',
    'detail.notes': 'メモ（双方に見えます）',
    'detail.noNotes': 'メモはまだありません。',
    'detail.none': '—',
    'sender.teen': '相談者',
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
    'detail.summary': 'Summary',
    'detail.excerpts': 'Excerpts (messages the counsellor chose)',
    'detail.noExcerpts': 'No excerpts.',
    'detail.consent': "The young person's consent",
    'detail.override': 'Why it was passed on without consent (supervisor)',
    'detail.notes': 'Notes (both sides see them)',
    'detail.noNotes': 'No notes yet.',
    'detail.none': '—',
    'sender.teen': 'Young person',
    'sender.counselor': 'Counsellor',
    'sender.system': 'System',
    'side.escalating': 'Consultation service',
    'side.partner': 'Partner',
  },
};

/** An element with a class and a text (never HTML). */
export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

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
 * `side` is `partner` or `escalating` (the reader's side).
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
  fact('detail.municipality', c.municipality || t('detail.none'));
  if (c.organisation_name) fact('detail.organisation', c.organisation_name);
  fact('detail.status', statusBadge(c, t));
  if (c.status === 'open') fact('clock.label', clockNode(c, t));
  if (c.outcome) fact('detail.outcome', t(`outcome.${c.outcome}`));
  fact('detail.released', stamp(c.released_at));
  if (c.acknowledged_at) fact('detail.acknowledged', stamp(c.acknowledged_at));
  if (c.closed_at) fact('detail.closed', stamp(c.closed_at));
  const by = c.escalated_by_name || c.created_by_name;
  if (by) fact('detail.by', by);
  root.append(facts);

  root.append(el('h3', 'case-h', t('detail.summary')), el('p', 'case-summary', c.summary));

  root.append(el('h3', 'case-h', t('detail.consent')));
  const consent = el('p', `case-consent consent-${c.consent}`, t(`consent.${c.consent}`));
  root.append(consent);
  if (c.override_justification) {
    root.append(el('p', 'case-h-minor', t('detail.override')), el('p', 'case-override', c.override_justification));
  }

  root.append(el('h3', 'case-h', t('detail.excerpts')));
  const excerpts = c.excerpts || [];
  if (excerpts.length) {
    const ol = el('ol', 'case-excerpts');
    for (const x of excerpts) {
      const li = el('li', `case-excerpt excerpt-${x.sender}`);
      const meta = el('p', 'case-excerpt-meta', `${t(`sender.${x.sender}`)} · ${stamp(x.at)}`);
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

/** Words of the 「つなぐ」 form and the 「ケース」 list, for the escalating side's pages. */
export const ESCALATE_DICT = {
  ja: {
    ...CASE_DICT.ja,
    'cases.heading': 'ケース',
    'cases.headingAll': 'ケース（すべて）',
    'cases.empty': 'ケースはまだありません。',
    'cases.changed': 'ケースが「{status}」になりました: {reason}（{org}）',
    'cases.failed': 'できませんでした: {message}',
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
 * The workings the 「つなぐ」 form (`#escalate` and its `esc-*` fields) has on
 * every escalating page: the override field and emergency hint shown by the
 * rules, the organisation suggestions as reason and municipality change, and
 * reading, checking and sending the case. The page keeps what differs: where
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
