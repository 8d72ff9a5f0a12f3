// Escalation from the salon: the 「つなぐ」 form that hands a member's post
// (and, if the moderator ticks them, further posts of the same room) to a
// partner organisation, and the 「ケース」 panel (`/assets/cases.js`, as in the
// staff console: lines that follow the `case` frames of `/ws/moderator` live,
// with the acknowledgement clock; the detail with notes; for supervisors the
// confirmation of another's emergency). The rules are the server's.
// Everything from the server goes in as text.

import { ESCALATE_DICT, caseList, escalateForm, reasonFromCategories } from '/assets/cases.js';
import { el } from '/assets/dom.js';

/** Further posts offered for ticking: the newest of the room's visible log. */
const MORE_POSTS = 20;

/** Categories of a held post that call for a partner: self-harm, abuse, solicitation. */
export const ESCALATABLE = ['self_harm', 'abuse', 'sexual', 'grooming'];

export const MOD_CASES_DICT = {
  ja: {
    ...ESCALATE_DICT.ja,
    'tab.cases': 'ケース',
    'cases.intro': 'サロンからつないだケースです。連携先の対応がここに届きます。',
    'cases.introAll': 'すべてのケースです（相談チャットとサロン）。連携先の対応がここに届きます。',
    'esc.openOf': '{name} の投稿を連携先につなぐ',
    'esc.intro': '書いた人のニックネームや端末は送られません。選んだ投稿のことばだけが連携先に届きます。',
    'esc.post': 'つなぐ投稿',
    'esc.emergencyHint': '緊急は、つないだ人とは別のスーパーバイザーが確認してから連携先に届きます。',
    'esc.consentSalon': 'サロンでは、ふつうは本人に確認していません（「本人に確認していない」）。',
    'esc.more': '同じ部屋のほかの投稿も添える（任意）',
    'esc.moreNone': 'この部屋で見えている投稿はありません。',
    'esc.picked': '添える投稿: {n}件',
    'esc.declinedModerator': '本人が同意していない場合、引き渡せるのは緊急時のスーパーバイザーだけです。',
    'esc.escalated': 'ケースにしました',
  },
  en: {
    ...ESCALATE_DICT.en,
    'tab.cases': 'Cases',
    'cases.intro': 'Cases you handed on from the salon. The partner’s progress arrives here.',
    'cases.introAll': 'Every case (chats and the salon). The partner’s progress arrives here.',
    'esc.openOf': "Escalate {name}'s post to a partner",
    'esc.intro': 'No nickname or device goes with it: only the words of the posts you choose reach the partner.',
    'esc.post': 'The post',
    'esc.emergencyHint': 'An emergency reaches the partner once a supervisor other than you confirms it.',
    'esc.consentSalon': 'In the salon the member has usually not been asked (“Not asked”).',
    'esc.more': 'Add other posts of the same room (optional)',
    'esc.moreNone': 'No posts are shown in this room.',
    'esc.picked': '{n} more posts chosen',
    'esc.declinedModerator': 'When the young person declined, only a supervisor may pass it on, in an emergency.',
    'esc.escalated': 'Escalated',
  },
};

/**
 * @param {object} o
 * @param {Function} o.api the staff API caller
 * @param {Function} o.t translator
 * @param {object} o.i18n for the language
 * @param {Function} o.account the signed-in account
 * @param {Function} o.roomEntries a room's log entries, in order
 * @param {Function} o.formatTime an entry's time as text
 * @param {Function} o.errorMessage an API failure as text
 * @param {Function} o.cue sound: 1 = a case changed, 2 = an emergency waits for this supervisor
 * @param {Function} o.onEscalated after this page made a case of a post (its id)
 */
export function createCaseDesk({ api, t, i18n, account, roomEntries, formatTime, errorMessage, cue, onEscalated }) {
  const $ = (id) => document.getElementById(id);
  const escalated = new Set(); // post ids this page made a case of
  let post = null; // the post the form is open for
  let returnFocus = null;

  const isSupervisor = () => account()?.role === 'supervisor';

  const form = escalateForm({
    api,
    t,
    isSupervisor,
    errorMessage,
    declinedKey: 'esc.declinedModerator',
    onChange: renderPicked,
  });

  // The 「ケース」 tab: its intro says whose cases, its count how many are not closed, and it turns red with a late line.
  const list = caseList({ api, t, i18n, account, errorMessage, cue }, {
    showSource: true,
    onRender: (lines) => {
      $('cases-intro').textContent = t(isSupervisor() ? 'cases.introAll' : 'cases.intro');
      const open = lines.filter((c) => c.status !== 'closed').length;
      $('count-cases').textContent = open ? String(open) : '';
    },
    onListed: () => {
      $('cases-msg').textContent = '';
    },
    onTick: (late) => $('tab-cases').classList.toggle('urgent', late),
  });
  const announce = list.announce;

  async function start() {
    const result = await list.start();
    if (!result.ok) $('cases-msg').textContent = t('cases.failed', { message: errorMessage(result) });
  }

  function reset() {
    escalated.clear();
    if ($('escalate-dialog').open) $('escalate-dialog').close();
    list.reset();
  }

  // ------------------------------------------------------------ the form

  /** How many further posts are ticked. */
  function renderPicked() {
    const n = document.querySelectorAll('#esc-more-list input:checked').length;
    $('esc-picked').textContent = n ? t('esc.picked', { n }) : '';
  }

  /** Further posts of the room: members' messages still shown, newest last, not the post itself. */
  function renderMore() {
    const entries = roomEntries(post.room_id)
      .filter((e) => e.kind === 'message' && !e.moderator && !e.hidden && e.member_id && e.post_id !== post.post_id)
      .slice(-MORE_POSTS);
    const items = entries.map((e) => {
      const li = el('li');
      const label = el('label', 'check esc-more-item');
      const box = el('input');
      box.type = 'checkbox';
      box.value = String(e.seq);
      label.append(box, ' ', el('span', 'esc-more-who', `${e.nickname} ${formatTime(e.at)}`), ' ', el('span', 'esc-more-body', e.body));
      li.append(label);
      return li;
    });
    $('esc-more-list').replaceChildren(...items);
    $('esc-more-empty').hidden = items.length > 0;
  }

  /** Opens the form for a member's post (an alert, a withheld or held post). */
  function openFor(target) {
    post = target;
    returnFocus = document.activeElement;
    $('escalate').reset();
    $('esc-post').textContent = `${target.nickname}: ${target.body}`;
    const categories = target.review?.categories || target.categories || [];
    $('esc-reason').value = reasonFromCategories(categories);
    form.setRadio('esc-urgency', 'urgent');
    form.setRadio('esc-consent', 'not_asked');
    $('esc-msg').textContent = '';
    $('esc-org-msg').textContent = '';
    form.forgetSuggestions();
    renderMore();
    form.renderRules();
    renderPicked();
    $('escalate-dialog').showModal();
    form.loadSuggestions(true);
    $('esc-reason').focus();
  }

  async function submit(event) {
    event.preventDefault();
    if (!post) return undefined;
    const seqs = [...document.querySelectorAll('#esc-more-list input:checked')].map((b) => Number(b.value));
    const made = await form.send({ salon_post_id: post.post_id }, seqs);
    if (!made) return undefined;
    escalated.add(post.post_id);
    onEscalated(post.post_id);
    const done = made.awaiting_confirmation ? t('esc.sentAwaiting') : t('esc.sent', { org: made.organisation_name });
    $('cases-msg').textContent = done;
    $('escalate-dialog').close();
    // The socket's `created` frame may have come first: that newer line stays.
    list.add(made);
    announce(done);
    return undefined;
  }

  $('escalate').addEventListener('submit', submit);
  $('esc-cancel').addEventListener('click', () => $('escalate-dialog').close());
  $('escalate-dialog').addEventListener('close', () => {
    post = null;
    if (returnFocus?.isConnected) returnFocus.focus();
    returnFocus = null;
  });

  function rerender() {
    list.rerender();
    if (post) {
      form.forgetSuggestions();
      form.loadSuggestions(true);
      form.renderRules();
      renderPicked();
    }
  }

  return {
    start,
    reset,
    onFrame: list.onFrame,
    openFor,
    rerender,
    /** Whether this page made a case of the post. */
    escalated: (postId) => escalated.has(postId),
    /** Whether a post's categories call for a partner. */
    escalatable: (categories = []) => categories.some((c) => ESCALATABLE.includes(c)),
  };
}
