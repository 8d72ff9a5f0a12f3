// The teen chat: start, honest waiting room, chat, ending, history on this
// device. Follows docs/protocol.md (teen side). Nothing from the server is ever
// put in as HTML: every text goes in with textContent.
//
// Kept on the device (localStorage):
//   yorisoi.device        the device token (never in a URL)
//   yorisoi.outbox        messages not yet acknowledged, resent after reconnect
//   yorisoi.chat.<id>     the open conversation's messages and highest seq, so a
//                         reload resumes after what is already shown
// The quick exit removes all of these but the device token; coming back then
// resumes the open conversation from the server (after_seq 0).
// Ended conversations are not kept here; the history is read from the server.

import { installQuickExit } from '/assets/quick-exit.js';
import { createI18n } from '/assets/i18n.js';
import { formatClock, formatDayTime } from '/assets/time.js';
import { newId, enterSends } from '/assets/socket.js';
import { TeenSocket, connectionBanner, deviceToken, drop, load, save } from '/assets/device.js';
import { TEEN_DICT } from '/assets/teen-texts.js';
import { el } from '/assets/dom.js';

const OUTBOX_KEY = 'yorisoi.outbox';
const CHAT_PREFIX = 'yorisoi.chat.';
const TYPING_EVERY_MS = 3_000;
const TYPING_IDLE_MS = 5_000;
const MAX_KEPT_MESSAGES = 400;

const dict = {
  ja: {
    ...TEEN_DICT.ja,
    back: '窓口の一覧にもどる',
    'conn.failed': 'うまくつながりません。電波のよいところで、しばらくしてからもう一度開いてください。',
    'start.heading': '相談をはじめる',
    'start.line': '窓口: {name}',
    'start.noLine': '窓口が選ばれていません。窓口の一覧から選んでください。',
    'start.note': '名前・電話番号・メールアドレスは必要ありません。話したくないことは、話さなくて大丈夫です。',
    'start.nickname': '呼ばれたい名前（なくても大丈夫）',
    'start.nicknameHint': '例: みー',
    'start.nicknameNote': '本名でなくてかまいません。ニックネームでどうぞ。',
    'start.returnSummary': '前回もらった番号がある人',
    'start.returnLabel': '番号（8文字）',
    'start.returnHolder': '例: ABCD-EFGH',
    'start.returnHint': '前回の相談員がいま対応できるときは、その人につなぎます。入れなくても相談できます。',
    'start.returnUnknown': 'この番号は見つかりませんでした（まちがいか、30日の期限が過ぎたのかもしれません）。番号を消せば、そのまま相談できます。',
    'return.same': '前回の相談員につながります。',
    'return.other': '前回の相談員はいま対応していないため、ほかの相談員がお話を聞きます。順番にご案内しますね。',
    'return.offer': '次も同じ相談員と話したいときは、番号をもらえます（なくても大丈夫）。番号には、あなたの名前などの情報は入っていません。',
    'return.get': '次のための番号をもらう',
    'return.expiry': '{date} まで使えます。メモしておいて、次の相談のはじめに入れてください。この画面を閉じると、もう表示できません。',
    'return.none': '相談員とつながる前に終わった相談なので、番号は出せません。',
    'return.failed': '番号をもらえませんでした。少し待ってから、もう一度ためしてください。',
    'start.button': '相談をはじめる',
    'start.exit': 'だれかに画面を見られそうなときは、右上の「すぐに閉じる」か、Escキーを2回押してください。',
    'start.failed': 'いまは相談をはじめられませんでした。少し待ってから、もう一度ためしてください。',
    'start.tooLong': '呼ばれたい名前は20文字までにしてください。',
    'start.waiting': 'つないでいます…',
    'closed.heading': 'いまは受付時間外です',
    'closed.body': 'ごめんなさい。この窓口は、いま新しい相談を受け付けていません。',
    'closed.unknown': 'ごめんなさい。この窓口は見つかりませんでした。窓口の一覧から選びなおしてください。',
    'closed.next': '次の受付: {time}',
    'closed.urgent': '急いで話したいとき、危ない目にあっているときは、下の番号に電話してください。ひとりで抱えこまないでね。',
    'chat.heading': '相談',
    'wait.title': '相談員につながるのを待っています',
    'wait.position': 'あなたの前に {n} 人',
    'wait.next': '次はあなたの番です',
    'wait.place': '{n}番目',
    'wait.unknown': '順番を確かめています…',
    'wait.soon': 'まもなくつながる見込みです',
    'wait.minutes': '待ち時間の目安: およそ {n} 分',
    'wait.long': '待ち時間の目安: 1時間以上かかるかもしれません',
    'wait.requeued': '相談員の接続が切れたので、順番の先頭でお待ちいただいています。ごめんなさい。',
    'wait.write': '待っているあいだに、話したいことを書いておけます。相談員はつながったときに読みます。',
    'wait.leave': '待つのをやめる',
    'wait.leaveAsk': '順番がなくなります。やめますか？',
    'wait.leaveYes': 'やめる',
    'wait.leaveNo': '待ち続ける',
    'chat.connected': '相談員とつながっています',
    'chat.end': '相談を終える',
    'chat.endAsk': '終わりにしますか？',
    'chat.endYes': '終える',
    'chat.endNo': '続ける',
    'chat.log': 'メッセージ',
    'chat.typing': '相談員が入力しています…',
    'chat.inputLabel': 'メッセージ',
    'chat.placeholder': 'メッセージを入力',
    'chat.send': '送信',
    'chat.you': 'あなた',
    'chat.counselor': '相談員',
    'chat.system': 'お知らせ',
    'chat.sending': '送信中…',
    'chat.queued': 'つながったら送ります',
    'chat.sent': '送信済み',
    'chat.failed': '送れませんでした',
    'chat.tooLong': 'メッセージは4000文字までです。分けて送ってください。',
    'chat.endedSend': 'この相談は終わっているので、送れませんでした。',
    'ended.heading': '相談はこれで終わりです',
    'ended.body': '話してくれてありがとう。あなたが話してくれたことは大切なことです。また話したくなったら、いつでも来てください。',
    'ended.again': 'もう一度相談する',
    'history.heading': 'この端末の相談の履歴',
    'history.empty': 'この端末には、終わった相談の履歴はありません。',
    'history.item': '{when}　{line}',
    'history.open': '読む',
    'history.readonly': 'この端末で以前にした相談です（読むだけ）。',
    'history.back': 'もどる',
    'history.delete': 'この端末の履歴を削除',
    'history.deleted': '{deleted} 件を削除しました。',
    'history.kept': '進行中の相談は終わるまで残ります（{kept} 件）。',
    'history.failed': '削除できませんでした。電波のよいところで、もう一度ためしてください。',
  },
  en: {
    ...TEEN_DICT.en,
    back: 'Back to the lines',
    'conn.failed': "We can't connect. Please try again a little later where your connection is better.",
    'start.heading': 'Start a chat',
    'start.line': 'Line: {name}',
    'start.noLine': 'No line is chosen. Please choose one from the list.',
    'start.note': "No name, phone number or e-mail needed. You don't have to talk about anything you don't want to.",
    'start.nickname': 'What should we call you? (optional)',
    'start.nicknameHint': 'e.g. Mii',
    'start.nicknameNote': "It doesn't have to be your real name.",
    'start.returnSummary': 'I have a code from last time',
    'start.returnLabel': 'Code (8 characters)',
    'start.returnHolder': 'e.g. ABCD-EFGH',
    'start.returnHint': "If your last counsellor is on shift, we connect you with them. You can start without a code too.",
    'start.returnUnknown': "We couldn't find this code (it may be mistyped, or older than 30 days). Clear it to start a chat anyway.",
    'return.same': 'You are going back to your last counsellor.',
    'return.other': "Your last counsellor isn't on shift now, so another counsellor will listen to you. Please wait for your turn.",
    'return.offer': "Want the same counsellor next time? You can get a code (you don't have to). It contains nothing about you.",
    'return.get': 'Get a code for next time',
    'return.expiry': 'Valid until {date}. Note it down and enter it when you start your next chat. Once you close this screen it cannot be shown again.',
    'return.none': 'This chat ended before a counsellor joined, so there is no code for it.',
    'return.failed': "We couldn't make a code. Please try again in a moment.",
    'start.button': 'Start a chat',
    'start.exit': 'If someone might see your screen, press “Quick exit” at the top, or press Esc twice.',
    'start.failed': "We couldn't start the chat just now. Please wait a little and try again.",
    'start.tooLong': 'Please keep the name to 20 characters.',
    'start.waiting': 'Connecting…',
    'closed.heading': 'This line is closed right now',
    'closed.body': "Sorry: this line isn't taking new chats right now.",
    'closed.unknown': "Sorry: we couldn't find this line. Please choose one from the list.",
    'closed.next': 'Next opening: {time}',
    'closed.urgent': "If you need to talk urgently, or you are in danger, please call one of these numbers. You don't have to carry it alone.",
    'chat.heading': 'Chat',
    'wait.title': 'Waiting for a counsellor',
    'wait.position': '{n} ahead of you',
    'wait.next': "You're next",
    'wait.place': 'Number {n} in the queue',
    'wait.unknown': 'Checking your place…',
    'wait.soon': 'It should not be long now',
    'wait.minutes': 'Estimated wait: about {n} minutes',
    'wait.long': 'Estimated wait: it may take over an hour',
    'wait.requeued': 'The counsellor lost their connection, so you are at the front of the queue. Sorry about that.',
    'wait.write': 'You can already write what you want to talk about. The counsellor will read it when you are connected.',
    'wait.leave': 'Stop waiting',
    'wait.leaveAsk': 'You will lose your place. Stop waiting?',
    'wait.leaveYes': 'Stop',
    'wait.leaveNo': 'Keep waiting',
    'chat.connected': 'You are talking with a counsellor',
    'chat.end': 'End the chat',
    'chat.endAsk': 'End it now?',
    'chat.endYes': 'End',
    'chat.endNo': 'Keep talking',
    'chat.log': 'Messages',
    'chat.typing': 'The counsellor is typing…',
    'chat.inputLabel': 'Message',
    'chat.placeholder': 'Write a message',
    'chat.send': 'Send',
    'chat.you': 'You',
    'chat.counselor': 'Counsellor',
    'chat.system': 'Notice',
    'chat.sending': 'Sending…',
    'chat.queued': 'Will be sent when connected',
    'chat.sent': 'Sent',
    'chat.failed': 'Not sent',
    'chat.tooLong': 'Messages can be up to 4000 characters. Please split it.',
    'chat.endedSend': 'This chat has ended, so the message was not sent.',
    'ended.heading': 'The chat has ended',
    'ended.body': 'Thank you for talking with us. What you shared matters. Come back whenever you want to talk again.',
    'ended.again': 'Start another chat',
    'history.heading': 'Chats on this device',
    'history.empty': 'There are no finished chats on this device.',
    'history.item': '{when}  {line}',
    'history.open': 'Read',
    'history.readonly': 'An earlier chat from this device (read only).',
    'history.back': 'Back',
    'history.delete': "Delete this device's history",
    'history.deleted': 'Deleted {deleted}.',
    'history.kept': 'A chat still in progress stays until it ends ({kept}).',
    'history.failed': "We couldn't delete it. Please try again where your connection is better.",
  },
};

const $ = (id) => document.getElementById(id);
const i18n = createI18n(dict, () => refreshTexts());
const t = i18n.t;

// ---------------------------------------------------------------- state

const params = new URLSearchParams(location.search);
const wantedLine = params.get('line');
// Set by the salon's help panel: the 1:1 chat is linked to the withheld salon post.
const salonPostId = params.get('salon_post_id');

const state = {
  lines: new Map(), // id -> line from /api/lines
  linesLang: null,
  conversations: [], // from `ready`
  current: null, // {id, line_id, status, nickname, last_seq, readonly}
  seq: 0, // highest seq shown for `current`
  shown: new Map(), // seq -> <li>
  pending: new Map(), // client_msg_id -> <li>
  outbox: load(OUTBOX_KEY, []), // [{id, conversation_id, body, at}]
  queue: null, // {position, estimated_wait_seconds}
  requeued: false,
  ready: false,
  startPending: false,
  readSent: 0,
  typingSentAt: 0,
  typingIdle: null,
  typingOn: false,
  view: 'boot',
};

const socket = new TeenSocket('/ws/teen', {
  onFrame: (frame) => handle(frame),
  onState: (s) => renderConn(s),
});

// ---------------------------------------------------------------- small DOM helpers

function lineName(id) {
  return state.lines.get(id)?.name || id;
}

const HEADINGS = { boot: 'boot', start: 'start.heading', closed: 'closed.heading', chat: 'chat.heading' };

function showView(name) {
  state.view = name;
  // One h1 for the page; in a chat it is there for screen readers only.
  const heading = $('heading');
  heading.dataset.i18n = HEADINGS[name];
  heading.textContent = t(HEADINGS[name]);
  heading.classList.toggle('visually-hidden', name === 'chat');
  $('view-start').hidden = name !== 'start';
  $('view-closed').hidden = name !== 'closed';
  $('view-chat').hidden = name !== 'chat';
  document.body.dataset.view = name;
  renderChrome();
}

/** Which extra panels show: history on the start screen, emergency numbers unless mid-chat. */
function renderChrome() {
  const name = state.view;
  const inChat = name === 'chat' && state.current && !state.current.readonly && state.current.status !== 'ended';
  $('emergency').hidden = inChat || name === 'boot';
  $('history').hidden = name !== 'start';
}

// ---------------------------------------------------------------- connection banner

const banner = connectionBanner(t);

function renderConn(s) {
  banner.show(s);
  renderComposerStates();
}

// ---------------------------------------------------------------- lines (for names and "next opening")

async function fetchLines() {
  const lang = i18n.lang;
  try {
    const response = await fetch(`/api/lines?lang=${lang}`, { headers: { Accept: 'application/json' }, cache: 'no-store' });
    if (!response.ok) return;
    const data = await response.json();
    state.lines = new Map((data.lines || []).map((l) => [l.id, l]));
    state.linesLang = lang;
  } catch {
    // Names fall back to ids; the server still decides whether a line is open.
  }
}

// ---------------------------------------------------------------- protocol

function handle(frame) {
  switch (frame.type) {
    case 'ready':
      return onReady(frame);
    case 'conversation':
      return onConversation(frame.conversation);
    case 'queue':
      return onQueue(frame);
    case 'message':
      return onMessage(frame);
    case 'ack':
      return onAck(frame);
    case 'typing':
      return onTyping(frame);
    case 'returning':
      return onReturning(frame);
    case 'return_code':
      return onReturnCode(frame);
    case 'error':
      return onError(frame);
    default:
      return undefined;
  }
}

/** Where a start with a return code led; shown once, above the chat. */
function onReturning(frame) {
  if (!state.current || state.current.id !== frame.conversation_id) return;
  const note = $('return-note');
  note.textContent = t(frame.same_counselor ? 'return.same' : 'return.other');
  note.hidden = false;
}

/** A return code: shown on screen only (never stored on the device). */
function onReturnCode(frame) {
  if (!state.current || state.current.id !== frame.conversation_id) return;
  $('return-get').hidden = true;
  $('return-msg').textContent = '';
  $('return-value').textContent = frame.code;
  $('return-expiry').textContent = t('return.expiry', { date: formatDayTime(new Date(frame.expires_at), i18n.lang) });
  $('return-show').hidden = false;
}

$('return-get').addEventListener('click', () => {
  if (!state.current) return;
  if (!socket.send({ type: 'return_code', conversation_id: state.current.id, ref: 'return' })) {
    $('return-msg').textContent = t('return.failed');
  }
});

function onReady(frame) {
  const first = !state.ready;
  state.ready = true;
  state.conversations = frame.conversations || [];
  renderHistory();
  if (state.current) {
    // A reconnect: follow the same conversation from the last message shown.
    resume(state.current.id, state.seq);
    flushOutbox();
    return;
  }
  const open = state.conversations.find((c) => c.status === 'waiting' || c.status === 'active');
  // Unsent messages of conversations that ended meanwhile can never be sent.
  const stale = state.outbox.filter((m) => m.conversation_id !== open?.id);
  if (stale.length) {
    state.outbox = state.outbox.filter((m) => m.conversation_id === open?.id);
    save(OUTBOX_KEY, state.outbox);
  }
  if (open) {
    openConversation(open, false);
    return;
  }
  if (first || state.view === 'boot') showStart();
}

function resume(id, afterSeq) {
  socket.send({ type: 'resume', conversation_id: id, after_seq: afterSeq, ref: `r:${id}` });
}

function showStart() {
  state.current = null;
  const line = wantedLine ? state.lines.get(wantedLine) : null;
  if (!wantedLine) {
    $('start-line').textContent = t('start.noLine');
    $('start-form').hidden = true;
    showView('start');
    return;
  }
  if (line && !(line.open_now && line.accepting_new)) {
    showClosed(line, 'closed');
    return;
  }
  $('start-form').hidden = false;
  $('start-line').textContent = t('start.line', { name: line ? line.name : wantedLine });
  showView('start');
}

function showClosed(line, reason) {
  $('closed-body').textContent = reason === 'unknown' ? t('closed.unknown') : t('closed.body');
  const next = line?.next_open_at;
  $('closed-next').textContent = next ? t('closed.next', { time: formatDayTime(new Date(next), i18n.lang) }) : '';
  showView('closed');
  $('heading').focus();
}

function startChat(event) {
  event.preventDefault();
  const nickname = $('nickname').value.trim();
  if ([...nickname].length > 20) {
    $('start-msg').textContent = t('start.tooLong');
    return;
  }
  if (state.startPending) return;
  const frame = { type: 'start', line_id: wantedLine, ref: 'start' };
  if (nickname) frame.nickname = nickname;
  if (salonPostId) frame.salon_post_id = salonPostId;
  const returnCode = $('return-code').value.trim();
  if (returnCode) frame.return_code = returnCode;
  if (!socket.send(frame)) {
    $('start-msg').textContent = t('start.waiting');
    return;
  }
  state.startPending = true;
  $('start-button').disabled = true;
  $('start-msg').textContent = '';
}

/** Shows a conversation: live (resume after what is kept) or read-only (from 0). */
function openConversation(conv, readonly) {
  clearLog();
  if (!state.current || state.current.id !== conv.id) {
    $('return-note').hidden = true;
    $('return-get').hidden = false;
    $('return-show').hidden = true;
    $('return-msg').textContent = '';
  }
  state.current = { ...conv, readonly };
  state.queue = null;
  state.requeued = false;
  state.readSent = 0;
  if (!readonly) {
    const kept = load(CHAT_PREFIX + conv.id, null);
    if (kept?.messages) for (const m of kept.messages) showMessage(m, false);
  }
  for (const item of state.outbox) if (item.conversation_id === conv.id) showPending(item);
  resume(conv.id, readonly ? 0 : state.seq);
  showView('chat');
  renderChat();
  if (!readonly) {
    flushOutbox();
    $('input').focus();
  } else {
    $('readonly-back').focus();
  }
}

function onConversation(conv) {
  if (state.startPending && (!state.current || state.current.id !== conv.id) && conv.status !== 'ended') {
    state.startPending = false;
    $('start-button').disabled = false;
    $('nickname').value = '';
    $('return-code').value = '';
    openConversation(conv, false);
    return;
  }
  // Keep the device's list in step.
  const known = state.conversations.findIndex((c) => c.id === conv.id);
  if (known >= 0) state.conversations[known] = conv;
  else state.conversations.unshift(conv);
  if (!state.current || state.current.id !== conv.id) return;
  const was = state.current.status;
  if (was === 'active' && conv.status === 'waiting') state.requeued = true;
  if (conv.status === 'active') state.requeued = false;
  state.current = { ...state.current, ...conv };
  if (conv.status === 'ended') {
    drop(CHAT_PREFIX + conv.id);
    // Messages that can no longer be sent.
    state.outbox = state.outbox.filter((m) => m.conversation_id !== conv.id);
    save(OUTBOX_KEY, state.outbox);
    for (const li of state.pending.values()) markPending(li, 'failed');
    state.typingOn = false;
  }
  renderChat();
  if (was !== 'ended' && conv.status === 'ended' && !state.current.readonly) {
    const heading = $('ended').querySelector('h2');
    heading.setAttribute('tabindex', '-1');
    heading.focus();
  }
}

function onQueue(frame) {
  if (!state.current || state.current.id !== frame.conversation_id) return;
  state.queue = { position: frame.position, estimated_wait_seconds: frame.estimated_wait_seconds };
  renderWaiting();
}

function onMessage(m) {
  if (!state.current || m.conversation_id !== state.current.id) return;
  showMessage(m, true);
  if (m.sender === 'teen' && m.client_msg_id) confirmPending(m.client_msg_id);
  if (m.sender === 'counselor') {
    $('typing').hidden = true;
  }
  sendRead();
}

function onAck(ack) {
  confirmPending(ack.client_msg_id, ack.seq, ack.at);
}

function onTyping(frame) {
  if (!state.current || frame.conversation_id !== state.current.id) return;
  $('typing').hidden = !frame.typing || state.current.status === 'ended';
  clearTimeout(state.typingHide);
  // Never leave a stale indicator if the "stopped" frame got lost.
  if (frame.typing) state.typingHide = setTimeout(() => ($('typing').hidden = true), 15_000);
}

function onError(frame) {
  const ref = frame.ref || '';
  if (ref === 'start') {
    state.startPending = false;
    $('start-button').disabled = false;
    if (frame.code === 'line_closed') showClosed(state.lines.get(wantedLine), 'closed');
    else if (frame.code === 'unknown_line') showClosed(null, 'unknown');
    else if (frame.code === 'already_open') socket.restart(); // `ready` will resume it
    else if (frame.code === 'invalid_field') $('start-msg').textContent = t('start.tooLong');
    else if (frame.code === 'unknown_return_code') {
      $('start-msg').textContent = t('start.returnUnknown');
      $('return-code').focus();
    }
    else $('start-msg').textContent = t('start.failed');
    return;
  }
  if (ref === 'return') {
    $('return-msg').textContent = t(frame.code === 'no_counselor' ? 'return.none' : 'return.failed');
    return;
  }
  if (ref.startsWith('s:')) {
    const id = ref.slice(2);
    if (frame.code === 'rate_limited' || frame.code === 'unavailable') {
      setTimeout(flushOutbox, 3_000);
      return;
    }
    // Refused for good: drop it from the outbox and say so.
    state.outbox = state.outbox.filter((m) => m.id !== id);
    save(OUTBOX_KEY, state.outbox);
    const li = state.pending.get(id);
    if (li) markPending(li, 'failed');
    $('composer-msg').textContent = frame.code === 'conversation_ended' ? t('chat.endedSend') : t('chat.failed');
    return;
  }
  if (ref.startsWith('r:') && frame.code === 'not_found') {
    // The conversation is gone (deleted history): back to the start.
    if (state.current) drop(CHAT_PREFIX + state.current.id);
    showStart();
  }
}

// ---------------------------------------------------------------- messages

function clearLog() {
  $('log').replaceChildren();
  state.shown.clear();
  state.pending.clear();
  state.seq = 0;
  $('typing').hidden = true;
}

function formatAt(at) {
  const date = at ? new Date(at) : new Date();
  return formatClock(date, i18n.lang);
}

function bubble(sender, body, at) {
  const li = el('li', `bubble bubble-${sender}`);
  const who = el('span', 'visually-hidden', `${t(`chat.${sender === 'teen' ? 'you' : sender}`)}: `);
  who.dataset.who = sender;
  const text = el('p', 'body', body);
  const meta = el('p', 'meta');
  const time = el('span', 'time', formatAt(at));
  meta.append(time);
  li.append(who, text, meta);
  return li;
}

/** Inserts a stored message in seq order, once. */
function showMessage(m, keep) {
  const remember = keep && state.current && !state.current.readonly && state.current.status !== 'ended';
  if (state.shown.has(m.seq)) {
    if (remember) rememberMessage(m);
    return;
  }
  const li = bubble(m.sender, m.body, m.at);
  li.dataset.seq = String(m.seq);
  if (m.client_msg_id) li.dataset.clientMsgId = m.client_msg_id;
  if (m.sender === 'teen') {
    const s = el('span', 'state', t('chat.sent'));
    s.dataset.state = 'sent';
    s.setAttribute('aria-hidden', 'true');
    li.querySelector('.meta').append(s);
  }
  const log = $('log');
  let before = null;
  for (const node of log.children) {
    const seq = Number(node.dataset.seq || Infinity);
    if (!node.dataset.seq || seq > m.seq) {
      before = node;
      break;
    }
  }
  // Only a genuinely new message at the end is announced; the log is additions only.
  log.insertBefore(li, before);
  state.shown.set(m.seq, li);
  if (m.seq > state.seq) state.seq = m.seq;
  if (remember) rememberMessage(m);
  scrollToEnd();
}

function rememberMessage(m) {
  const key = CHAT_PREFIX + state.current.id;
  const kept = load(key, { messages: [] });
  if (kept.messages.some((x) => x.seq === m.seq)) return;
  kept.messages.push({ seq: m.seq, sender: m.sender, body: m.body, at: m.at, client_msg_id: m.client_msg_id || null });
  kept.messages.sort((a, b) => a.seq - b.seq);
  if (kept.messages.length > MAX_KEPT_MESSAGES) kept.messages.splice(0, kept.messages.length - MAX_KEPT_MESSAGES);
  save(key, kept);
}

function showPending(item) {
  if (state.pending.has(item.id)) return;
  for (const li of state.shown.values()) if (li.dataset.clientMsgId === item.id) return;
  const li = bubble('teen', item.body, item.at);
  li.classList.add('pending');
  li.dataset.clientMsgId = item.id;
  const s = el('span', 'state');
  s.setAttribute('aria-hidden', 'true');
  li.querySelector('.meta').append(s);
  $('log').append(li);
  state.pending.set(item.id, li);
  markPending(li, socket.isOpen ? 'sending' : 'queued');
  scrollToEnd();
}

function markPending(li, which) {
  const s = li.querySelector('.state');
  if (!s) return;
  s.dataset.state = which;
  s.textContent = t({ sending: 'chat.sending', queued: 'chat.queued', sent: 'chat.sent', failed: 'chat.failed' }[which]);
  li.classList.toggle('failed', which === 'failed');
}

function renderComposerStates() {
  for (const li of state.pending.values()) {
    const s = li.querySelector('.state');
    if (s && (s.dataset.state === 'sending' || s.dataset.state === 'queued')) markPending(li, socket.isOpen ? 'sending' : 'queued');
  }
}

/** The server has the message (ack or its own echo): it is sent, and leaves the outbox. */
function confirmPending(id, seq, at) {
  const before = state.outbox.length;
  state.outbox = state.outbox.filter((m) => m.id !== id);
  if (state.outbox.length !== before) save(OUTBOX_KEY, state.outbox);
  const li = state.pending.get(id);
  if (!li) return;
  state.pending.delete(id);
  if (seq !== undefined && state.shown.has(seq)) {
    // The echo is already in the log: the pending copy goes.
    li.remove();
    return;
  }
  const echo = [...state.shown.values()].find((x) => x.dataset.clientMsgId === id);
  if (echo) {
    li.remove();
    return;
  }
  li.classList.remove('pending');
  markPending(li, 'sent');
  if (seq !== undefined && state.current && !state.current.readonly) {
    const body = li.querySelector('.body').textContent;
    rememberMessage({ seq, sender: 'teen', body, at: at || new Date().toISOString(), client_msg_id: id });
  }
  if (seq !== undefined) {
    li.dataset.seq = String(seq);
    state.shown.set(seq, li);
    if (seq > state.seq) state.seq = seq;
  }
}

function send(event) {
  event?.preventDefault();
  const input = $('input');
  const body = input.value.replace(/\s+$/u, '');
  if (!body.trim() || !state.current || state.current.readonly || state.current.status === 'ended') return;
  if ([...body].length > 4000) {
    $('composer-msg').textContent = t('chat.tooLong');
    return;
  }
  $('composer-msg').textContent = '';
  const item = { id: newId(), conversation_id: state.current.id, body, at: new Date().toISOString() };
  state.outbox.push(item);
  save(OUTBOX_KEY, state.outbox);
  showPending(item);
  input.value = '';
  autosize();
  stopTyping();
  transmit(item);
  input.focus();
}

function transmit(item) {
  socket.send({ type: 'send', conversation_id: item.conversation_id, client_msg_id: item.id, body: item.body, ref: `s:${item.id}` });
}

function flushOutbox() {
  if (!socket.isOpen) return;
  for (const item of state.outbox) {
    // Only the conversation this connection follows; others wait for their resume.
    if (state.current && item.conversation_id === state.current.id) {
      transmit(item);
      const li = state.pending.get(item.id);
      if (li) markPending(li, 'sending');
    }
  }
}

// ---------------------------------------------------------------- typing and read

function onInput() {
  autosize();
  if (!state.current || state.current.readonly || state.current.status === 'ended') return;
  const now = Date.now();
  if (!state.typingOn || now - state.typingSentAt >= TYPING_EVERY_MS) {
    if ($('input').value.trim()) {
      socket.send({ type: 'typing', conversation_id: state.current.id, typing: true });
      state.typingOn = true;
      state.typingSentAt = now;
    }
  }
  clearTimeout(state.typingIdle);
  state.typingIdle = setTimeout(stopTyping, TYPING_IDLE_MS);
}

function stopTyping() {
  clearTimeout(state.typingIdle);
  if (!state.typingOn || !state.current) return;
  state.typingOn = false;
  state.typingSentAt = 0;
  socket.send({ type: 'typing', conversation_id: state.current.id, typing: false });
}

function sendRead() {
  if (!state.current || state.current.readonly || document.visibilityState !== 'visible') return;
  if (state.seq <= state.readSent) return;
  if (socket.send({ type: 'read', conversation_id: state.current.id, seq: state.seq })) state.readSent = state.seq;
}

// ---------------------------------------------------------------- rendering

function waitText(seconds) {
  if (seconds == null || seconds < 0) return '';
  if (seconds < 90) return t('wait.soon');
  if (seconds > 3600) return t('wait.long');
  // Round up to a kind 5 minutes: "about 15 minutes", never a false "3 minutes".
  const minutes = Math.max(5, Math.ceil(seconds / 60 / 5) * 5);
  return t('wait.minutes', { n: minutes });
}

function renderWaiting() {
  const q = state.queue;
  const position = $('wait-position');
  const ahead = $('wait-ahead');
  if (state.requeued) {
    position.textContent = t('wait.requeued');
    ahead.textContent = '';
  } else if (!q) {
    position.textContent = t('wait.unknown');
    ahead.textContent = '';
  } else {
    position.textContent = t('wait.place', { n: q.position });
    ahead.textContent = q.position <= 1 ? t('wait.next') : t('wait.position', { n: q.position - 1 });
  }
  position.dataset.position = q ? String(q.position) : '';
  $('wait-estimate').textContent = q ? waitText(q.estimated_wait_seconds) : '';
}

function renderChat() {
  const c = state.current;
  if (!c) return;
  const ended = c.status === 'ended';
  const ro = c.readonly;
  $('waiting').hidden = ro || c.status !== 'waiting';
  $('active-bar').hidden = ro || c.status !== 'active';
  $('readonly-bar').hidden = !ro;
  $('ended').hidden = ro || !ended;
  $('composer').hidden = ro || ended;
  if (ended) $('typing').hidden = true;
  $('end-confirm').hidden = true;
  $('end').hidden = false;
  $('leave-confirm').hidden = true;
  $('leave').hidden = false;
  $('again').href = `/chat/?line=${encodeURIComponent(c.line_id)}`;
  document.body.dataset.status = ro ? 'readonly' : c.status;
  if (c.status === 'waiting') renderWaiting();
  renderChrome();
}

function renderHistory() {
  const past = state.conversations.filter((c) => c.status === 'ended');
  const list = $('history-list');
  list.replaceChildren(
    ...past.map((c) => {
      const li = el('li', 'history-item');
      const text = el('span', 'history-text');
      const when = formatDayTime(new Date(c.created_at), i18n.lang);
      text.textContent = t('history.item', { when, line: lineName(c.line_id) });
      if (c.nickname) text.append(el('span', 'history-nick', `（${c.nickname}）`));
      const open = el('button', 'secondary small', t('history.open'));
      open.type = 'button';
      open.setAttribute('aria-label', `${t('history.open')}: ${text.textContent}`);
      open.addEventListener('click', () => openConversation(c, true));
      li.append(text, open);
      return li;
    }),
  );
  $('history-empty').hidden = past.length > 0;
  $('history-delete').hidden = state.conversations.length === 0;
}

async function deleteHistory() {
  const tok = deviceToken();
  if (!tok) return;
  const msg = $('history-msg');
  msg.textContent = '';
  $('history-delete').disabled = true;
  try {
    const response = await fetch('/api/teen/history', {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${tok}`, Accept: 'application/json' },
      cache: 'no-store',
    });
    if (!response.ok) throw new Error(String(response.status));
    const body = await response.json();
    // Local copies go too (an open conversation keeps its outbox until it ends).
    try {
      for (const key of Object.keys(localStorage)) {
        if (key.startsWith(CHAT_PREFIX)) {
          const id = key.slice(CHAT_PREFIX.length);
          const open = state.conversations.some((c) => c.id === id && c.status !== 'ended');
          if (!open) localStorage.removeItem(key);
        }
      }
    } catch {
      // Nothing kept.
    }
    state.conversations = state.conversations.filter((c) => c.status !== 'ended');
    renderHistory();
    let text = t('history.deleted', { deleted: body.deleted });
    if (body.kept) text += t('history.kept', { kept: body.kept });
    msg.textContent = text;
  } catch {
    msg.textContent = t('history.failed');
  } finally {
    $('history-delete').disabled = false;
  }
}

function refreshTexts() {
  // Texts built in code follow the language too.
  if (state.lines.size && state.linesLang !== i18n.lang) fetchLines().then(refreshTexts);
  for (const li of $('log').children) {
    const who = li.querySelector('[data-who]');
    if (who) who.textContent = `${t(`chat.${who.dataset.who === 'teen' ? 'you' : who.dataset.who}`)}: `;
    const s = li.querySelector('.state');
    if (s?.dataset.state) s.textContent = t({ sending: 'chat.sending', queued: 'chat.queued', sent: 'chat.sent', failed: 'chat.failed' }[s.dataset.state]);
  }
  if (state.view === 'start' && wantedLine) $('start-line').textContent = t('start.line', { name: lineName(wantedLine) });
  if (state.view === 'start' && !wantedLine) $('start-line').textContent = t('start.noLine');
  if (state.current?.status === 'waiting') renderWaiting();
  renderHistory();
  banner.relabel();
}

function autosize() {
  const input = $('input');
  input.style.height = 'auto';
  input.style.height = `${Math.min(input.scrollHeight + 2, 160)}px`;
}

function scrollToEnd() {
  // The newest message stays in sight above the composer.
  requestAnimationFrame(() => {
    const last = $('log').lastElementChild;
    if (last) last.scrollIntoView({ block: 'end', behavior: 'auto' });
  });
}

// ---------------------------------------------------------------- wiring

installQuickExit();
i18n.wireToggle(document.querySelector('[data-lang-toggle]'));
i18n.apply();

$('start-form').addEventListener('submit', startChat);
$('composer').addEventListener('submit', send);
const input = $('input');
input.addEventListener('input', onInput);
input.addEventListener('keydown', (event) => {
  if (!enterSends(event)) return;
  event.preventDefault();
  send();
});
$('leave').addEventListener('click', () => {
  $('leave').hidden = true;
  $('leave-confirm').hidden = false;
  $('leave-no').focus();
});
$('leave-no').addEventListener('click', () => {
  $('leave-confirm').hidden = true;
  $('leave').hidden = false;
  $('leave').focus();
});
$('leave-yes').addEventListener('click', () => leave());
$('end').addEventListener('click', () => {
  $('end').hidden = true;
  $('end-confirm').hidden = false;
  $('end-no').focus();
});
$('end-no').addEventListener('click', () => {
  $('end-confirm').hidden = true;
  $('end').hidden = false;
  $('input').focus();
});
$('end-yes').addEventListener('click', () => leave());
$('readonly-back').addEventListener('click', () => {
  clearLog();
  state.current = null;
  socket.restart(); // stop following the old conversation; `ready` shows the start screen
  showStart();
});
$('history-delete').addEventListener('click', deleteHistory);
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') sendRead();
  else stopTyping();
});

function leave() {
  if (!state.current) return;
  socket.send({ type: 'leave', conversation_id: state.current.id, ref: 'leave' });
}

async function boot() {
  showView('boot');
  await Promise.all([fetchLines(), socket.ensureToken()]);
  socket.start();
}

boot();
