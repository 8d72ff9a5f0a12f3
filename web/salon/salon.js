// The online salon for participants: rooms, rules and a nickname before the
// first join, then a room's messages live. Follows docs/protocol.md (salon
// side). Nicknames and messages are always text (textContent), never markup.
//
// Kept on the device (localStorage): the device token `yorisoi.device` (shared
// with the consultation chat) and `yorisoi.salon.outbox`, the messages not yet
// acknowledged, resent with the same client_msg_id after a reconnect. Room
// messages are not kept: a reload shows the room's recent history again. The
// quick exit removes everything but the token.

import { installQuickExit } from '/assets/quick-exit.js';
import { createI18n } from '/assets/i18n.js';
import { formatClock, formatDayTime, weeklySummary } from '/assets/time.js';
import { newId, enterSends } from '/assets/socket.js';
import { TeenSocket, connectionBanner, load, save } from '/assets/device.js';
import { TEEN_DICT } from '/assets/teen-texts.js';
import { el } from '/assets/dom.js';

const OUTBOX_KEY = 'yorisoi.salon.outbox';
const MAX_CHARS = 1000;
const LIST_REFRESH_MS = 30_000;
const PREVIEW_WAIT_MS = 2_500;
/** Messages arriving this soon after `joined` are history, not news: not announced. */
const QUIET_AFTER_JOIN_MS = 800;
const REACTIONS = ['👍', '🫂', '❤️', '🙏'];

const dict = {
  ja: {
    ...TEEN_DICT.ja,
    back: '相談窓口の一覧へ',
    'list.heading': 'オンラインサロン',
    'list.intro': '家族のお世話をしている人どうしで、気持ちや経験を話せる部屋です。スタッフが見守っています。',
    'list.rulesLabel': 'サロンのきまり',
    'list.tz': '時間はすべて日本時間です。',
    'list.loading': '部屋の情報を読み込んでいます…',
    'list.failed': 'いまは部屋の情報を読み込めませんでした。電波のよいところで、もう一度ためしてみてください。',
    'list.empty': 'いま表示できる部屋はありません。',
    'list.retry': 'もう一度読み込む',
    'kind.nodm': 'ここには個別のメッセージ（DM）はありません。話したことは部屋のみんなに見えます。',
    'kind.nolinks': '画像やリンク、連絡先は送れません。あなたを守るためのきまりです。',
    'kind.nickname': '部屋ごとにニックネームで参加します。本名は使わないでください。',
    'room.open': '開いています',
    'room.closed': 'お休み中',
    'room.paused': 'ひと休み中',
    'why.closed': 'いまは閉まっています。スタッフが部屋を開けると入れます。',
    'why.outside_hours': 'いまは開いている時間ではありません。',
    'why.no_moderator': 'スタッフがいないあいだは、お休みしています。',
    'why.next': '次に開くのは {time} です。',
    'room.present': 'いま {n} 人',
    'room.capacity': '定員 {n} 人',
    'room.schedule': '開いている時間: {text}',
    'room.scheduleNone': 'スタッフがいるときに開きます',
    'room.enter': '入る',
    'room.enterOf': '{title} に入る',
    'rules.heading': 'この部屋のきまり',
    'rules.room': '部屋: {title}',
    'rules.nickname': 'この部屋でのニックネーム',
    'rules.nicknameHint': '例: みー',
    'rules.nicknameNote': '20文字まで。本名や学校名は使わないでね。',
    'rules.accept': 'きまりを読みました。守って参加します。',
    'rules.join': '参加する',
    'rules.needNickname': 'ニックネームを入れてください（20文字まで）。',
    'rules.needAccept': 'きまりを読んだら、チェックを入れてください。',
    'rules.taken': 'そのニックネームは、この部屋でほかの人が使っています。別のニックネームにしてね。',
    'rules.badNickname': 'そのニックネームは使えません。連絡先や本名、スタッフのような名前ではない、別のニックネームにしてね。',
    'rules.full': 'この部屋はいまいっぱいです。少し時間をおいてから、もう一度ためしてね。',
    'rules.closed': 'この部屋はいま開いていません。開いているときに、また来てね。',
    'rules.failed': 'いまは参加できませんでした。少し待ってから、もう一度ためしてください。',
    'rules.waiting': 'つないでいます…',
    'room.leave': '部屋を出る',
    'room.back': '部屋の一覧にもどる',
    'room.presentSummary': 'いまいる人（{n}人）',
    'room.log': 'メッセージ',
    'room.empty': 'まだメッセージはありません。あいさつから、どうぞ。',
    'room.inputLabel': 'メッセージ',
    'room.placeholder': 'メッセージを入力',
    'room.send': '送信',
    'room.you': 'あなた',
    'room.staff': 'スタッフ',
    'room.hiddenByStaff': 'このメッセージはスタッフが非表示にしました。',
    'room.masked': '連絡先のように見える部分を「＊」で隠しました。',
    'room.premod': 'はじめの {n} 件のメッセージは、スタッフが読んでから部屋に表示されます。',
    'room.slow': 'ゆっくりモード: {n} 秒に1回送れます。',
    'room.slowWait': 'ゆっくりモード: あと {n} 秒で送れます。',
    'room.tooLong': 'メッセージは1000文字までです。分けて送ってね。',
    'state.closed': 'この部屋はいまお休み中です。メッセージは読めますが、書きこめません。',
    'state.outside_hours': 'いまは開いている時間ではありません。メッセージは読めますが、書きこめません。',
    'state.no_moderator': 'スタッフがいないので、少しのあいだお休みしています。もどるまで待っていてね。',
    'state.paused': 'スタッフが少しのあいだ、書きこみを止めています。',
    'state.muted': 'しばらくのあいだ、この部屋では書きこめません（{time}まで）。読むことはできます。',
    'state.unmuted': 'また書きこめるようになりました。',
    'msg.sending': '送信中…',
    'msg.queued': 'つながったら送ります',
    'msg.sent': '送信済み',
    'msg.held': 'スタッフの確認を待っています',
    'msg.withheld': 'スタッフにだけ届きました',
    'msg.rejected': 'スタッフの判断で、部屋には表示されませんでした',
    'msg.blocked': 'この内容はサロンには送れませんでした',
    'msg.failed': '送れませんでした',
    'err.muted': 'いまは書きこめません。',
    'err.room_paused': 'スタッフが書きこみを止めているので、送れませんでした。',
    'err.room_closed': '部屋がお休み中なので、送れませんでした。',
    'err.invalid_field': 'このメッセージは送れませんでした。短くするか、書き方を変えてみてね。',
    'nudge.mask': '電話番号やメールアドレス、SNSのIDのように見える部分は「＊」にかえて表示されます。あなたを守るためです。このまま送りますか？',
    'nudge.hold': 'このメッセージは、スタッフが読んでから部屋に表示されます。少し時間がかかることがあります。このまま送りますか？',
    'nudge.block': 'ごめんね。この内容はサロンには送れません。ことばを変えて、もう一度書いてみてね。',
    'nudge.support': 'つらい気持ちを書いてくれたのかな。このメッセージは部屋のみんなには表示されず、スタッフにだけ届きます。1対1で話せる窓口も案内します。送りますか？',
    'nudge.send': 'このまま送る',
    'nudge.edit': '書き直す',
    'react.👍': 'いいね',
    'react.🫂': 'ぎゅっ',
    'react.❤️': 'だいじ',
    'react.🙏': 'ありがとう',
    'react.label': '{name}（{n}）',
    'report.open': '知らせる',
    'report.openOf': '{name}さんのメッセージをスタッフに知らせる',
    'report.heading': 'このメッセージをスタッフに知らせる',
    'report.reason': '理由',
    'report.harassment': 'いやなことを言われた・悪口',
    'report.contact': '連絡先や個人のことを聞いている・書いている',
    'report.sexual': '性的な内容',
    'report.worried': '書いた人のことが心配',
    'report.spam': '宣伝・同じことのくり返し',
    'report.other': 'その他',
    'report.note': 'ひとこと（なくても大丈夫）',
    'report.anon': 'だれが知らせたかは、書いた人にはわかりません。',
    'report.send': 'スタッフに知らせる',
    'report.cancel': 'やめる',
    'report.received': 'スタッフに届きました。知らせてくれてありがとう。',
    'report.failed': '知らせることができませんでした。もう一度ためしてね。',
    'warned.title': 'スタッフからのお知らせ',
    'warned.ok': 'わかりました',
    'care.heading': '書いてくれて、ありがとう',
    'care.default': 'あなたの気持ちを書いてくれて、ありがとう。ひとりで抱えこまなくて大丈夫です。',
    'care.private': 'このメッセージは部屋のみんなには表示していません。スタッフにだけ届いています。',
    'care.linesIntro': 'いま、1対1で相談員と話せます。',
    'care.start': '{name}で話す',
    'care.numbersIntro': 'いま開いている相談窓口はありません。急いで話したいとき、危ない目にあっているときは、電話してください。',
    'care.close': '閉じる',
    'away.bannedHeading': 'いまはサロンを使えません',
    'away.banned': 'スタッフの判断で、しばらくのあいだサロンに参加できません。',
    'away.removedHeading': 'この部屋からいったん退出になりました',
    'away.removed': 'スタッフの判断で、この部屋からいったん退出になりました。',
    'away.reason': 'スタッフからのことば: {reason}',
    'away.bannedUntil': '{time} まで',
    'away.removedUntil': '{time} からまた入れます。',
    'away.help': '話を聞いてほしいときは、相談窓口で1対1で話せます。',
    'away.lines': '相談窓口を見る',
  },
  en: {
    ...TEEN_DICT.en,
    back: 'Back to the lines',
    'list.heading': 'Online salon',
    'list.intro': 'Rooms where young people who care for family can share feelings and experiences. Staff are always watching over.',
    'list.rulesLabel': 'Salon rules',
    'list.tz': 'All times are Japan time.',
    'list.loading': 'Loading the rooms…',
    'list.failed': "We couldn't load the rooms just now. Please try again where your connection is better.",
    'list.empty': 'There are no rooms to show right now.',
    'list.retry': 'Try again',
    'kind.nodm': 'There are no private messages here. Everyone in the room sees what you write.',
    'kind.nolinks': "Images, links and contact details can't be sent. This rule is here to keep you safe.",
    'kind.nickname': 'You join each room with a nickname. Please don’t use your real name.',
    'room.open': 'Open',
    'room.closed': 'Closed',
    'room.paused': 'Paused',
    'why.closed': 'Closed right now. You can come in once staff open the room.',
    'why.outside_hours': 'Outside its opening hours right now.',
    'why.no_moderator': 'Resting while no staff member is here.',
    'why.next': 'Opens next at {time}.',
    'room.present': '{n} here now',
    'room.capacity': 'Room for {n}',
    'room.schedule': 'Open: {text}',
    'room.scheduleNone': 'Open when staff are here',
    'room.enter': 'Enter',
    'room.enterOf': 'Enter {title}',
    'rules.heading': 'Rules of this room',
    'rules.room': 'Room: {title}',
    'rules.nickname': 'Your nickname in this room',
    'rules.nicknameHint': 'e.g. Mii',
    'rules.nicknameNote': 'Up to 20 characters. Please don’t use your real name or school.',
    'rules.accept': 'I have read the rules and will follow them.',
    'rules.join': 'Join',
    'rules.needNickname': 'Please choose a nickname (up to 20 characters).',
    'rules.needAccept': 'Please tick the box once you have read the rules.',
    'rules.taken': 'Someone in this room already uses that nickname. Please choose another.',
    'rules.badNickname': "That nickname can't be used. Please choose one without contact details, real names or staff-like words.",
    'rules.full': 'This room is full right now. Please try again a little later.',
    'rules.closed': "This room isn't open right now. Please come back when it is.",
    'rules.failed': "We couldn't join just now. Please wait a little and try again.",
    'rules.waiting': 'Connecting…',
    'room.leave': 'Leave the room',
    'room.back': 'Back to the rooms',
    'room.presentSummary': 'Here now ({n})',
    'room.log': 'Messages',
    'room.empty': 'No messages yet. Why not say hello?',
    'room.inputLabel': 'Message',
    'room.placeholder': 'Write a message',
    'room.send': 'Send',
    'room.you': 'You',
    'room.staff': 'Staff',
    'room.hiddenByStaff': 'Staff hid this message.',
    'room.masked': 'Parts that looked like contact details were replaced with ＊.',
    'room.premod': 'Your first {n} messages are read by staff before the room sees them.',
    'room.slow': 'Slow mode: one message every {n} seconds.',
    'room.slowWait': 'Slow mode: you can send again in {n} seconds.',
    'room.tooLong': 'Messages can be up to 1000 characters. Please split it.',
    'state.closed': "This room is closed right now. You can read, but you can't write.",
    'state.outside_hours': "It's outside the room's hours. You can read, but you can't write.",
    'state.no_moderator': 'No staff member is here, so the room is resting for a moment. Please wait.',
    'state.paused': 'Staff have paused writing for a moment.',
    'state.muted': "You can't write in this room for a while (until {time}). You can still read.",
    'state.unmuted': 'You can write again.',
    'msg.sending': 'Sending…',
    'msg.queued': 'Will be sent when connected',
    'msg.sent': 'Sent',
    'msg.held': 'Waiting for a moderator',
    'msg.withheld': 'Only staff can see this',
    'msg.rejected': 'Staff decided not to show this in the room',
    'msg.blocked': "This can't be posted in the salon",
    'msg.failed': 'Not sent',
    'err.muted': "You can't write right now.",
    'err.room_paused': 'Staff have paused writing, so it was not sent.',
    'err.room_closed': 'The room is closed, so it was not sent.',
    'err.invalid_field': "This message couldn't be sent. Try making it shorter or writing it differently.",
    'nudge.mask': 'Anything that looks like a phone number, e-mail or social media ID will be shown as ＊, to keep you safe. Send it like this?',
    'nudge.hold': 'Staff will read this message before the room sees it. It may take a little while. Send it like this?',
    'nudge.block': "Sorry: this can't be posted in the salon. Please try saying it in other words.",
    'nudge.support': "It sounds like things are hard right now. This message won't be shown to the room; only staff will see it, and we'll show you where you can talk one-to-one. Send it?",
    'nudge.send': 'Send it',
    'nudge.edit': 'Edit',
    'react.👍': 'Like',
    'react.🫂': 'Hug',
    'react.❤️': 'Care',
    'react.🙏': 'Thanks',
    'react.label': '{name} ({n})',
    'report.open': 'Report',
    'report.openOf': "Tell staff about {name}'s message",
    'report.heading': 'Tell staff about this message',
    'report.reason': 'Reason',
    'report.harassment': 'Hurtful words or bullying',
    'report.contact': 'Asks for or shares contact or personal details',
    'report.sexual': 'Sexual content',
    'report.worried': "I'm worried about the person who wrote it",
    'report.spam': 'Advertising or repeating the same thing',
    'report.other': 'Something else',
    'report.note': 'A few words (optional)',
    'report.anon': 'The writer will not know who told staff.',
    'report.send': 'Tell staff',
    'report.cancel': 'Cancel',
    'report.received': 'Staff have it. Thank you for telling us.',
    'report.failed': "We couldn't send it. Please try again.",
    'warned.title': 'A note from staff',
    'warned.ok': 'OK',
    'care.heading': 'Thank you for writing this',
    'care.default': "Thank you for sharing how you feel. You don't have to carry it alone.",
    'care.private': "This message isn't shown to the room. Only staff can see it.",
    'care.linesIntro': 'You can talk one-to-one with a counsellor now.',
    'care.start': 'Talk: {name}',
    'care.numbersIntro': 'No consultation line is open right now. If you need to talk urgently, or you are in danger, please call.',
    'care.close': 'Close',
    'away.bannedHeading': "You can't use the salon for now",
    'away.banned': 'Staff have decided that you cannot join the salon for a while.',
    'away.removedHeading': 'You have been asked to leave this room for now',
    'away.removed': 'Staff have asked you to leave this room for a while.',
    'away.reason': 'From staff: {reason}',
    'away.bannedUntil': 'Until {time}',
    'away.removedUntil': 'You can come back from {time}.',
    'away.help': 'If you want someone to listen, you can talk one-to-one on a consultation line.',
    'away.lines': 'See the consultation lines',
  },
};

const $ = (id) => document.getElementById(id);
const i18n = createI18n(dict, () => refreshTexts());
const t = i18n.t;

// ---------------------------------------------------------------- state

const params = new URLSearchParams(location.search);

const state = {
  rooms: [], // from /api/salon/rooms
  listLoaded: false,
  ready: false,
  ban: null,
  view: 'boot',
  current: null, // id of the room this page is in (or joining)
  joining: null, // {room_id, first}
  room: null, // the room as last seen (joined/room frames)
  me: null,
  present: [],
  joinedAt: 0,
  seq: 0, // highest log position seen in `current`
  haveLog: false, // the log shows `current` from a join (a reconnect resumes after `seq`)
  shown: new Map(), // seq -> <li> of a message
  mine: new Map(), // client_msg_id -> <li> not (yet) in the log: sending, held, withheld…
  outbox: load(OUTBOX_KEY, []), // [{id, room_id, body, at}]
  reacted: new Set(), // "seq emoji" this page added
  preview: null, // {body, resolve, timer}
  nudgeBody: null,
  lastPostAt: 0,
  slowTimer: null,
  mutedUntil: null,
  unmutedNote: false,
  reportSeq: null,
};

const socket = new TeenSocket('/ws/salon', {
  onFrame: (frame) => handle(frame),
  onState: (s) => renderConn(s),
});

// ---------------------------------------------------------------- DOM helpers

function when(at) {
  return formatDayTime(new Date(at), i18n.lang);
}

const HEADINGS = { boot: 'boot', list: 'list.heading', rules: 'rules.heading', away: null, room: null };

function showView(name, { focus = true } = {}) {
  state.view = name;
  for (const v of ['list', 'rules', 'away', 'room']) $(`view-${v}`).hidden = v !== name;
  document.body.dataset.view = name;
  renderHeading();
  $('emergency').hidden = name === 'boot';
  // A new screen starts at its top (the heading is not left under the top bar).
  if (name !== 'room') window.scrollTo(0, 0);
  if (focus) $('heading').focus({ preventScroll: true });
}

function renderHeading() {
  const heading = $('heading');
  const name = state.view;
  if (name === 'room' || name === 'rules') {
    heading.removeAttribute('data-i18n');
    heading.textContent = state.room?.title || roomById(state.current)?.title || '';
    if (name === 'rules') heading.textContent = t('rules.heading');
  } else if (name === 'away') {
    heading.removeAttribute('data-i18n');
    heading.textContent = t(state.ban ? 'away.bannedHeading' : 'away.removedHeading');
  } else {
    heading.dataset.i18n = HEADINGS[name];
    heading.textContent = t(HEADINGS[name]);
  }
}

function roomById(id) {
  return state.rooms.find((r) => r.id === id) || (state.room?.id === id ? state.room : null);
}

function setUrl(roomId) {
  const url = roomId ? `/salon/?room=${encodeURIComponent(roomId)}` : '/salon/';
  try {
    history.replaceState(null, '', url);
  } catch {
    // Not important.
  }
}

// ---------------------------------------------------------------- connection banner

const banner = connectionBanner(t);

function renderConn(s) {
  banner.show(s);
  // Frames of the old connection no longer count: the next `joined` starts again.
  if (s === 'reconnecting' || s === 'connecting') state.joinedAt = 0;
  markQueued();
  if (s !== 'open') renderComposer();
}

// ---------------------------------------------------------------- rooms list

let listTimer = null;

async function loadRooms() {
  const status = $('list-status');
  if (!state.listLoaded) status.textContent = t('list.loading');
  try {
    const response = await fetch('/api/salon/rooms', { headers: { Accept: 'application/json' }, cache: 'no-store' });
    if (!response.ok) throw new Error(String(response.status));
    const data = await response.json();
    state.rooms = data.rooms || [];
    state.listLoaded = true;
    status.textContent = state.rooms.length ? '' : t('list.empty');
    $('list-retry').hidden = true;
  } catch {
    if (!state.listLoaded) {
      status.textContent = t('list.failed');
      $('list-retry').hidden = false;
    }
  }
  renderRooms();
}

function availabilityText(room) {
  if (room.availability === 'open') return '';
  let text = t(`why.${room.availability}`);
  if (room.next_open_at) text += ` ${t('why.next', { time: when(room.next_open_at) })}`;
  return text;
}

function scheduleText(room) {
  if (!room.schedule) return t('room.scheduleNone');
  const days = weeklySummary(room.schedule.weekly, i18n.lang);
  const text = days.map((d) => `${d.name} ${d.windows.join('、')}`).join(i18n.lang === 'en' ? '; ' : '／');
  return t('room.schedule', { text: text || '—' });
}

function renderRooms() {
  const list = $('rooms');
  list.replaceChildren(
    ...state.rooms.map((room) => {
      const item = el('li');
      item.dataset.roomId = room.id;
      const card = el('article', 'card');
      const head = el('div', 'card-head');
      const title = el('h2', 'line-name', room.title);
      title.id = `room-${room.id}-title`;
      card.setAttribute('aria-labelledby', title.id);
      const open = room.availability === 'open';
      const badge = el('p', `badge ${open ? (room.paused ? 'badge-paused' : 'badge-open') : 'badge-closed'}`);
      badge.textContent = open ? (room.paused ? t('room.paused') : t('room.open')) : t('room.closed');
      head.append(title, badge);
      card.append(head, el('p', 'room-topic', room.topic));
      const why = availabilityText(room);
      if (why) card.append(el('p', 'room-why', why));
      const meta = [scheduleText(room)];
      if (typeof room.present_count === 'number') meta.push(t('room.present', { n: room.present_count }));
      meta.push(t('room.capacity', { n: room.capacity }));
      card.append(el('p', 'room-meta', meta.join('　')));
      if (open) {
        const enter = el('button', 'primary start', t('room.enter'));
        enter.type = 'button';
        enter.setAttribute('aria-label', t('room.enterOf', { title: room.title }));
        enter.addEventListener('click', () => enterRoom(room.id));
        card.append(enter);
      }
      item.append(card);
      return item;
    }),
  );
}

function showList() {
  state.current = null;
  state.joining = null;
  setUrl(null);
  showView('list');
  loadRooms();
  clearInterval(listTimer);
  listTimer = setInterval(() => {
    if (state.view === 'list') loadRooms();
  }, LIST_REFRESH_MS);
}

// ---------------------------------------------------------------- protocol

function handle(frame) {
  switch (frame.type) {
    case 'ready':
      return onReady(frame);
    case 'joined':
      return onJoined(frame);
    case 'message':
      return onMessage(frame);
    case 'hidden':
      return onHidden(frame);
    case 'reactions':
      return onReactions(frame);
    case 'presence':
      return onPresence(frame);
    case 'room':
      return onRoom(frame.room);
    case 'ack':
      return onAck(frame);
    case 'care':
      return onCare(frame);
    case 'preview':
      return onPreview(frame);
    case 'report_received':
      return onReportReceived(frame);
    case 'warned':
      return onWarned(frame);
    case 'muted':
      return onMuted(frame);
    case 'removed':
      return onRemoved(frame);
    case 'banned':
      return onBanned(frame);
    case 'rejected':
      return onRejected(frame);
    case 'error':
      return onError(frame);
    default:
      return undefined;
  }
}

function onReady(frame) {
  state.ready = true;
  if (frame.ban) {
    onBanned(frame.ban);
    return;
  }
  state.ban = null;
  if (state.current) {
    // A reconnect: come back to the room after the last message seen.
    join(state.current, {});
    return;
  }
  const wanted = params.get('room');
  if (state.view === 'boot' && wanted) {
    params.delete('room');
    enterRoom(wanted);
    return;
  }
  if (state.view === 'boot') showList();
}

/** Joins `roomId`: comes back to it (no nickname), or a first join with nickname and rules. */
function join(roomId, { nickname, accept } = {}) {
  const frame = { type: 'join', room_id: roomId, ref: `j:${roomId}` };
  if (nickname !== undefined) {
    frame.nickname = nickname;
    frame.accept_rules = !!accept;
  }
  if (state.haveLog && state.current === roomId) frame.after_seq = state.seq;
  state.joining = { room_id: roomId, first: nickname !== undefined };
  return socket.send(frame);
}

function enterRoom(roomId) {
  if (state.current && state.current !== roomId) leaveRoom(false);
  state.current = roomId;
  clearLog();
  if (!join(roomId)) {
    // Not connected yet: `ready` joins it.
    showView('boot');
  }
}

function showRules(roomId) {
  const room = roomById(roomId);
  $('rules-room').textContent = t('rules.room', { title: room?.title || roomId });
  $('rules-text').textContent = room?.rules || '';
  $('join-msg').textContent = '';
  $('accept').checked = false;
  $('join-button').disabled = false;
  showView('rules');
}

function submitJoin(event) {
  event.preventDefault();
  const nickname = $('nickname').value.trim();
  const msg = $('join-msg');
  if (!nickname || [...nickname].length > 20) {
    msg.textContent = t('rules.needNickname');
    $('nickname').focus();
    return;
  }
  if (!$('accept').checked) {
    msg.textContent = t('rules.needAccept');
    $('accept').focus();
    return;
  }
  if (!join(state.current, { nickname, accept: true })) {
    msg.textContent = t('rules.waiting');
    return;
  }
  msg.textContent = '';
  $('join-button').disabled = true;
}

function onJoined(frame) {
  const room = frame.room;
  if (room.id !== state.current) return;
  state.joining = null;
  state.room = room;
  state.me = frame.me;
  state.present = frame.present || [];
  state.mutedUntil = frame.me.muted_until ? new Date(frame.me.muted_until) : null;
  state.joinedAt = Date.now();
  const first = state.view !== 'room';
  state.haveLog = true;
  setUrl(room.id);
  $('nickname').value = '';
  for (const p of frame.pending || []) showOwnPending(p);
  if (first) {
    showView('room');
    $('care').hidden = true;
    $('warned').hidden = true;
  }
  renderRoom();
  renderLogEmpty();
  flushOutbox();
  if (first) $('input').focus({ preventScroll: true });
}

function leaveRoom(toList = true) {
  if (state.current) socket.send({ type: 'leave', room_id: state.current });
  // Unsent messages of this room stay in the outbox: coming back sends them.
  clearLog();
  state.room = null;
  state.me = null;
  if (toList) showList();
}

// ---------------------------------------------------------------- messages

function clearLog() {
  $('log').replaceChildren();
  state.shown.clear();
  state.mine.clear();
  state.seq = 0;
  state.haveLog = false;
  state.reacted.clear();
  hideNudge();
}

function bubbleFor(m) {
  const li = el('li', 'bubble');
  if (m.mine) li.classList.add('bubble-mine');
  if (m.moderator) li.classList.add('bubble-mod');
  const who = el('p', 'who');
  const name = el('span', 'nick', m.nickname);
  who.append(name);
  if (m.mine) who.append(el('span', 'you', ` （${t('room.you')}）`));
  if (m.moderator) {
    const tag = el('span', 'mod-tag', t('room.staff'));
    tag.dataset.i18n = 'room.staff';
    who.append(tag);
  }
  const body = el('p', 'body', m.body);
  const meta = el('p', 'meta');
  meta.append(el('span', 'time', formatClock(m.at ? new Date(m.at) : new Date(), i18n.lang)));
  li.append(who, body, meta);
  return li;
}

function addReactions(li, m) {
  const bar = el('div', 'reacts');
  for (const emoji of REACTIONS) {
    const button = el('button', 'react');
    button.type = 'button';
    button.dataset.emoji = emoji;
    button.addEventListener('click', () => react(m.seq, emoji, button));
    bar.append(button);
  }
  if (!m.mine && !m.moderator) {
    const report = el('button', 'report', t('report.open'));
    report.type = 'button';
    report.dataset.nickname = m.nickname;
    report.addEventListener('click', () => openReport(m.seq, m.nickname, m.body));
    bar.append(report);
  }
  li.append(bar);
  renderCounts(li, m.reactions || {});
}

function renderCounts(li, counts) {
  li.counts = counts;
  for (const button of li.querySelectorAll('.react')) {
    const emoji = button.dataset.emoji;
    const n = counts[emoji] || 0;
    button.textContent = n ? `${emoji} ${n}` : emoji;
    button.setAttribute('aria-label', t('react.label', { name: t(`react.${emoji}`), n }));
    button.setAttribute('aria-pressed', String(state.reacted.has(`${li.dataset.seq} ${emoji}`)));
  }
  const report = li.querySelector('.report');
  if (report) report.setAttribute('aria-label', t('report.openOf', { name: report.dataset.nickname }));
}

function insertBySeq(li, seq) {
  const log = $('log');
  let before = null;
  for (const node of log.children) {
    const s = Number(node.dataset.seq || Infinity);
    if (s > seq) {
      before = node;
      break;
    }
  }
  log.insertBefore(li, before);
}

function announce(text) {
  const region = $('announce');
  // A fresh node per message: screen readers read additions once.
  const line = el('span', null, text);
  region.append(line);
  while (region.childNodes.length > 5) region.firstChild.remove();
}

function onMessage(m) {
  if (m.room_id !== state.current) return;
  if (m.seq > state.seq) state.seq = m.seq;
  if (state.shown.has(m.seq)) return;
  const li = bubbleFor(m);
  li.dataset.seq = String(m.seq);
  if (m.client_msg_id) li.dataset.clientMsgId = m.client_msg_id;
  if (m.masked) li.append(el('p', 'masked-note', t('room.masked')));
  addReactions(li, m);
  // One compact row under a published message: reactions, report, time.
  li.querySelector('.reacts').append(li.querySelector('.meta'));
  // My own message now in the log: its pending copy (sending or held) goes.
  if (m.mine && m.client_msg_id) {
    const pending = state.mine.get(m.client_msg_id);
    if (pending) {
      if (pending.dataset.state === 'held' && state.me?.premoderated_remaining > 0) {
        state.me.premoderated_remaining -= 1;
        renderComposer();
      }
      pending.remove();
      state.mine.delete(m.client_msg_id);
    }
    dropFromOutbox(m.client_msg_id);
  }
  insertBySeq(li, m.seq);
  state.shown.set(m.seq, li);
  renderLogEmpty();
  const isNew = state.joinedAt && Date.now() - state.joinedAt > QUIET_AFTER_JOIN_MS;
  if (isNew && !m.mine) announce(`${m.nickname}${m.moderator ? `（${t('room.staff')}）` : ''}: ${m.body}`);
  // History after joining shows its newest end; news pulls only a reader already at the end.
  scrollToEnd(!isNew || m.mine);
}

function onHidden(frame) {
  if (frame.room_id !== state.current) return;
  if (frame.seq > state.seq) state.seq = frame.seq;
  const li = state.shown.get(frame.target_seq);
  if (li && !li.classList.contains('hidden-msg')) {
    li.classList.add('hidden-msg');
    li.classList.remove('bubble-mine', 'bubble-mod');
    li.replaceChildren(el('p', 'body muted', t('room.hiddenByStaff')));
  }
}

function onReactions(frame) {
  if (frame.room_id !== state.current) return;
  const li = state.shown.get(frame.seq);
  if (li) renderCounts(li, frame.counts || {});
}

function react(seq, emoji, button) {
  const key = `${seq} ${emoji}`;
  const on = !state.reacted.has(key);
  if (!socket.send({ type: 'react', room_id: state.current, seq, emoji, on, ref: `x:${seq}` })) return;
  if (on) state.reacted.add(key);
  else state.reacted.delete(key);
  button.setAttribute('aria-pressed', String(on));
}

function renderLogEmpty() {
  $('log-empty').hidden = $('log').children.length > 0;
}

function scrollToEnd(force) {
  requestAnimationFrame(() => {
    const last = $('log').lastElementChild;
    if (!last) return;
    // Do not pull a reader away from older messages unless it is their own or news at the end.
    const nearEnd = window.innerHeight + window.scrollY >= document.body.scrollHeight - 240;
    if (force || nearEnd) last.scrollIntoView({ block: 'end', behavior: 'auto' });
  });
}

// ---------------------------------------------------------------- own messages

const MINE_STATES = {
  sending: 'msg.sending',
  queued: 'msg.queued',
  sent: 'msg.sent',
  held: 'msg.held',
  withheld: 'msg.withheld',
  rejected: 'msg.rejected',
  blocked: 'msg.blocked',
  failed: 'msg.failed',
};

function ownBubble(id, body, at) {
  const li = bubbleFor({ mine: true, nickname: state.me?.nickname || t('room.you'), body, at });
  li.classList.add('pending');
  li.dataset.clientMsgId = id;
  const s = el('span', 'state');
  li.querySelector('.meta').append(s);
  $('log').append(li);
  state.mine.set(id, li);
  renderLogEmpty();
  return li;
}

function markMine(li, which) {
  li.dataset.state = which;
  const s = li.querySelector('.state');
  if (s) s.textContent = t(MINE_STATES[which]);
  li.classList.toggle('bubble-held', which === 'held');
  li.classList.toggle('bubble-withheld', which === 'withheld');
  li.classList.toggle('failed', ['failed', 'blocked', 'rejected'].includes(which));
}

function showOwnPending(p) {
  const id = p.client_msg_id || `pending-${p.at}`;
  if (state.mine.has(id)) {
    markMine(state.mine.get(id), p.state);
    return;
  }
  const li = ownBubble(id, p.body, p.at);
  markMine(li, p.state);
}

function markQueued() {
  for (const li of state.mine.values()) {
    if (li.dataset.state === 'sending' || li.dataset.state === 'queued') markMine(li, socket.isOpen ? 'sending' : 'queued');
  }
}

function dropFromOutbox(id) {
  const before = state.outbox.length;
  state.outbox = state.outbox.filter((m) => m.id !== id);
  if (state.outbox.length !== before) save(OUTBOX_KEY, state.outbox);
}

function transmit(item) {
  socket.send({ type: 'send', room_id: item.room_id, client_msg_id: item.id, body: item.body, ref: `s:${item.id}` });
}

function flushOutbox() {
  if (!socket.isOpen || !state.room) return;
  for (const item of state.outbox) {
    if (item.room_id !== state.current) continue;
    const li = state.mine.get(item.id) || ownBubble(item.id, item.body, item.at);
    markMine(li, 'sending');
    transmit(item);
  }
}

function commit(body) {
  const item = { id: newId(), room_id: state.current, body, at: new Date().toISOString() };
  state.outbox.push(item);
  save(OUTBOX_KEY, state.outbox);
  const li = ownBubble(item.id, body, item.at);
  markMine(li, socket.isOpen ? 'sending' : 'queued');
  $('input').value = '';
  $('composer-msg').textContent = '';
  transmit(item);
  scrollToEnd(true);
}

async function send(event) {
  event?.preventDefault();
  if (!state.room || !canWrite()) return;
  const input = $('input');
  const body = input.value.replace(/\s+$/u, '');
  if (!body.trim()) return;
  if ([...body].length > MAX_CHARS) {
    $('composer-msg').textContent = t('room.tooLong');
    return;
  }
  hideNudge();
  const outcome = await preview(body);
  if (input.value.replace(/\s+$/u, '') !== body) return; // edited meanwhile
  if (['mask', 'hold', 'block', 'support'].includes(outcome)) {
    showNudge(body, outcome);
    return;
  }
  commit(body);
}

/** Asks the server what would happen to `body`; "send" when it cannot be asked now. */
function preview(body) {
  if (state.preview) {
    clearTimeout(state.preview.timer);
    state.preview.resolve('send');
  }
  if (!socket.isOpen || !socket.send({ type: 'preview', room_id: state.current, body, ref: 'p' })) return Promise.resolve('send');
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      state.preview = null;
      resolve('send');
    }, PREVIEW_WAIT_MS);
    state.preview = { resolve, timer };
  });
}

function onPreview(frame) {
  const pending = state.preview;
  if (!pending) return;
  state.preview = null;
  clearTimeout(pending.timer);
  pending.resolve(frame.outcome);
}

function showNudge(body, outcome) {
  state.nudgeBody = outcome === 'block' ? null : body;
  $('nudge').dataset.outcome = outcome;
  $('nudge-text').textContent = t(`nudge.${outcome}`);
  $('nudge-send').hidden = outcome === 'block';
  $('nudge').hidden = false;
  (outcome === 'block' ? $('nudge-edit') : $('nudge-send')).focus();
}

function hideNudge() {
  state.nudgeBody = null;
  $('nudge').hidden = true;
}

function onAck(ack) {
  dropFromOutbox(ack.client_msg_id);
  if (ack.state === 'published' || ack.state === 'held') startSlowMode();
  const li = state.mine.get(ack.client_msg_id);
  if (ack.state === 'published') {
    if (li && ack.seq != null && state.shown.has(ack.seq)) {
      li.remove();
      state.mine.delete(ack.client_msg_id);
    } else if (li) {
      // The log entry follows; until then it is sent.
      markMine(li, 'sent');
    }
    return;
  }
  if (li) markMine(li, ack.state);
}

function onRejected(frame) {
  if (frame.room_id !== state.current || !frame.client_msg_id) return;
  const li = state.mine.get(frame.client_msg_id);
  if (li) markMine(li, 'rejected');
}

function onCare(care) {
  if (care.room_id !== state.current) return;
  $('care-message').textContent = care.message || t('care.default');
  // The server's words already say that the room did not see it.
  $('care-private').hidden = !!care.message;
  const lines = care.open_lines || [];
  const list = $('care-line-list');
  list.replaceChildren(
    ...lines.map((line) => {
      const item = el('li');
      const name = i18n.lang === 'en' ? line.name_en || line.name_ja : line.name_ja;
      const link = el('a', 'button primary', t('care.start', { name }));
      link.href = `/chat/?line=${encodeURIComponent(line.id)}&salon_post_id=${encodeURIComponent(care.post_id)}`;
      item.append(link);
      return item;
    }),
  );
  $('care-lines').hidden = lines.length === 0;
  $('care-numbers').hidden = lines.length > 0;
  const panel = $('care');
  panel.hidden = false;
  panel.scrollIntoView({ block: 'start' });
  panel.focus({ preventScroll: true });
}

// ---------------------------------------------------------------- room state

function canWrite() {
  const room = state.room;
  if (!room || room.availability !== 'open' || room.paused) return false;
  if (state.mutedUntil && state.mutedUntil > new Date()) return false;
  return true;
}

function slowRemaining() {
  const seconds = state.room?.slow_mode_seconds || 0;
  if (!seconds || !state.lastPostAt) return 0;
  return Math.max(0, Math.ceil((state.lastPostAt + seconds * 1000 - Date.now()) / 1000));
}

function startSlowMode() {
  state.lastPostAt = Date.now();
  tickSlowMode();
}

function tickSlowMode() {
  clearTimeout(state.slowTimer);
  renderComposer();
  if (slowRemaining() > 0) state.slowTimer = setTimeout(tickSlowMode, 1000);
}

function renderRoom() {
  const room = state.room;
  if (!room) return;
  renderHeading();
  $('room-topic').textContent = room.topic || '';
  const pinned = $('pinned');
  pinned.textContent = room.pinned || '';
  pinned.hidden = !room.pinned;
  renderPresence();
  renderStates();
  renderComposer();
}

function renderStates() {
  const room = state.room;
  const box = $('room-state');
  const lines = [];
  if (room.availability !== 'open') lines.push([t(`state.${room.availability}`), '']);
  else if (room.paused) lines.push([t('state.paused'), '']);
  if (state.mutedUntil && state.mutedUntil > new Date()) lines.push([t('state.muted', { time: when(state.mutedUntil) }), '']);
  else if (state.unmutedNote) lines.push([t('state.unmuted'), 'calm']);
  const key = JSON.stringify(lines);
  // Only a real change is announced.
  if (box.dataset.key === key) return;
  box.dataset.key = key;
  box.replaceChildren(...lines.map(([text, cls]) => el('p', cls, text)));
}

function renderComposer() {
  if (!state.room) return;
  const writable = canWrite();
  const wait = slowRemaining();
  $('input').disabled = !writable;
  $('send').disabled = !writable || wait > 0;
  const notes = [];
  if (state.me?.premoderated_remaining > 0) notes.push(t('room.premod', { n: state.me.premoderated_remaining }));
  const slow = state.room.slow_mode_seconds;
  if (wait > 0) notes.push(t('room.slowWait', { n: wait }));
  else if (slow > 0) notes.push(t('room.slow', { n: slow }));
  $('composer-note').textContent = notes.join(' ');
}

function renderPresence() {
  $('present-summary').textContent = t('room.presentSummary', { n: state.present.length });
  $('present-list').replaceChildren(...state.present.map((name) => el('li', null, name)));
}

function onPresence(frame) {
  if (frame.room_id !== state.current) return;
  state.present = frame.present || [];
  renderPresence();
}

function onRoom(room) {
  const known = state.rooms.findIndex((r) => r.id === room.id);
  if (known >= 0) state.rooms[known] = { ...state.rooms[known], ...room };
  if (room.id !== state.current || !state.room) return;
  state.room = room;
  renderRoom();
  if (canWrite()) flushOutbox();
}

function onWarned(frame) {
  if (frame.room_id !== state.current) return;
  $('warned-text').textContent = frame.message;
  $('warned').hidden = false;
  $('warned-ok').focus({ preventScroll: false });
}

function onMuted(frame) {
  if (frame.room_id !== state.current) return;
  state.mutedUntil = frame.until ? new Date(frame.until) : null;
  state.unmutedNote = !frame.until;
  renderStates();
  renderComposer();
}

function showAway(kind, reason, until) {
  $('away-body').textContent = t(kind === 'banned' ? 'away.banned' : 'away.removed');
  $('away-reason').textContent = reason ? t('away.reason', { reason }) : '';
  $('away-until').textContent = until ? t(kind === 'banned' ? 'away.bannedUntil' : 'away.removedUntil', { time: when(until) }) : '';
  $('away-back').hidden = kind === 'banned';
  showView('away');
}

function onRemoved(frame) {
  if (frame.room_id !== state.current) return;
  state.outbox = state.outbox.filter((m) => m.room_id !== frame.room_id);
  save(OUTBOX_KEY, state.outbox);
  clearLog();
  state.room = null;
  state.current = null;
  setUrl(null);
  state.ban = null;
  showAway('removed', frame.reason, frame.until);
}

function onBanned(ban) {
  state.ban = ban;
  state.outbox = [];
  save(OUTBOX_KEY, state.outbox);
  clearLog();
  state.room = null;
  state.current = null;
  setUrl(null);
  showAway('banned', ban.reason, ban.until);
}

// ---------------------------------------------------------------- reports

function openReport(seq, nickname, body) {
  state.reportSeq = seq;
  $('report-quote').textContent = `${nickname}: ${body}`;
  $('report-note').value = '';
  $('report-form').querySelector('input[value="harassment"]').checked = true;
  $('report-dialog').showModal();
}

function closeReport() {
  const dialog = $('report-dialog');
  const seq = state.reportSeq;
  state.reportSeq = null;
  const li = state.shown.get(seq);
  if (dialog.returnValue === 'send' && seq != null) {
    const reason = new FormData($('report-form')).get('reason') || 'other';
    const note = $('report-note').value.trim();
    const frame = { type: 'report', room_id: state.current, seq, reason, ref: `rp:${seq}` };
    if (note) frame.note = note;
    if (!socket.send(frame) && li) setReportNote(li, t('report.failed'));
  }
  li?.querySelector('.report')?.focus();
}

function setReportNote(li, text) {
  let note = li.querySelector('.reported');
  if (!note) {
    note = el('p', 'reported');
    note.setAttribute('role', 'status');
    li.append(note);
  }
  note.textContent = text;
}

function onReportReceived(frame) {
  const li = state.shown.get(frame.seq);
  if (li) setReportNote(li, t('report.received'));
}

// ---------------------------------------------------------------- errors

function onError(frame) {
  const ref = frame.ref || '';
  if (frame.code === 'banned') {
    const until = /until (\S+)/.exec(frame.message || '')?.[1];
    const reason = /: (.*)$/.exec(frame.message || '')?.[1];
    onBanned({ until: until && !Number.isNaN(Date.parse(until)) ? until : null, reason: reason || '' });
    return;
  }
  if (ref.startsWith('j:')) return onJoinError(ref.slice(2), frame);
  if (ref.startsWith('s:')) return onSendError(ref.slice(2), frame);
  if (ref === 'p') {
    // The preview was refused (too long, say): the send will say why.
    onPreview({ outcome: 'send' });
    return;
  }
  if (ref.startsWith('rp:')) {
    const li = state.shown.get(Number(ref.slice(3)));
    if (li) setReportNote(li, t('report.failed'));
  }
}

function onJoinError(roomId, frame) {
  if (roomId !== state.current) return;
  const first = state.joining?.first;
  state.joining = null;
  $('join-button').disabled = false;
  const code = frame.code;
  if (code === 'removed') {
    const until = /until (\S+)/.exec(frame.message || '')?.[1];
    onRemoved({ room_id: roomId, until: until && !Number.isNaN(Date.parse(until)) ? until : null, reason: '' });
    return;
  }
  if (!first) {
    // Coming back without a nickname was refused: this device has not joined yet.
    if (code === 'invalid_field' || code === 'rules_not_accepted') {
      if (state.view !== 'rules') showRules(roomId);
      return;
    }
    if (code === 'not_found') {
      showList();
      return;
    }
    if (state.view !== 'room') {
      showList();
      $('list-status').textContent = code === 'room_closed' ? t('rules.closed') : t('rules.failed');
    }
    return;
  }
  const key = {
    nickname_taken: 'rules.taken',
    invalid_field: 'rules.badNickname',
    room_full: 'rules.full',
    room_closed: 'rules.closed',
    rules_not_accepted: 'rules.needAccept',
  }[code];
  $('join-msg').textContent = t(key || 'rules.failed');
  if (code === 'nickname_taken' || code === 'invalid_field') $('nickname').select();
}

function onSendError(id, frame) {
  const item = state.outbox.find((m) => m.id === id);
  const li = state.mine.get(id);
  const code = frame.code;
  if (code === 'rate_limited' || code === 'unavailable' || code === 'not_joined') {
    setTimeout(flushOutbox, 3_000);
    return;
  }
  if (code === 'slow_mode') {
    const seconds = Number(/(\d+)/.exec(frame.message || '')?.[1] || 5);
    state.lastPostAt = Date.now() - Math.max(0, (state.room?.slow_mode_seconds || seconds) - seconds) * 1000;
    tickSlowMode();
    setTimeout(() => item && state.outbox.some((m) => m.id === id) && transmit(item), seconds * 1000 + 200);
    return;
  }
  // Refused for good: out of the outbox; the words go back to the composer to keep them.
  dropFromOutbox(id);
  if (li) markMine(li, 'failed');
  const input = $('input');
  if (item && !input.value) input.value = item.body;
  $('composer-msg').textContent = t(`err.${code}`) === `err.${code}` ? t('msg.failed') : t(`err.${code}`);
}

// ---------------------------------------------------------------- language

function refreshTexts() {
  renderHeading();
  if (state.view === 'list') renderRooms();
  if (state.listLoaded && !state.rooms.length) $('list-status').textContent = t('list.empty');
  for (const li of state.mine.values()) if (li.dataset.state) markMine(li, li.dataset.state);
  for (const li of state.shown.values()) if (li.counts) renderCounts(li, li.counts);
  for (const node of $('log').querySelectorAll('.report')) node.textContent = t('report.open');
  for (const node of $('log').querySelectorAll('.you')) node.textContent = ` （${t('room.you')}）`;
  if (state.room) renderRoom();
  banner.relabel();
}

// ---------------------------------------------------------------- wiring

installQuickExit();
i18n.wireToggle(document.querySelector('[data-lang-toggle]'));
i18n.apply();

$('list-retry').addEventListener('click', loadRooms);
$('join-form').addEventListener('submit', submitJoin);
$('rules-back').addEventListener('click', () => showList());
$('away-back').addEventListener('click', () => showList());
$('room-back').addEventListener('click', () => leaveRoom(true));
$('composer').addEventListener('submit', send);
$('input').addEventListener('keydown', (event) => {
  if (!enterSends(event)) return;
  event.preventDefault();
  send();
});
$('input').addEventListener('input', () => {
  if (!$('nudge').hidden) hideNudge();
});
$('nudge-send').addEventListener('click', () => {
  const body = state.nudgeBody;
  hideNudge();
  if (body && canWrite()) commit(body);
  $('input').focus();
});
$('nudge-edit').addEventListener('click', () => {
  hideNudge();
  $('input').focus();
});
$('warned-ok').addEventListener('click', () => {
  $('warned').hidden = true;
  $('input').focus();
});
$('care-close').addEventListener('click', () => {
  $('care').hidden = true;
  $('input').focus();
});
$('report-dialog').addEventListener('close', closeReport);

async function boot() {
  showView('boot', { focus: false });
  await Promise.all([loadRooms(), socket.ensureToken()]);
  socket.start();
}

boot();
