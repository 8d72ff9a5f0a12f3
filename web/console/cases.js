// Escalation in the staff console: the 「つなぐ」 form that hands an open chat to
// a partner organisation (excerpts chosen by ticking messages in the
// transcript), and the 「ケース」 list under the queue (`/assets/cases.js`: live
// from the `case` frames of `/ws/staff`, with the acknowledgement clock, the
// detail with notes, and for supervisors the confirmation of another's
// emergency). The rules are the server's; this only asks. Everything from the
// server goes in as text.

import { ESCALATE_DICT, caseList, escalateForm } from '/assets/cases.js';
import { el } from '/assets/dom.js';
import { createErrorMessage } from '/assets/staff.js';

export const CONSOLE_CASES_DICT = {
  ja: {
    ...ESCALATE_DICT.ja,
    'esc.openLabel': 'この相談を連携先につなぐ',
    'esc.emergencyHint': '緊急は、別のスーパーバイザーが確認してから連携先に届きます。',
    'esc.excerpts': '抜粋: 会話のメッセージにチェックを入れてください（選んだものだけが送られます）',
    'esc.picked': '選んだメッセージ: {n}件',
    'esc.pick': '抜粋に選ぶ: {who} {time}',
    'esc.declinedCounselor': '本人が同意していない場合、引き渡せるのは緊急時のスーパーバイザーだけです。',
  },
  en: {
    ...ESCALATE_DICT.en,
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
  const picked = new Map(); // conversation id -> Set of seqs
  let formFor = null; // conversation id the form is open for

  const isSupervisor = () => account()?.role === 'supervisor';

  const errorMessage = createErrorMessage(t);

  const form = escalateForm({
    api,
    t,
    isSupervisor,
    errorMessage,
    declinedKey: 'esc.declinedCounselor',
    refetchUnfilled: true,
  });

  // The list under the queue: its heading says whose cases, its count how many wait for this supervisor.
  const list = caseList({ api, t, i18n, account, errorMessage, cue }, {
    onRender: (_, waiting) => {
      $('cases-heading-text').textContent = t(isSupervisor() ? 'cases.headingAll' : 'cases.heading');
      $('cases-count').textContent = waiting ? `(${waiting})` : '';
    },
  });
  const announce = list.announce;

  function reset() {
    picked.clear();
    formFor = null;
    closeForm();
    list.reset();
  }

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
    list.add(made);
    picked.delete(c.id);
    for (const box of document.querySelectorAll('#log .pick-box')) box.checked = false;
    for (const li of document.querySelectorAll('#log .picked')) li.classList.remove('picked');
    closeForm();
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
    list.rerender();
    renderPicked();
    if (formFor) {
      form.forgetSuggestions();
      form.loadSuggestions(true);
    }
  }

  return {
    start: list.start,
    reset,
    onFrame: list.onFrame,
    pickFor,
    renderChat,
    rerender,
    closeForm,
    openForm,
    openDetail: list.openDetail,
    summary: list.summary,
  };
}
