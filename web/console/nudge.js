// The nudge in the staff console: when a teen's message in a counsellor's chat
// is classified at crisis severity, the server keeps a suggested escalation
// (docs/api.md, "Nudges") and sends `nudge` on /ws/staff. This shows it as a
// banner in that chat, with the flagged words quoted; the counsellor confirms
// it through the 「つなぐ」 form, prefilled and still editable (escalating
// settles it on the server), or dismisses it with a reason, which is kept.
// Only the chat's own counsellor sees it. Everything from the server goes in
// as text.

import { announcer, createErrorMessage } from '/assets/staff.js';

export const CONSOLE_NUDGE_DICT = {
  ja: {
    'nudge.heading': 'エスカレーションの提案',
    'nudge.intro': '危機を示すことばが見つかりました。内容を確かめて、連携先につなぐか、見送るかを決めてください。',
    'nudge.words': '見つかったことば',
    'nudge.escalate': 'つなぐ（内容を確認）',
    'nudge.dismiss': '見送る',
    'nudge.reason': '見送る理由（記録に残ります）',
    'nudge.reasonHint': '例: 本人と安全の約束ができ、保護者も近くにいると確認できた',
    'nudge.dismissSubmit': '見送りを記録する',
    'nudge.dismissCancel': 'もどる',
    'nudge.needReason': '見送る理由をひとこと書いてください。あとで振り返るときの大切な記録になります。',
    'nudge.failed': '記録できませんでした: {message}',
    'nudge.appeared': 'エスカレーションの提案があります: {words}',
    'nudge.appearedOther': '{name} の相談にエスカレーションの提案があります。',
    'nudge.dismissed': '提案を見送りました。理由は記録されました。',
    'nudge.decided': 'この提案はすでに対応済みです。',
    'nudge.tag': '提案あり',
  },
  en: {
    'nudge.heading': 'Suggested escalation',
    'nudge.intro': 'Words that may signal a crisis were found. Check what was said, then escalate to a partner or set the suggestion aside.',
    'nudge.words': 'Words found',
    'nudge.escalate': 'Escalate (review first)',
    'nudge.dismiss': 'Set aside',
    'nudge.reason': 'Why set it aside (kept on record)',
    'nudge.reasonHint': 'e.g. We agreed a safety plan and a parent is nearby',
    'nudge.dismissSubmit': 'Record and set aside',
    'nudge.dismissCancel': 'Back',
    'nudge.needReason': 'Please write a short reason. It is an important record for looking back later.',
    'nudge.failed': 'Not recorded: {message}',
    'nudge.appeared': 'Suggested escalation: {words}',
    'nudge.appearedOther': 'Suggested escalation in the chat with {name}.',
    'nudge.dismissed': 'Suggestion set aside. The reason was recorded.',
    'nudge.decided': 'This suggestion was already dealt with.',
    'nudge.tag': 'suggestion',
  },
};

/**
 * @param {object} o
 * @param {Function} o.api the staff API caller
 * @param {Function} o.t translator
 * @param {Function} o.chat a chat by id ({id, view}) or undefined
 * @param {Function} o.selected the open chat's id or null
 * @param {Function} o.mine whether a chat view is this account's own
 * @param {Function} o.name a chat view's nickname for announcements
 * @param {Function} o.escalate opens the 「つなぐ」 form prefilled ({reason, urgency, summary, excerpt_seqs})
 * @param {Function} o.changed called when a chat's suggestion appears or goes (to redraw the list)
 * @param {Function} o.afterDecision where focus goes when the banner goes
 */
export function createNudges({ api, t, chat, selected, mine, name, escalate, changed, afterDecision }) {
  const $ = (id) => document.getElementById(id);
  const nudges = new Map(); // conversation id -> pending nudge
  const asked = new Map(); // conversation id -> request number (the latest answer wins)
  let requests = 0;

  const announce = announcer('nudge-live');
  const errorMessage = createErrorMessage(t);

  const quote = (n) => n.flagged.map((f) => `「${f.text}」`).join(' ');

  /** Reads the pending suggestion of a chat of mine; a 404 (not my chat) means none. */
  async function refresh(conversationId) {
    const c = chat(conversationId);
    if (!c?.view || !mine(c.view)) {
      forget(conversationId);
      return;
    }
    const n = ++requests;
    asked.set(conversationId, n);
    const result = await api('GET', `/api/cases/nudges?conversation_id=${encodeURIComponent(conversationId)}`);
    if (asked.get(conversationId) !== n) return;
    if (!result.ok) {
      // Not (or no longer) this counsellor's chat: quietly nothing. Other
      // failures keep what was shown; the next nudge or opening asks again.
      if (result.status === 404 || result.status === 403) forget(conversationId);
      return;
    }
    const next = result.data?.nudge && result.data.nudge.status === 'pending' ? result.data.nudge : null;
    const before = nudges.get(conversationId);
    if (!next) {
      forget(conversationId);
      return;
    }
    nudges.set(conversationId, next);
    const fresh = !before || before.id !== next.id || before.flagged.length < next.flagged.length;
    if (fresh) {
      const here = selected() === conversationId;
      announce(here ? t('nudge.appeared', { words: quote(next) }) : t('nudge.appearedOther', { name: name(c.view) }));
    }
    changed(conversationId);
    render();
  }

  function forget(conversationId) {
    if (!nudges.has(conversationId)) return;
    nudges.delete(conversationId);
    changed(conversationId);
    render();
  }

  function has(conversationId) {
    return nudges.has(conversationId);
  }

  /** The banner for the open chat, if it has a pending suggestion. */
  function render() {
    const id = selected();
    const c = id ? chat(id) : null;
    const n = c?.view && mine(c.view) ? nudges.get(id) : null;
    const banner = $('nudge');
    const wasShown = !banner.hidden && banner.dataset.nudgeId;
    banner.hidden = !n;
    if (!n) {
      banner.dataset.nudgeId = '';
      closeDismiss(false);
      return;
    }
    if (wasShown !== n.id) closeDismiss(false);
    banner.dataset.nudgeId = n.id;
    banner.dataset.conversationId = id;
    $('nudge-words').replaceChildren(
      ...n.flagged.map((f) => {
        const li = document.createElement('li');
        li.className = 'nudge-word';
        li.dataset.seq = String(f.seq);
        const cat = document.createElement('span');
        cat.className = 'nudge-cat';
        const key = `cat.${f.category}`;
        cat.textContent = t(key) === key ? f.category : t(key);
        const text = document.createElement('q');
        text.className = 'nudge-text';
        text.textContent = f.text;
        li.append(cat, ' ', text);
        return li;
      }),
    );
  }

  function current() {
    const id = selected();
    return id ? nudges.get(id) : null;
  }

  function openDismiss() {
    $('nudge-dismiss-form').hidden = false;
    $('nudge-dismiss').setAttribute('aria-expanded', 'true');
    $('nudge-msg').textContent = '';
    $('nudge-reason').focus();
  }

  function closeDismiss(focusBack = true) {
    $('nudge-dismiss-form').hidden = true;
    $('nudge-dismiss-form').reset();
    $('nudge-msg').textContent = '';
    $('nudge-reason').removeAttribute('aria-invalid');
    $('nudge-dismiss').setAttribute('aria-expanded', 'false');
    if (focusBack) $('nudge-dismiss').focus();
  }

  $('nudge-escalate').addEventListener('click', () => {
    const n = current();
    if (!n) return;
    closeDismiss(false);
    escalate({ reason: n.reason, urgency: n.urgency, summary: n.summary, excerpt_seqs: n.excerpt_seqs });
  });

  $('nudge-dismiss').addEventListener('click', () => {
    if ($('nudge-dismiss-form').hidden) openDismiss();
    else closeDismiss();
  });
  $('nudge-dismiss-cancel').addEventListener('click', () => closeDismiss());
  $('nudge-dismiss-form').addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      closeDismiss();
    }
  });

  $('nudge-dismiss-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const n = current();
    if (!n) return;
    const reason = $('nudge-reason').value.trim();
    const msg = $('nudge-msg');
    if (!reason) {
      msg.textContent = t('nudge.needReason');
      $('nudge-reason').setAttribute('aria-invalid', 'true');
      $('nudge-reason').focus();
      return;
    }
    $('nudge-reason').removeAttribute('aria-invalid');
    msg.textContent = '';
    const button = $('nudge-dismiss-submit');
    button.disabled = true;
    const result = await api('POST', `/api/cases/nudges/${encodeURIComponent(n.id)}/dismiss`, { reason });
    button.disabled = false;
    if (result.ok || result.status === 404 || result.error?.code === 'already_decided') {
      const id = n.conversation_id;
      if (nudges.get(id)?.id === n.id) nudges.delete(id);
      changed(id);
      render();
      announce(t(result.ok ? 'nudge.dismissed' : 'nudge.decided'));
      afterDecision();
      // A crisis message that came meanwhile starts a new suggestion.
      refresh(id);
      return;
    }
    msg.textContent = t('nudge.failed', { message: errorMessage(result) });
    $('nudge-reason').focus();
  });

  /** A case was created for the chat: the server settled its suggestion. */
  function escalated(conversationId) {
    const hadBanner = selected() === conversationId && nudges.has(conversationId);
    if (nudges.delete(conversationId)) {
      changed(conversationId);
      render();
    }
    if (hadBanner) afterDecision();
    refresh(conversationId);
  }

  function reset() {
    nudges.clear();
    asked.clear();
    render();
  }

  return { refresh, render, has, escalated, reset, forget };
}
