// Escalation in the staff console: the 「つなぐ」 form that hands an open chat to
// a partner organisation (excerpts chosen by ticking messages in the
// transcript), and the 「ケース」 list whose status follows the `case` frames of
// `/ws/staff` live, with the acknowledgement clock, the detail with notes, and
// for supervisors the confirmation of another's emergency. The rules are the
// server's; this only asks. Everything from the server goes in as text.

import { announcer } from '/assets/staff.js';
import { ESCALATE_DICT, ackClock, caseDetail, caseOrder, clockNode, el, escalateForm, statusBadge, summaryOf, updateClock, urgencyBadge } from '/assets/cases.js';

export const CONSOLE_CASES_DICT = {
  ja: {
    ...ESCALATE_DICT.ja,
    'cases.open': '{reason} — {org} の詳細',
    'cases.confirm': '確認',
    'cases.confirmOf': '{reason} — {org} の緊急ケースを確認して引き渡す',
    'cases.confirmed': 'ケースを確認し、連携先に引き渡しました。',
    'cases.awaitingLive': '確認を待つ緊急ケース: {reason}（{org}）',
    'cases.dialog': 'ケースの詳細',
    'cases.close': '閉じる',
    'cases.noteAdd': 'ケースへのメモ（連携先にも見えます）',
    'cases.noteSubmit': 'メモを残す',
    'cases.noteEmpty': 'メモを入力してください。',
    'cases.ownEmergency': 'この緊急ケースは、作成者以外のスーパーバイザーの確認を待っています。',
    'esc.openLabel': 'この相談を連携先につなぐ',
    'esc.emergencyHint': '緊急は、別のスーパーバイザーが確認してから連携先に届きます。',
    'esc.excerpts': '抜粋: 会話のメッセージにチェックを入れてください（選んだものだけが送られます）',
    'esc.picked': '選んだメッセージ: {n}件',
    'esc.pick': '抜粋に選ぶ: {who} {time}',
    'esc.declinedCounselor': '本人が同意していない場合、引き渡せるのは緊急時のスーパーバイザーだけです。',
  },
  en: {
    ...ESCALATE_DICT.en,
    'cases.open': '{reason} — {org}: details',
    'cases.confirm': 'Confirm',
    'cases.confirmOf': 'Confirm and hand over the emergency case {reason} — {org}',
    'cases.confirmed': 'Confirmed and handed to the partner.',
    'cases.awaitingLive': 'Emergency case waiting for confirmation: {reason} ({org})',
    'cases.dialog': 'Case detail',
    'cases.close': 'Close',
    'cases.noteAdd': 'Note on the case (the partner sees it too)',
    'cases.noteSubmit': 'Save note',
    'cases.noteEmpty': 'Write a note first.',
    'cases.ownEmergency': 'This emergency case waits for a supervisor other than its creator to confirm it.',
    'esc.openLabel': 'Escalate this chat to a partner organisation',
    'esc.emergencyHint': 'An emergency reaches the partner after another supervisor confirms it.',
    'esc.excerpts': 'Excerpts: tick messages in the chat (only those are sent)',
    'esc.picked': '{n} messages chosen',
    'esc.pick': 'Choose as excerpt: {who} {time}',
    'esc.declinedCounselor': 'When the young person declined, only a supervisor may pass it on, in an emergency.',
  },
};

/**
 * @param {object} o
 * @param {Function} o.api the staff API caller
 * @param {Function} o.t translator
 * @param {object} o.i18n for the language
 * @param {Function} o.account the signed-in account
 * @param {Function} o.current the open chat ({id, view, messages}) or null
 * @param {Function} o.cue sound: 1 = something changed, 2 = needs a supervisor now
 * @param {Function} o.formatTime a message time as text
 * @param {Function} [o.created] called with the chat's id after a case was made from it
 */
export function createCaseDesk({ api, t, i18n, account, current, cue, formatTime, created = () => {} }) {
  const $ = (id) => document.getElementById(id);
  const cases = new Map(); // id -> summary
  const picked = new Map(); // conversation id -> Set of seqs
  let formFor = null; // conversation id the form is open for
  let detailId = null;
  let listed = false;

  const isSupervisor = () => account()?.role === 'supervisor';
  const reasonOf = (c) => t(`reason.${c.reason}`);
  const orgOf = (c) => c.organisation_name || '';

  function errorMessage(result) {
    if (result.status === 0) return t('err.network');
    return result.error?.message || t('err.generic', { code: result.status });
  }

  const announce = announcer('cases-live');

  const form = escalateForm({
    api,
    t,
    isSupervisor,
    errorMessage,
    declinedKey: 'esc.declinedCounselor',
    refetchUnfilled: true,
  });

  // ------------------------------------------------------------ the list

  async function start() {
    const result = await api('GET', '/api/cases');
    if (result.ok) replaceAll(result.data.cases || []);
  }

  function reset() {
    cases.clear();
    picked.clear();
    formFor = null;
    listed = false;
    if ($('case-dialog').open) $('case-dialog').close();
    closeForm();
    renderList();
  }

  function replaceAll(list) {
    cases.clear();
    for (const c of list) cases.set(c.id, c);
    listed = true;
    renderList();
  }

  function onFrame(frame) {
    if (frame.type === 'cases') return replaceAll(frame.cases || []);
    const c = frame.case;
    if (!c) return undefined;
    const before = cases.get(c.id);
    cases.set(c.id, c);
    const me = account()?.id;
    if (before && before.status !== c.status) {
      announce(t('cases.changed', { status: t(`cstatus.${c.status}`), reason: reasonOf(c), org: orgOf(c) }));
      cue(1);
    } else if (!before && c.awaiting_confirmation && isSupervisor() && c.created_by !== me) {
      announce(t('cases.awaitingLive', { reason: reasonOf(c), org: orgOf(c) }));
      cue(2);
    }
    renderList();
    if (detailId === c.id && $('case-dialog').open) loadDetail(c.id);
    return undefined;
  }

  function renderList() {
    const list = [...cases.values()].sort(caseOrder);
    const items = list.map(item);
    $('cases').replaceChildren(...items);
    $('cases-empty').hidden = items.length > 0 || !listed;
    $('cases-heading-text').textContent = t(isSupervisor() ? 'cases.headingAll' : 'cases.heading');
    const waiting = list.filter((c) => c.awaiting_confirmation && isSupervisor() && c.created_by !== account()?.id).length;
    $('cases-count').textContent = waiting ? `(${waiting})` : '';
  }

  function item(c) {
    const li = el('li', 'case-item');
    li.dataset.id = c.id;
    li.dataset.status = c.awaiting_confirmation ? 'awaiting' : c.status;
    // Past a deadline (the server's `overdue`, or the clock ran out here): the whole line is red.
    if (c.status === 'open' && ackClock(c, t).state === 'overdue') li.dataset.overdue = 'true';
    const open = el('button', 'case-item-open');
    open.type = 'button';
    open.setAttribute('aria-label', t('cases.open', { reason: reasonOf(c), org: orgOf(c) }));
    const top = el('span', 'case-item-top');
    top.append(urgencyBadge(c.urgency, t), ' ', el('span', 'case-item-reason', reasonOf(c)));
    const bottom = el('span', 'case-item-bottom');
    const clock = clockNode(c, t);
    clock.dataset.id = c.id;
    bottom.append(el('span', 'case-item-org', orgOf(c)), ' ', statusBadge(c, t));
    if (c.status === 'open') bottom.append(' ', clock);
    open.append(top, bottom);
    open.addEventListener('click', () => openDetail(c.id));
    li.append(open);
    if (c.awaiting_confirmation && isSupervisor() && c.created_by !== account()?.id) {
      const confirm = el('button', 'danger case-confirm', t('cases.confirm'));
      confirm.type = 'button';
      confirm.setAttribute('aria-label', t('cases.confirmOf', { reason: reasonOf(c), org: orgOf(c) }));
      confirm.addEventListener('click', () => confirmCase(c.id));
      li.append(confirm);
    }
    return li;
  }

  function tick() {
    for (const span of document.querySelectorAll('#cases .clock, #case-dialog-body .clock')) {
      const c = cases.get(span.dataset.id || detailId);
      if (!c) continue;
      updateClock(span, c, t);
      const li = span.closest('.case-item');
      if (li && span.dataset.state === 'overdue') li.dataset.overdue = 'true';
    }
  }

  async function confirmCase(id) {
    const result = await api('POST', `/api/cases/${encodeURIComponent(id)}/confirm`);
    if (!result.ok) {
      announce(t('cases.failed', { message: errorMessage(result) }));
      $('case-dialog-msg').textContent = t('cases.failed', { message: errorMessage(result) });
      return;
    }
    const c = result.data.case;
    const line = cases.get(id);
    if (line) Object.assign(line, { awaiting_confirmation: false, released_at: c.released_at, status: c.status });
    announce(t('cases.confirmed'));
    renderList();
    if (detailId === id && $('case-dialog').open) loadDetail(id);
  }

  // ------------------------------------------------------------ detail

  async function openDetail(id) {
    detailId = id;
    $('case-dialog-msg').textContent = '';
    $('case-dialog-body').replaceChildren();
    if (!$('case-dialog').open) $('case-dialog').showModal();
    await loadDetail(id);
  }

  async function loadDetail(id) {
    const result = await api('GET', `/api/cases/${encodeURIComponent(id)}`);
    if (detailId !== id) return;
    if (!result.ok) {
      $('case-dialog-msg').textContent = t('cases.failed', { message: errorMessage(result) });
      return;
    }
    const c = result.data.case;
    const line = cases.get(id);
    const view = { ...c, ack_due_at: c.ack_due_at ?? line?.ack_due_at, confirm_due_at: c.confirm_due_at ?? line?.confirm_due_at, overdue: c.overdue ?? line?.overdue };
    $('case-dialog-body').replaceChildren(caseDetail(view, t, i18n.lang));
    const me = account()?.id;
    const canConfirm = c.awaiting_confirmation && isSupervisor() && c.created_by !== me;
    $('case-dialog-confirm').hidden = !canConfirm;
    $('case-dialog-own').hidden = !(c.awaiting_confirmation && c.created_by === me);
  }

  $('case-dialog-confirm').addEventListener('click', () => detailId && confirmCase(detailId));
  $('case-dialog-note').addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = $('case-note-input').value.trim();
    if (!detailId) return;
    if (!body) {
      $('case-dialog-msg').textContent = t('cases.noteEmpty');
      return;
    }
    const result = await api('POST', `/api/cases/${encodeURIComponent(detailId)}/notes`, { body });
    if (!result.ok) {
      $('case-dialog-msg').textContent = t('cases.failed', { message: errorMessage(result) });
      return;
    }
    $('case-note-input').value = '';
    $('case-dialog-msg').textContent = '';
    await loadDetail(detailId);
  });
  $('case-dialog').addEventListener('close', () => {
    detailId = null;
  });

  // ------------------------------------------------------------ excerpts in the transcript

  /** Adds the excerpt checkbox to a message bubble (shown while the form is open). */
  function pickFor(m, li) {
    if (!m.seq || !m.conversation_id || m.sender === 'system') return;
    const label = el('label', 'pick');
    const box = el('input');
    box.type = 'checkbox';
    box.className = 'pick-box';
    box.checked = picked.get(m.conversation_id)?.has(m.seq) || false;
    const who = t(`sender.${m.sender}`);
    box.setAttribute('aria-label', t('esc.pick', { who, time: formatTime(m.at) }));
    box.addEventListener('change', () => {
      let set = picked.get(m.conversation_id);
      if (!set) picked.set(m.conversation_id, (set = new Set()));
      if (box.checked) set.add(m.seq);
      else set.delete(m.seq);
      li.classList.toggle('picked', box.checked);
      renderPicked();
    });
    li.classList.toggle('picked', box.checked);
    label.append(box);
    li.prepend(label);
  }

  function renderPicked() {
    const n = formFor ? picked.get(formFor)?.size || 0 : 0;
    $('esc-picked').textContent = t('esc.picked', { n });
  }

  // ------------------------------------------------------------ the form

  /** Shows the 「つなぐ」 button for chats this account may escalate; closes a form left for another chat. */
  function renderChat(c) {
    const v = c?.view;
    const mine = v && v.counselor_id === account()?.id;
    const may = !!v && (mine || isSupervisor());
    $('conv-escalate').hidden = !may;
    if (formFor && formFor !== c?.id) closeForm();
  }

  /**
   * Opens the form for the open chat. `prefill` ({reason, urgency, summary,
   * excerpt_seqs}, from a suggested escalation) fills it in: everything, on a
   * fresh form; only what is still empty, and the excerpts added, on a form
   * already in use for this chat. The counsellor can change all of it.
   */
  function openForm(prefill = null) {
    const c = current();
    if (!c) return;
    const fresh = formFor !== c.id;
    if (fresh) {
      $('escalate').reset();
      picked.set(c.id, new Set());
    }
    if (prefill) fill(c.id, prefill, fresh);
    formFor = c.id;
    syncPicks(c.id);
    $('escalate').hidden = false;
    $('log').classList.add('picking');
    $('esc-msg').textContent = '';
    form.renderRules();
    renderPicked();
    form.loadSuggestions(true);
    $('esc-reason').focus();
  }

  function fill(conversationId, prefill, all) {
    if (prefill.reason && (all || !$('esc-reason').value)) $('esc-reason').value = prefill.reason;
    if (prefill.urgency && (all || !form.radio('esc-urgency'))) {
      const box = document.querySelector(`#escalate input[name="esc-urgency"][value="${CSS.escape(prefill.urgency)}"]`);
      if (box) box.checked = true;
    }
    if (prefill.summary && (all || !$('esc-summary').value.trim())) $('esc-summary').value = prefill.summary;
    let set = picked.get(conversationId);
    if (!set) picked.set(conversationId, (set = new Set()));
    for (const seq of prefill.excerpt_seqs || []) set.add(seq);
  }

  /** The transcript's excerpt boxes as chosen for this chat. */
  function syncPicks(conversationId) {
    const set = picked.get(conversationId) || new Set();
    for (const li of document.querySelectorAll('#log li[data-seq]')) {
      const box = li.querySelector('.pick-box');
      if (!box) continue;
      box.checked = set.has(Number(li.dataset.seq));
      li.classList.toggle('picked', box.checked);
    }
  }

  function closeForm() {
    formFor = null;
    $('escalate').hidden = true;
    $('log').classList.remove('picking');
  }

  async function submit(event) {
    event.preventDefault();
    const c = current();
    if (!c || formFor !== c.id) return;
    const made = await form.send({ conversation_id: c.id }, picked.get(c.id) || []);
    if (!made) return;
    cases.set(made.id, summaryOf(made));
    picked.delete(c.id);
    for (const box of document.querySelectorAll('#log .pick-box')) box.checked = false;
    for (const li of document.querySelectorAll('#log .picked')) li.classList.remove('picked');
    closeForm();
    renderList();
    const done = made.awaiting_confirmation ? t('esc.sentAwaiting') : t('esc.sent', { org: made.organisation_name });
    $('esc-done').textContent = done;
    announce(done);
    created(c.id);
  }

  $('conv-escalate').addEventListener('click', () => openForm());
  $('esc-cancel').addEventListener('click', () => {
    closeForm();
    $('conv-escalate').focus();
  });
  $('escalate').addEventListener('submit', submit);

  function rerender() {
    renderList();
    renderPicked();
    if (formFor) {
      form.forgetSuggestions();
      form.loadSuggestions(true);
    }
    if (detailId && $('case-dialog').open) loadDetail(detailId);
  }

  setInterval(tick, 1000);

  /** A case's line as listed, if known. */
  function summary(id) {
    return cases.get(id);
  }

  return { start, reset, onFrame, pickFor, renderChat, rerender, closeForm, openForm, openDetail, summary, clock: ackClock };
}
