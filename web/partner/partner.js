// The partner console: the cases handed to this partner organisation, live
// over `/ws/partner` (docs/protocol.md), with the acknowledgement clock. Every
// action is an HTTP call (`/api/cases/…`) with the session's CSRF token.
// Everything from the server goes in with textContent, never as HTML.

import { createI18n } from '/assets/i18n.js';
import { ReconnectingSocket } from '/assets/socket.js';
import { STAFF_DICT, announcer, createStaffApi, createErrorMessage, showStaffView, wireSession, unlockAudio, beep } from '/assets/staff.js';
import { CASE_DICT, ago, caseDetail, caseOrder, clockNode, statusBadge, updateClock, urgencyBadge } from '/assets/cases.js';
import { el } from '/assets/dom.js';

const dict = {
  ja: {
    ...STAFF_DICT.ja,
    'page.title': '連携先コンソール | Yorisoi',
    app: 'Yorisoi 連携先コンソール',
    'signin.heading': '連携先職員のサインイン',
    'forbidden.heading': 'このページは連携先の職員用です',
    'forbidden.body': 'このアカウントでは連携先コンソールを使えません。',
    'presence.open': '接続中（新しいケースは自動で表示されます）',
    'sound.start': '通知音をオンにする',
    'sound.on': '通知音オン',
    'list.heading': 'ケース',
    'list.caption': '引き渡されたケース（確認期限の近い順）',
    'list.showClosed': '終了したケースも表示',
    'list.empty': 'いま引き渡されているケースはありません。新しいケースは自動で表示されます。',
    'list.open': '未確認 {n}件',
    'list.openRow': '{reason}（{municipality}）の詳細を開く',
    'list.new': '新着',
    'col.urgency': '緊急度',
    'col.reason': '理由',
    'col.municipality': '自治体',
    'col.status': '状態',
    'col.released': '引き渡し',
    'col.clock': '確認期限',
    'announce.new': '新しいケース: {urgency}、{reason}、{municipality}',
    'announce.changed': 'ケースが更新されました: {reason}、{status}',
    'detail.heading': 'ケースの詳細',
    'detail.choose': '左の一覧からケースを選んでください。',
    'detail.gone': 'このケースは表示できません。',
    'actions.heading': '対応',
    'actions.ack': '受け取りを確認する',
    'actions.progress': '対応を始める',
    'actions.outcome': '結果',
    'actions.choose': '選んでください',
    'actions.close': '終了する',
    'actions.needOutcome': '終了するには結果を選んでください。',
    'actions.failed': 'できませんでした: {message}',
    'actions.done': '状態を「{status}」にしました。',
    'note.add': 'メモを追加（相談窓口にも見えます）',
    'note.submit': 'メモを残す',
    'note.empty': 'メモを入力してください。',
    'note.saved': 'メモを残しました。',
    'muni.none': '未記入',
    ...CASE_DICT.ja,
  },
  en: {
    ...STAFF_DICT.en,
    'page.title': 'Partner console | Yorisoi',
    app: 'Yorisoi partner console',
    'signin.heading': 'Partner staff sign-in',
    'forbidden.heading': "This page is for partner organisations' staff",
    'forbidden.body': 'This account cannot use the partner console.',
    'presence.open': 'Connected (new cases appear by themselves)',
    'sound.start': 'Turn on sound',
    'sound.on': 'Sound on',
    'list.heading': 'Cases',
    'list.caption': 'Cases handed to you (nearest deadline first)',
    'list.showClosed': 'Show closed cases',
    'list.empty': 'No cases handed over right now. New cases appear by themselves.',
    'list.open': '{n} not yet acknowledged',
    'list.openRow': 'Open {reason} ({municipality})',
    'list.new': 'New',
    'col.urgency': 'Urgency',
    'col.reason': 'Reason',
    'col.municipality': 'Municipality',
    'col.status': 'Status',
    'col.released': 'Handed over',
    'col.clock': 'Acknowledge by',
    'announce.new': 'New case: {urgency}, {reason}, {municipality}',
    'announce.changed': 'Case updated: {reason}, {status}',
    'detail.heading': 'Case detail',
    'detail.choose': 'Choose a case from the list.',
    'detail.gone': 'This case cannot be shown.',
    'actions.heading': 'Actions',
    'actions.ack': 'Acknowledge receipt',
    'actions.progress': 'Start working on it',
    'actions.outcome': 'Outcome',
    'actions.choose': 'Choose',
    'actions.close': 'Close the case',
    'actions.needOutcome': 'Choose an outcome to close the case.',
    'actions.failed': 'Could not do that: {message}',
    'actions.done': 'Status is now “{status}”.',
    'note.add': 'Add a note (the consultation service sees it too)',
    'note.submit': 'Save note',
    'note.empty': 'Write a note first.',
    'note.saved': 'Note saved.',
    'muni.none': 'Not given',
    ...CASE_DICT.en,
  },
};

const $ = (id) => document.getElementById(id);
const i18n = createI18n(dict, () => rerender());
const t = i18n.t;
const { api, setCsrf } = createStaffApi({ onUnauthorized: () => sessionEnded() });
const errorMessage = createErrorMessage(t);

const state = {
  account: null,
  cases: new Map(), // id -> list line
  fresh: new Set(), // ids that arrived live and were not opened yet
  selected: null,
  detail: null, // the full case of `selected`
  audio: null,
  sound: false,
};

let socket = null;

const muni = (c) => c.municipality || t('muni.none');

// ---------------------------------------------------------------- views and sign-in

function showView(name) {
  showStaffView(name, ['presence', 'sound']);
  if (name !== 'app') $('org-name').textContent = '';
}

async function signedIn(body) {
  state.account = body.account;
  setCsrf(body.csrf_token);
  $('who').textContent = body.account.display_name;
  if (body.account.role !== 'partner') {
    showView('forbidden');
    return;
  }
  showView('app');
  if (!socket) socket = new ReconnectingSocket('/ws/partner', { onFrame: handle, onState: renderPresence });
  socket.start();
}

/** Forgets the account and everything shown for it: back to the sign-in view. */
function reset() {
  socket?.stop();
  socket = null;
  state.account = null;
  state.cases.clear();
  state.fresh.clear();
  state.selected = null;
  state.detail = null;
  setCsrf(null);
  renderList();
  renderDetail();
  showView('signin');
}

const { sessionEnded, renderPresence } = wireSession({ api, t, onSignedIn: signedIn, signedIn: () => !!state.account, reset });

$('sound').addEventListener('click', async () => {
  state.audio = await unlockAudio(state.audio);
  state.sound = true;
  renderSound();
  beep(state.audio, 1);
});

function renderSound() {
  $('sound').textContent = t(state.sound ? 'sound.on' : 'sound.start');
  $('sound').classList.toggle('on', state.sound);
  $('sound').setAttribute('aria-pressed', String(state.sound));
}

// ---------------------------------------------------------------- frames

function handle(frame) {
  switch (frame.type) {
    case 'ready':
      state.account = frame.account || state.account;
      if (frame.organisation?.name) $('org-name').textContent = frame.organisation.name;
      return replaceAll(frame.cases || []);
    case 'cases':
      return replaceAll(frame.cases || []);
    case 'case':
      return onCase(frame.change, frame.case);
    case 'error':
      if (frame.code === 'session_ended') sessionEnded();
      return undefined;
    default:
      return undefined;
  }
}

function replaceAll(cases) {
  const before = new Set(state.cases.keys());
  const hadList = before.size > 0 || state.listed;
  state.cases = new Map(cases.map((c) => [c.id, c]));
  // After a reconnect, cases released meanwhile are new to this person.
  if (hadList) for (const c of cases) if (!before.has(c.id)) cue(c);
  state.listed = true;
  const org = cases[0]?.organisation_name;
  if (org) $('org-name').textContent = org;
  renderList();
  if (state.selected) loadDetail(state.selected);
}

function onCase(change, c) {
  const known = state.cases.has(c.id);
  state.cases.set(c.id, c);
  if (c.organisation_name) $('org-name').textContent = c.organisation_name;
  if (!known) cue(c);
  else if (change === 'status' || change === 'note' || change === 'overdue') {
    // Quietly: the change is often this person's own.
    if (c.id !== state.selected) announce(t('announce.changed', { reason: t(`reason.${c.reason}`), status: t(`cstatus.${c.status}`) }));
  }
  renderList();
  if (c.id === state.selected) loadDetail(c.id);
}

/** A new case: a short sound (when on), a highlighted row and a spoken announcement. */
function cue(c) {
  state.fresh.add(c.id);
  if (state.sound) beep(state.audio, c.urgency === 'emergency' ? 2 : 1);
  announce(t('announce.new', { urgency: t(`urgency.${c.urgency}`), reason: t(`reason.${c.reason}`), municipality: muni(c) }));
}

const announce = announcer('announce');

// ---------------------------------------------------------------- list

function visibleCases() {
  const showClosed = $('show-closed').checked;
  return [...state.cases.values()].filter((c) => showClosed || c.status !== 'closed').sort(caseOrder);
}

function renderList() {
  const rows = visibleCases().map(row);
  $('case-rows').replaceChildren(...rows);
  $('list-empty').hidden = rows.length > 0;
  const open = [...state.cases.values()].filter((c) => c.status === 'open').length;
  $('open-count').textContent = open ? t('list.open', { n: open }) : '';
  document.title = open ? `(${open}) ${t('page.title')}` : t('page.title');
}

function row(c) {
  const tr = el('tr', 'case-line');
  tr.dataset.id = c.id;
  tr.dataset.status = c.status;
  tr.dataset.urgency = c.urgency;
  if (state.fresh.has(c.id)) tr.classList.add('fresh');
  if (c.id === state.selected) tr.setAttribute('aria-current', 'true');
  const td = (...children) => {
    const cell = el('td');
    cell.append(...children);
    return cell;
  };
  const open = el('button', 'case-open', t(`reason.${c.reason}`));
  open.type = 'button';
  open.setAttribute('aria-label', t('list.openRow', { reason: t(`reason.${c.reason}`), municipality: muni(c) }));
  open.addEventListener('click', () => select(c.id));
  const reason = td(open);
  if (state.fresh.has(c.id)) reason.append(' ', el('span', 'case-new', t('list.new')));
  const released = el('time', 'case-ago', ago(c.released_at, t));
  if (c.released_at) released.dateTime = c.released_at;
  released.dataset.at = c.released_at || '';
  const clock = clockNode(c, t);
  clock.dataset.id = c.id;
  tr.append(td(urgencyBadge(c.urgency, t)), reason, td(muni(c)), td(statusBadge(c, t)), td(released), td(clock));
  tr.addEventListener('click', (event) => {
    if (event.target.closest('button')) return;
    select(c.id);
  });
  return tr;
}

/** Every second: the clocks and "time since". */
function tick() {
  for (const span of document.querySelectorAll('#case-rows .clock, #detail-body .clock')) {
    const id = span.dataset.id || state.selected;
    const c = state.cases.get(id);
    if (c) updateClock(span, c, t);
  }
  for (const time of document.querySelectorAll('#case-rows .case-ago')) {
    const text = ago(time.dataset.at, t);
    if (time.textContent !== text) time.textContent = text;
  }
}

$('show-closed').addEventListener('change', renderList);

// ---------------------------------------------------------------- detail and actions

async function select(id) {
  state.selected = id;
  state.fresh.delete(id);
  $('detail-msg').textContent = '';
  renderList();
  await loadDetail(id);
  $('detail-heading').focus();
}

async function loadDetail(id) {
  const result = await api('GET', `/api/cases/${encodeURIComponent(id)}`);
  if (state.selected !== id) return;
  if (!result.ok) {
    state.detail = null;
    $('detail-msg').textContent = result.status === 404 ? t('detail.gone') : errorMessage(result);
    renderDetail();
    return;
  }
  state.detail = result.data.case;
  // The full case is fresher than the list line: keep the line in step.
  const line = state.cases.get(id);
  if (line) {
    for (const key of ['status', 'outcome', 'ack_due_at', 'overdue', 'updated_at']) if (key in state.detail) line[key] = state.detail[key];
    renderList();
  }
  renderDetail();
}

function renderDetail() {
  const c = state.detail;
  $('detail-none').hidden = !!c || !!$('detail-msg').textContent;
  $('detail').hidden = !c;
  if (!c) return;
  const line = state.cases.get(c.id);
  const view = { ...c, ack_due_at: c.ack_due_at ?? line?.ack_due_at, overdue: c.overdue ?? line?.overdue };
  $('detail-body').replaceChildren(caseDetail(view, t, i18n.lang));
  $('act-ack').hidden = c.status !== 'open';
  $('act-progress').hidden = c.status !== 'acknowledged';
  $('close-form').hidden = !['acknowledged', 'in_progress'].includes(c.status);
  $('actions').hidden = c.status === 'closed';
}

async function setStatus(status, outcome) {
  const c = state.detail;
  if (!c) return;
  const body = outcome ? { status, outcome } : { status };
  const buttons = document.querySelectorAll('#actions button');
  for (const b of buttons) b.disabled = true;
  const result = await api('POST', `/api/cases/${encodeURIComponent(c.id)}/status`, body);
  for (const b of buttons) b.disabled = false;
  if (!result.ok) {
    $('detail-msg').textContent = t('actions.failed', { message: errorMessage(result) });
    await loadDetail(c.id);
    return;
  }
  $('detail-msg').textContent = '';
  state.detail = result.data.case;
  const line = state.cases.get(c.id);
  if (line) Object.assign(line, { status: state.detail.status, outcome: state.detail.outcome });
  announce(t('actions.done', { status: t(`cstatus.${state.detail.status}`) }));
  renderList();
  renderDetail();
}

$('act-ack').addEventListener('click', () => setStatus('acknowledged'));
$('act-progress').addEventListener('click', () => setStatus('in_progress'));
$('close-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const outcome = $('close-outcome').value;
  if (!outcome) {
    $('detail-msg').textContent = t('actions.needOutcome');
    $('close-outcome').focus();
    return;
  }
  setStatus('closed', outcome);
});

$('note-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const c = state.detail;
  const body = $('note-input').value.trim();
  if (!c) return;
  if (!body) {
    $('detail-msg').textContent = t('note.empty');
    $('note-input').focus();
    return;
  }
  const result = await api('POST', `/api/cases/${encodeURIComponent(c.id)}/notes`, { body });
  if (!result.ok) {
    $('detail-msg').textContent = t('actions.failed', { message: errorMessage(result) });
    return;
  }
  $('note-input').value = '';
  $('detail-msg').textContent = '';
  announce(t('note.saved'));
  await loadDetail(c.id);
});

function rerender() {
  if (socket) renderPresence(socket.state);
  renderSound();
  renderList();
  renderDetail();
}

// ---------------------------------------------------------------- start

i18n.wireToggle(document.querySelector('[data-lang-toggle]'));
i18n.apply();
setInterval(tick, 1000);

(async () => {
  const result = await api('GET', '/api/staff/session');
  if (result.ok) await signedIn(result.data);
  else showView('signin');
})();
