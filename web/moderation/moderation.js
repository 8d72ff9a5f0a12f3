// The salon moderator console: every room live, held posts, alerts, reports,
// bans and the audit log. Live delivery is `/ws/moderator` (docs/protocol.md);
// every action is an HTTP call with the session's CSRF token, audited with its
// reason. Everything from the server goes in with textContent, never as HTML.

import { createI18n } from '/assets/i18n.js';
import { formatClock, formatStamp } from '/assets/time.js';
import { ReconnectingSocket, newId, enterSends } from '/assets/socket.js';
import { STAFF_DICT, createStaffApi, createErrorMessage, showStaffView, wireSession, unlockAudio, beep } from '/assets/staff.js';
import { el } from '/assets/dom.js';
import { highlighted } from '/moderation/spans.js';
import { MOD_CASES_DICT, createCaseDesk } from '/moderation/cases.js';

const ALERT_REPEAT_MS = 10_000;
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const JA_DAYS = { 月: 'mon', 火: 'tue', 水: 'wed', 木: 'thu', 金: 'fri', 土: 'sat', 日: 'sun' };

const dict = {
  ja: {
    ...STAFF_DICT.ja,
    ...MOD_CASES_DICT.ja,
    'page.title': 'サロン モデレーション | Yorisoi',
    app: 'Yorisoi サロン モデレーション',
    'signin.heading': 'モデレーターのサインイン',
    'forbidden.heading': 'このページはモデレーターとスーパーバイザー用です',
    'forbidden.body': 'このアカウントではサロンのモデレーションを使えません。',
    'presence.open': '接続中（当番中の部屋は開いています）',
    'duty.start': '当番開始（音オン）',
    'duty.on': '当番中（音オン）',
    'rooms.heading': '部屋',
    'rooms.empty': '部屋はまだありません。',
    'rooms.present': '{n}人',
    'rooms.held': '保留 {n}',
    'rooms.new': '新着 {n}',
    'av.open': '開いています',
    'av.closed': '閉じています',
    'av.outside_hours': '時間外',
    'av.no_moderator': 'モデレーター不在',
    'st.paused': '一時停止中',
    'st.slow': 'ゆっくり {n}秒',
    'st.premod': '最初の{n}件を確認',
    'room.none': '左の一覧から部屋を選んでください。',
    'room.present': 'いる人: {names}',
    'room.nobody': 'いまはだれもいません',
    'controls.label': '部屋の操作',
    'controls.open': '部屋を開ける',
    'controls.close': '部屋を閉じる',
    'controls.pause': '一時停止',
    'controls.resume': '再開する',
    'controls.slow': 'ゆっくりモード',
    'controls.slowOff': 'なし',
    'controls.edit': '設定を編集',
    'controls.done': '変更しました。',
    'pin.label': 'お知らせ（部屋の上に固定）',
    'pin.save': '固定する',
    'pin.clear': '外す',
    'log.label': '{room} のメッセージ',
    'log.empty': 'まだメッセージはありません。',
    'log.hidden': '非表示にしました',
    'log.hiddenBody': '（非表示。本文は残っていません）',
    'log.masked': '連絡先を伏せ字にしました',
    'log.staff': 'スタッフ',
    'act.hide': '非表示',
    'act.warn': '注意',
    'act.mute': 'ミュート',
    'act.remove': '退出',
    'act.ban': 'BAN',
    'act.of': '{name}: {action}',
    'act.hideOf': '{name} のメッセージを非表示',
    'action.hide': 'メッセージを非表示にする',
    'action.warn': '注意する',
    'action.mute': 'ミュートする',
    'action.unmute': 'ミュートを解除する',
    'action.remove': '部屋から退出させる',
    'action.ban': 'BANする（すべての部屋）',
    'action.lift': 'BANを解除する',
    'action.resolve': '通報を対応済みにする',
    'action.reject': '投稿を却下する',
    'action.message': '参加者に届くことば',
    'action.minutes': '時間（分）',
    'action.hours': '期間（時間）',
    'action.reason': '理由（記録に残ります）',
    'action.reasonShown': '理由（参加者にも表示されます）',
    'action.resolution': '対応の内容（記録に残ります）',
    'action.cancel': 'やめる',
    'action.needReason': '理由を入力してください。',
    'action.needMessage': '参加者に届くことばを入力してください。',
    'action.needDuration': '正しい時間を入力してください。',
    'action.failed': 'できませんでした: {message}',
    'action.warnDefault': 'サロンのきまりを、もう一度読んでください。みんなが安心して話せるように、協力をお願いします。',
    'composer.label': 'スタッフとして書きこむ',
    'composer.placeholder': 'スタッフとして書きこむ（Enterで送信、Shift+Enterで改行）',
    'composer.send': '送信',
    'composer.failed': '送れませんでした: {message}',
    'queues.label': 'キュー',
    'tab.held': '保留',
    'tab.alerts': '要注意',
    'tab.reports': '通報',
    'tab.bans': 'BAN',
    'tab.audit': '記録',
    'held.empty': '確認を待っている投稿はありません。',
    'held.first_messages': '最初の投稿',
    'held.rules': 'ルールで保留',
    'held.approve': '承認',
    'held.reject': '却下',
    'held.approveOf': '{name} の投稿を承認',
    'held.rejectOf': '{name} の投稿を却下',
    'held.decided': '他のモデレーターが対応済みです。',
    'alerts.intro': 'つらさや危険を示す投稿です。部屋には表示されず、書いた人には相談窓口を案内しています。',
    'alerts.empty': 'いまはありません。',
    'alerts.seen': '確認した',
    'alerts.banner': '要注意の投稿: {room}（{categories}）',
    'alerts.open': '見る',
    'alerts.dismiss': '確認した',
    'reports.empty': '未対応の通報はありません。',
    'reports.resolve': '対応済みにする',
    'reports.by': '通報の理由: {reason}',
    'reports.note': 'ひとこと: {note}',
    'reason.harassment': 'いやがらせ・悪口',
    'reason.contact': '連絡先・個人情報',
    'reason.sexual': '性的な内容',
    'reason.worried': '書いた人が心配',
    'reason.spam': '宣伝・くり返し',
    'reason.other': 'その他',
    'bans.empty': '有効なBANはありません。',
    'bans.until': '{time} まで',
    'bans.lift': '解除',
    'bans.liftOf': '{names} のBANを解除',
    'bans.lifted': 'BANを解除しました。',
    'audit.reload': '再読み込み',
    'audit.failed': '記録を読み込めませんでした: {message}',
    'audit.you': 'あなた',
    'settings.heading': '部屋の設定',
    'settings.title': '部屋の名前',
    'settings.sort': '並び順',
    'settings.topic': '話題',
    'settings.rules': 'きまり（参加前に表示）',
    'settings.capacity': '定員',
    'settings.premod': '最初に確認する件数',
    'settings.slow': 'ゆっくりモード（秒）',
    'settings.requires': 'モデレーターがいるときだけ開く',
    'settings.schedule': '開く時間（1行に1つ。例: wed 15:00-20:00。空欄: いつでも）',
    'settings.scheduleHint': '曜日は mon tue wed thu fri sat sun（月火水木金土日でも可）。時間は日本時間です。',
    'settings.holidays': '祝日は休み',
    'settings.save': '保存する',
    'settings.badLine': '開く時間の {n} 行目が読めません: 「{line}」',
    'settings.saved': '設定を保存しました。',
    'cat.self_harm': '自傷・希死念慮',
    'cat.abuse': '虐待',
    'cat.contact': '連絡先',
    'cat.personal_info': '個人情報',
    'cat.sexual': '性的',
    'cat.harassment': 'いやがらせ',
    'cat.violence': '暴力',
    'cat.grooming': 'グルーミング',
    'cat.url': 'リンク',
    'cat.spam': 'スパム',
    'sev.critical': '緊急',
    'sev.high': '高',
    'sev.medium': '中',
    'sev.low': '低',
    'sev.info': '情報',
    'review.obfuscated': '崩した書き方あり',
    'review.learned': '学習モデルによる推定',
  },
  en: {
    ...STAFF_DICT.en,
    ...MOD_CASES_DICT.en,
    'page.title': 'Salon moderation | Yorisoi',
    app: 'Yorisoi salon moderation',
    'signin.heading': 'Moderator sign-in',
    'forbidden.heading': 'This page is for moderators and supervisors',
    'forbidden.body': 'This account cannot moderate the salon.',
    'presence.open': 'Connected (rooms you are on duty for stay open)',
    'duty.start': 'Start duty (sound on)',
    'duty.on': 'On duty (sound on)',
    'rooms.heading': 'Rooms',
    'rooms.empty': 'No rooms yet.',
    'rooms.present': '{n} here',
    'rooms.held': '{n} held',
    'rooms.new': '{n} new',
    'av.open': 'Open',
    'av.closed': 'Closed',
    'av.outside_hours': 'Outside hours',
    'av.no_moderator': 'No moderator',
    'st.paused': 'Paused',
    'st.slow': 'Slow {n}s',
    'st.premod': 'First {n} reviewed',
    'room.none': 'Choose a room on the left.',
    'room.present': 'Here: {names}',
    'room.nobody': 'Nobody is here now',
    'controls.label': 'Room controls',
    'controls.open': 'Open the room',
    'controls.close': 'Close the room',
    'controls.pause': 'Pause',
    'controls.resume': 'Resume',
    'controls.slow': 'Slow mode',
    'controls.slowOff': 'Off',
    'controls.edit': 'Edit settings',
    'controls.done': 'Changed.',
    'pin.label': 'Announcement (pinned above the room)',
    'pin.save': 'Pin',
    'pin.clear': 'Unpin',
    'log.label': 'Messages in {room}',
    'log.empty': 'No messages yet.',
    'log.hidden': 'Hidden',
    'log.hiddenBody': '(hidden; the text is not kept)',
    'log.masked': 'Contact details masked',
    'log.staff': 'Staff',
    'act.hide': 'Hide',
    'act.warn': 'Warn',
    'act.mute': 'Mute',
    'act.remove': 'Remove',
    'act.ban': 'Ban',
    'act.of': '{name}: {action}',
    'act.hideOf': "Hide {name}'s message",
    'action.hide': 'Hide the message',
    'action.warn': 'Warn',
    'action.mute': 'Mute',
    'action.unmute': 'Lift the mute',
    'action.remove': 'Remove from the room',
    'action.ban': 'Ban (every room)',
    'action.lift': 'Lift the ban',
    'action.resolve': 'Resolve the report',
    'action.reject': 'Reject the post',
    'action.message': 'What the participant reads',
    'action.minutes': 'How long (minutes)',
    'action.hours': 'How long (hours)',
    'action.reason': 'Reason (kept in the audit log)',
    'action.reasonShown': 'Reason (the participant sees it too)',
    'action.resolution': 'What was done (kept in the audit log)',
    'action.cancel': 'Cancel',
    'action.needReason': 'Please give a reason.',
    'action.needMessage': 'Please write what the participant reads.',
    'action.needDuration': 'Please enter a valid duration.',
    'action.failed': 'Could not do it: {message}',
    'action.warnDefault': 'Please read the salon rules again, so everyone can talk safely. Thank you.',
    'composer.label': 'Write as staff',
    'composer.placeholder': 'Write as staff (Enter sends, Shift+Enter for a new line)',
    'composer.send': 'Send',
    'composer.failed': 'Not sent: {message}',
    'queues.label': 'Queues',
    'tab.held': 'Held',
    'tab.alerts': 'Alerts',
    'tab.reports': 'Reports',
    'tab.bans': 'Bans',
    'tab.audit': 'Audit',
    'held.empty': 'Nothing is waiting.',
    'held.first_messages': 'First messages',
    'held.rules': 'Held by the rules',
    'held.approve': 'Approve',
    'held.reject': 'Reject',
    'held.approveOf': "Approve {name}'s post",
    'held.rejectOf': "Reject {name}'s post",
    'held.decided': 'Another moderator has dealt with this.',
    'alerts.intro': 'Posts that signal distress or danger. They are not shown in the room; the writer was shown where to get help.',
    'alerts.empty': 'None right now.',
    'alerts.seen': 'Seen',
    'alerts.banner': 'Needs attention: {room} ({categories})',
    'alerts.open': 'Look',
    'alerts.dismiss': 'Seen',
    'reports.empty': 'No open reports.',
    'reports.resolve': 'Resolve',
    'reports.by': 'Reported for: {reason}',
    'reports.note': 'Note: {note}',
    'reason.harassment': 'Harassment',
    'reason.contact': 'Contact or personal details',
    'reason.sexual': 'Sexual content',
    'reason.worried': 'Worried about the writer',
    'reason.spam': 'Spam or repetition',
    'reason.other': 'Other',
    'bans.empty': 'No bans in force.',
    'bans.until': 'Until {time}',
    'bans.lift': 'Lift',
    'bans.liftOf': 'Lift the ban on {names}',
    'bans.lifted': 'The ban was lifted.',
    'audit.reload': 'Reload',
    'audit.failed': 'Could not load the log: {message}',
    'audit.you': 'You',
    'settings.heading': 'Room settings',
    'settings.title': 'Name',
    'settings.sort': 'Order',
    'settings.topic': 'Topic',
    'settings.rules': 'Rules (shown before joining)',
    'settings.capacity': 'Capacity',
    'settings.premod': 'First messages reviewed',
    'settings.slow': 'Slow mode (seconds)',
    'settings.requires': 'Open only while a moderator is on duty',
    'settings.schedule': 'Opening hours (one per line, e.g. wed 15:00-20:00; empty: any time)',
    'settings.scheduleHint': 'Days: mon tue wed thu fri sat sun. Times are Japan time.',
    'settings.holidays': 'Closed on public holidays',
    'settings.save': 'Save',
    'settings.badLine': 'Cannot read line {n} of the hours: “{line}”',
    'settings.saved': 'Settings saved.',
    'cat.self_harm': 'Self-harm',
    'cat.abuse': 'Abuse',
    'cat.contact': 'Contact details',
    'cat.personal_info': 'Personal info',
    'cat.sexual': 'Sexual',
    'cat.harassment': 'Harassment',
    'cat.violence': 'Violence',
    'cat.grooming': 'Grooming',
    'cat.url': 'Link',
    'cat.spam': 'Spam',
    'sev.critical': 'Critical',
    'sev.high': 'High',
    'sev.medium': 'Medium',
    'sev.low': 'Low',
    'sev.info': 'Info',
    'review.obfuscated': 'Disguised spelling',
    'review.learned': 'Estimated by the learned model',
  },
};

const $ = (id) => document.getElementById(id);
const i18n = createI18n(dict, () => rerender());
const t = i18n.t;
const { api, setCsrf } = createStaffApi({ onUnauthorized: () => sessionEnded() });
const errorMessage = createErrorMessage(t);

const state = {
  account: null,
  rooms: [], // StaffRoomView, in order
  selected: null,
  logs: new Map(), // room id -> {seq, ol, entries: Map seq -> entry, unread}
  held: new Map(), // post id -> HeldView
  alerts: new Map(), // post id -> SalonAlert (unseen first)
  reports: new Map(), // report id -> Report
  audio: null,
  duty: false,
  alertTimer: null,
  banners: new Map(), // post id -> alert waiting for "seen"
  pendingPost: null, // {id, body} of the staff message being sent
  action: null, // what the action dialog will do
  connection: 0, // counts `ready` frames: which connection followed each room
};

let socket = null;

// Escalation: the 「つなぐ」 form and the 「ケース」 panel (web/moderation/cases.js).
const desk = createCaseDesk({
  api,
  t,
  i18n,
  account: () => state.account,
  roomEntries: (roomId) => {
    const log = state.logs.get(roomId);
    return log ? [...log.entries.values()].sort((a, b) => a.seq - b.seq) : [];
  },
  formatTime: (at) => formatClock(new Date(at), i18n.lang),
  errorMessage,
  cue: (kind) => state.duty && beep(state.audio, kind),
  onEscalated: (postId) => {
    for (const li of document.querySelectorAll(`#alert-list [data-post-id="${CSS.escape(postId)}"], #held-list [data-post-id="${CSS.escape(postId)}"]`)) {
      if (!li.querySelector('.escalated')) li.append(escalatedNote());
    }
  },
});

function escalatedNote() {
  return el('p', 'escalated', t('esc.escalated'));
}

/** The 「つなぐ」 button of a member's post, and the note once this page made a case of it. */
function escalateButton(post) {
  return button(t('esc.open'), 'secondary escalate', () => desk.openFor(post), t('esc.openOf', { name: post.nickname }));
}

// ---------------------------------------------------------------- helpers

function button(text, className, onClick, label) {
  const b = el('button', className, text);
  b.type = 'button';
  if (label) b.setAttribute('aria-label', label);
  b.addEventListener('click', onClick);
  return b;
}

function known(key, fallback) {
  const text = t(key);
  return text === key ? fallback : text;
}

const catName = (c) => known(`cat.${c}`, c);
const roomTitle = (id) => state.rooms.find((r) => r.id === id)?.title || id;
const stamp = (at) => formatStamp(new Date(at), i18n.lang);

// ---------------------------------------------------------------- sign-in and views

function showView(name) {
  showStaffView(name, ['presence', 'duty']);
}

async function signedIn(body) {
  state.account = body.account;
  setCsrf(body.csrf_token);
  $('who').textContent = body.account.display_name;
  if (!['moderator', 'supervisor'].includes(body.account.role)) {
    showView('forbidden');
    return;
  }
  showView('app');
  if (!socket) {
    socket = new ReconnectingSocket('/ws/moderator', { onFrame: handle, onState: renderPresence });
  }
  socket.start();
}

/** Forgets the account and everything shown for it: back to the sign-in view. */
function reset() {
  socket?.stop();
  socket = null;
  state.account = null;
  setCsrf(null);
  state.rooms = [];
  state.selected = null;
  state.logs.clear();
  state.held.clear();
  state.alerts.clear();
  state.reports.clear();
  state.banners.clear();
  $('logs').replaceChildren();
  renderBanners();
  desk.reset();
  showView('signin');
}

const { sessionEnded, renderPresence } = wireSession({ api, t, onSignedIn: signedIn, signedIn: () => !!state.account, reset });

$('duty').addEventListener('click', async () => {
  state.audio = await unlockAudio(state.audio);
  state.duty = true;
  $('duty').textContent = t('duty.on');
  $('duty').classList.add('on');
  $('duty').setAttribute('aria-pressed', 'true');
  beep(state.audio, 1);
});

// ---------------------------------------------------------------- frames

function handle(frame) {
  switch (frame.type) {
    case 'ready':
      return onReady(frame);
    case 'rooms':
      return onRooms(frame.rooms);
    case 'entry':
      return onEntry(frame);
    case 'reactions':
      return onReactions(frame);
    case 'presence':
      return onPresence(frame);
    case 'held':
      state.held.set(frame.post.post_id, frame.post);
      renderHeld();
      renderRoomList();
      if (state.duty) beep(state.audio, 1);
      return undefined;
    case 'decided':
      state.held.delete(frame.post_id);
      renderHeld();
      renderRoomList();
      return undefined;
    case 'reported':
      state.reports.set(frame.report.id, frame.report);
      renderReports();
      if (state.duty) beep(state.audio, 1);
      return undefined;
    case 'report_resolved':
      state.reports.delete(frame.report_id);
      renderReports();
      return undefined;
    case 'alert':
      return onAlert(frame);
    case 'case':
    case 'cases':
      return desk.onFrame(frame);
    case 'error':
      if (frame.code === 'session_ended') sessionEnded();
      return undefined;
    default:
      return undefined;
  }
}

function onReady(frame) {
  state.account = frame.account || state.account;
  state.held = new Map((frame.held || []).map((p) => [p.post_id, p]));
  state.reports = new Map((frame.reports || []).map((r) => [r.id, r]));
  // Earlier alerts are listed without sounding again; ones not yet seen on this page stay unseen.
  const unseen = new Set([...state.alerts.values()].filter((a) => !a.seen).map((a) => a.post_id));
  state.alerts = new Map((frame.withheld || []).map((p) => [p.post_id, { ...p, seen: !unseen.has(p.post_id) }]));
  // A new connection follows every room again, from what this page has.
  state.connection += 1;
  onRooms(frame.rooms || []);
  renderHeld();
  renderAlertList();
  renderReports();
  // Cases over HTTP; their changes come on this socket from now on.
  desk.start();
}

/** Follows every room's log from what this page already has (0: the whole log). */
function onRooms(rooms) {
  state.rooms = rooms;
  for (const room of rooms) {
    let log = state.logs.get(room.id);
    if (!log) {
      const ol = el('ol', 'log mod-log');
      ol.setAttribute('role', 'log');
      ol.setAttribute('aria-live', 'polite');
      ol.setAttribute('aria-relevant', 'additions');
      ol.dataset.roomId = room.id;
      ol.hidden = true;
      $('logs').append(ol);
      log = { seq: 0, ol, entries: new Map(), unread: 0, connection: 0 };
      state.logs.set(room.id, log);
    }
    if (log.connection !== state.connection && socket?.send({ type: 'open', room_id: room.id, after_seq: log.seq })) {
      log.connection = state.connection;
    }
  }
  for (const [id, log] of state.logs) {
    if (!rooms.some((r) => r.id === id)) {
      log.ol.remove();
      state.logs.delete(id);
    }
  }
  if (state.selected && !rooms.some((r) => r.id === state.selected)) state.selected = null;
  if (!state.selected && rooms.length) selectRoom(rooms[0].id, false);
  renderRoomList();
  renderRoom();
}

function onEntry(entry) {
  const log = state.logs.get(entry.room_id);
  if (!log) return;
  if (entry.seq <= log.seq && log.entries.has(entry.seq)) return;
  if (entry.seq > log.seq) log.seq = entry.seq;
  if (entry.kind === 'hide') {
    const target = log.entries.get(entry.target_seq);
    if (target) {
      target.hidden = true;
      renderEntry(log, target);
    }
    return;
  }
  log.entries.set(entry.seq, entry);
  renderEntry(log, entry);
  if (entry.room_id !== state.selected) {
    log.unread += 1;
    renderRoomList();
  } else {
    scrollLog(log);
  }
}

function onReactions(frame) {
  const log = state.logs.get(frame.room_id);
  const entry = log?.entries.get(frame.seq);
  if (!entry) return;
  entry.reactions = frame.counts;
  renderEntry(log, entry);
}

function onPresence(frame) {
  const room = state.rooms.find((r) => r.id === frame.room_id);
  if (!room) return;
  room.present = frame.present || [];
  renderRoomList();
  if (frame.room_id === state.selected) renderRoom();
}

function onAlert(alert) {
  state.alerts.set(alert.post_id, { ...alert, seen: false });
  state.banners.set(alert.post_id, alert);
  renderAlertList();
  renderBanners();
  if (state.duty) beep(state.audio, 2);
  startAlertSound();
}

// ---------------------------------------------------------------- alerts (sound and banner)

function startAlertSound() {
  if (state.alertTimer) return;
  state.alertTimer = setInterval(() => {
    if (!state.banners.size) {
      clearInterval(state.alertTimer);
      state.alertTimer = null;
      return;
    }
    if (state.duty) beep(state.audio, 2);
  }, ALERT_REPEAT_MS);
}

function renderBanners() {
  const box = $('alerts');
  box.replaceChildren(
    ...[...state.banners.values()].map((alert) => {
      const row = el('div', 'alert');
      row.dataset.postId = alert.post_id;
      row.append(el('span', 'alert-level', known(`sev.${alert.severity}`, alert.severity || '!')));
      const categories = (alert.categories || []).map(catName).join('、');
      row.append(el('span', 'alert-text', t('alerts.banner', { room: roomTitle(alert.room_id), categories })));
      row.append(
        button(t('alerts.open'), 'secondary', () => {
          selectTab('alerts');
          document.querySelector(`#alert-list [data-post-id="${CSS.escape(alert.post_id)}"] button`)?.focus();
        }),
      );
      row.append(button(t('alerts.dismiss'), 'secondary', () => markAlertSeen(alert.post_id)));
      return row;
    }),
  );
  document.body.dataset.alert = state.banners.size ? 'yes' : 'no';
  document.title = (state.banners.size ? '⚠ ' : '') + t('page.title');
}

function markAlertSeen(postId) {
  state.banners.delete(postId);
  const alert = state.alerts.get(postId);
  if (alert) alert.seen = true;
  renderBanners();
  renderAlertList();
}

// ---------------------------------------------------------------- rooms

function availabilityLabel(room) {
  return t(`av.${room.availability}`);
}

function renderRoomList() {
  const list = $('room-list');
  $('rooms-empty').hidden = state.rooms.length > 0;
  list.replaceChildren(
    ...state.rooms.map((room) => {
      const li = el('li');
      const b = el('button', 'room-item');
      b.type = 'button';
      b.dataset.roomId = room.id;
      if (room.id === state.selected) b.setAttribute('aria-current', 'true');
      const top = el('span', 'ri-top');
      top.append(el('span', 'ri-name', room.title));
      top.append(el('span', `badge av-${room.availability}`, availabilityLabel(room)));
      b.append(top);
      const sub = [];
      sub.push(t('rooms.present', { n: (room.present || []).length }));
      if (room.paused) sub.push(t('st.paused'));
      if (room.slow_mode_seconds) sub.push(t('st.slow', { n: room.slow_mode_seconds }));
      const held = [...state.held.values()].filter((p) => p.room_id === room.id).length;
      if (held) sub.push(t('rooms.held', { n: held }));
      const unread = state.logs.get(room.id)?.unread || 0;
      if (unread) sub.push(t('rooms.new', { n: unread }));
      b.append(el('span', 'ri-sub', sub.join(' · ')));
      b.addEventListener('click', () => selectRoom(room.id, true));
      li.append(b);
      return li;
    }),
  );
}

function selectRoom(id, focus) {
  state.selected = id;
  const log = state.logs.get(id);
  if (log) log.unread = 0;
  for (const [roomId, l] of state.logs) l.ol.hidden = roomId !== id;
  renderRoomList();
  renderRoom();
  if (log) scrollLog(log);
  if (focus) $('room-heading').focus();
}

function renderRoom() {
  const room = state.rooms.find((r) => r.id === state.selected);
  $('room-none').hidden = !!room;
  $('room').hidden = !room;
  if (!room) return;
  const heading = $('room-heading');
  heading.textContent = room.title;
  heading.tabIndex = -1;
  const bits = [availabilityLabel(room)];
  if (room.paused) bits.push(t('st.paused'));
  if (room.slow_mode_seconds) bits.push(t('st.slow', { n: room.slow_mode_seconds }));
  if (room.premoderate_first) bits.push(t('st.premod', { n: room.premoderate_first }));
  $('room-state').textContent = bits.join(' · ');
  const present = room.present || [];
  $('room-present').textContent = present.length ? t('room.present', { names: present.join('、') }) : t('room.nobody');
  $('ctl-open').textContent = room.is_open ? t('controls.close') : t('controls.open');
  $('ctl-open').className = room.is_open ? 'secondary' : 'primary';
  $('ctl-pause').textContent = room.paused ? t('controls.resume') : t('controls.pause');
  const slow = $('ctl-slow');
  if (![...slow.options].some((o) => Number(o.value) === room.slow_mode_seconds)) {
    slow.append(new Option(`${room.slow_mode_seconds}`, String(room.slow_mode_seconds)));
  }
  slow.value = String(room.slow_mode_seconds);
  if (document.activeElement !== $('pin-input')) $('pin-input').value = room.pinned || '';
  const log = state.logs.get(room.id);
  if (log) log.ol.setAttribute('aria-label', t('log.label', { room: room.title }));
}

async function control(change) {
  const room = state.selected;
  const msg = $('room-msg');
  msg.textContent = '';
  const result = await api('PATCH', `/api/moderation/rooms/${encodeURIComponent(room)}`, change);
  msg.textContent = result.ok ? t('controls.done') : t('action.failed', { message: errorMessage(result) });
  if (result.ok) setTimeout(() => msg.textContent === t('controls.done') && (msg.textContent = ''), 3_000);
}

$('ctl-open').addEventListener('click', () => {
  const room = state.rooms.find((r) => r.id === state.selected);
  if (room) control({ open: !room.is_open });
});
$('ctl-pause').addEventListener('click', () => {
  const room = state.rooms.find((r) => r.id === state.selected);
  if (room) control({ paused: !room.paused });
});
$('ctl-slow').addEventListener('change', () => control({ slow_mode_seconds: Number($('ctl-slow').value) }));
$('pin-form').addEventListener('submit', (event) => {
  event.preventDefault();
  control({ pinned: $('pin-input').value });
});
$('pin-clear').addEventListener('click', () => {
  $('pin-input').value = '';
  control({ pinned: '' });
});

// ---------------------------------------------------------------- the log

function renderEntry(log, entry) {
  let li = log.ol.querySelector(`[data-seq="${entry.seq}"]`);
  const fresh = !li;
  if (fresh) {
    li = el('li', 'bubble');
    li.dataset.seq = String(entry.seq);
  }
  li.className = `bubble${entry.moderator ? ' bubble-mod' : ''}${entry.hidden ? ' bubble-hidden' : ''}`;
  const who = el('p', 'who');
  who.append(el('span', 'nick', entry.nickname));
  if (entry.moderator) who.append(el('span', 'tag staff-tag', t('log.staff')));
  who.append(el('span', 'meta-time', ` ${formatClock(new Date(entry.at), i18n.lang)} · #${entry.seq}`));
  const body = el('p', 'body', entry.hidden && !entry.body ? t('log.hiddenBody') : entry.body);
  const parts = [who, body];
  const notes = [];
  if (entry.hidden) notes.push(t('log.hidden'));
  if (entry.masked) notes.push(t('log.masked'));
  const counts = Object.entries(entry.reactions || {}).filter(([, n]) => n > 0);
  if (counts.length) notes.push(counts.map(([e, n]) => `${e}${n}`).join(' '));
  if (notes.length) parts.push(el('p', 'entry-notes', notes.join(' · ')));
  if (!entry.moderator && !entry.hidden) parts.push(messageActions(entry));
  else if (!entry.moderator && entry.member_id) parts.push(memberActions(entry.member_id, entry.nickname, entry.room_id));
  li.replaceChildren(...parts);
  if (fresh) {
    let before = null;
    for (const node of log.ol.children) {
      if (Number(node.dataset.seq) > entry.seq) {
        before = node;
        break;
      }
    }
    log.ol.insertBefore(li, before);
  }
}

function messageActions(entry) {
  const row = memberActions(entry.member_id, entry.nickname, entry.room_id);
  row.prepend(
    button(t('act.hide'), 'secondary act', () => openAction({ kind: 'hide', room: entry.room_id, seq: entry.seq, nickname: entry.nickname, body: entry.body }), t('act.hideOf', { name: entry.nickname })),
  );
  return row;
}

function memberActions(memberId, nickname, roomId, body = '') {
  const row = el('div', 'actions-row');
  if (!memberId) return row;
  for (const kind of ['warn', 'mute', 'remove', 'ban']) {
    row.append(
      button(t(`act.${kind}`), kind === 'ban' ? 'danger act' : 'secondary act', () => openAction({ kind, memberId, nickname, room: roomId, body }), t('act.of', { name: nickname, action: t(`act.${kind}`) })),
    );
  }
  return row;
}

function scrollLog(log) {
  requestAnimationFrame(() => {
    log.ol.scrollTop = log.ol.scrollHeight;
  });
}

// Staff messages: the same client_msg_id on a retry, so nothing is posted twice.
$('composer').addEventListener('submit', (event) => {
  event.preventDefault();
  postAsStaff();
});
$('input').addEventListener('keydown', (event) => {
  if (!enterSends(event)) return;
  event.preventDefault();
  postAsStaff();
});

async function postAsStaff() {
  const input = $('input');
  const body = input.value.trim();
  const room = state.selected;
  if (!body || !room) return;
  if (!state.pendingPost || state.pendingPost.body !== body || state.pendingPost.room !== room) {
    state.pendingPost = { id: newId(), body, room };
  }
  const { id } = state.pendingPost;
  $('composer-msg').textContent = '';
  const result = await api('POST', `/api/moderation/rooms/${encodeURIComponent(room)}/messages`, { client_msg_id: id, body });
  if (result.ok) {
    state.pendingPost = null;
    if (input.value.trim() === body) input.value = '';
    input.focus();
    return;
  }
  $('composer-msg').textContent = t('composer.failed', { message: errorMessage(result) });
}

// ---------------------------------------------------------------- queues

function bodyWithSpans(post) {
  const p = el('p', 'body');
  p.append(highlighted(post.body, post.review?.spans || [], catName));
  return p;
}

function postHead(post) {
  const head = el('p', 'q-head');
  head.append(el('span', 'q-room', roomTitle(post.room_id)));
  head.append(el('span', 'q-nick', post.nickname));
  head.append(el('span', 'q-time muted', stamp(post.at)));
  return head;
}

function reviewLine(post) {
  const bits = [];
  if (post.hold_reason) bits.push(t(`held.${post.hold_reason}`));
  const review = post.review;
  if (review?.categories?.length) bits.push(review.categories.map(catName).join('、'));
  if (review?.severity) bits.push(known(`sev.${review.severity}`, review.severity));
  // A disguised spelling (full-width letters, spacing, look-alikes) is itself a signal.
  if (review?.obfuscated) bits.push(t('review.obfuscated'));
  // No rule matched: the classifier's learned model guessed, so a person's look matters more.
  if (review?.spans?.some((s) => s.rule.startsWith('model.'))) bits.push(t('review.learned'));
  return el('p', 'q-review', bits.join(' · '));
}

function renderHeld() {
  const items = [...state.held.values()].sort((a, b) => a.at.localeCompare(b.at));
  $('count-held').textContent = items.length ? String(items.length) : '';
  $('held-empty').hidden = items.length > 0;
  $('held-list').replaceChildren(
    ...items.map((post) => {
      const li = el('li', 'q-item');
      li.dataset.postId = post.post_id;
      li.append(postHead(post), reviewLine(post), bodyWithSpans(post));
      const row = el('div', 'actions-row');
      row.append(
        button(t('held.approve'), 'primary', () => decide(post, true, li), t('held.approveOf', { name: post.nickname })),
        button(t('held.reject'), 'secondary', () => decide(post, false, li), t('held.rejectOf', { name: post.nickname })),
      );
      const more = memberActions(post.member_id, post.nickname, post.room_id, post.body);
      if (desk.escalatable(post.review?.categories)) more.prepend(escalateButton(post));
      li.append(row, more);
      if (desk.escalated(post.post_id)) li.append(escalatedNote());
      return li;
    }),
  );
}

async function decide(post, approve, li) {
  for (const b of li.querySelectorAll('button')) b.disabled = true;
  const result = await api('POST', `/api/moderation/held/${encodeURIComponent(post.post_id)}/${approve ? 'approve' : 'reject'}`, {});
  if (result.ok || result.error?.code === 'already_decided' || result.status === 409) {
    state.held.delete(post.post_id);
    renderHeld();
    renderRoomList();
    return;
  }
  for (const b of li.querySelectorAll('button')) b.disabled = false;
  let note = li.querySelector('.note');
  if (!note) {
    note = el('p', 'note');
    li.append(note);
  }
  note.textContent = t('action.failed', { message: errorMessage(result) });
}

function renderAlertList() {
  const items = [...state.alerts.values()].sort((a, b) => (a.seen === b.seen ? b.at.localeCompare(a.at) : a.seen ? 1 : -1));
  const unseen = items.filter((a) => !a.seen).length;
  $('count-alerts').textContent = unseen ? String(unseen) : items.length ? `(${items.length})` : '';
  $('tab-alerts').classList.toggle('urgent', unseen > 0);
  $('alerts-empty').hidden = items.length > 0;
  $('alert-list').replaceChildren(
    ...items.map((post) => {
      const li = el('li', `q-item alert-item${post.seen ? '' : ' unseen'}`);
      li.dataset.postId = post.post_id;
      li.append(postHead(post), reviewLine({ ...post, review: post.review || { categories: post.categories, severity: post.severity } }), bodyWithSpans(post));
      const row = memberActions(post.member_id, post.nickname, post.room_id, post.body);
      row.prepend(escalateButton(post));
      if (!post.seen) row.prepend(button(t('alerts.seen'), 'primary', () => markAlertSeen(post.post_id)));
      li.append(row);
      if (desk.escalated(post.post_id)) li.append(escalatedNote());
      return li;
    }),
  );
}

function renderReports() {
  const items = [...state.reports.values()].sort((a, b) => b.created_at.localeCompare(a.created_at));
  $('count-reports').textContent = items.length ? String(items.length) : '';
  $('reports-empty').hidden = items.length > 0;
  $('report-list').replaceChildren(
    ...items.map((report) => {
      const li = el('li', 'q-item');
      li.dataset.reportId = report.id;
      li.append(postHead({ room_id: report.room_id, nickname: report.nickname, at: report.created_at }));
      li.append(el('p', 'q-review', t('reports.by', { reason: known(`reason.${report.reason}`, report.reason) })));
      if (report.note) li.append(el('p', 'q-note', t('reports.note', { note: report.note })));
      li.append(el('p', 'body', report.body));
      const row = memberActions(report.member_id, report.nickname, report.room_id, report.body);
      row.prepend(
        button(t('reports.resolve'), 'primary', () => openAction({ kind: 'resolve', reportId: report.id, nickname: report.nickname, body: report.body })),
        button(t('act.hide'), 'secondary act', () => openAction({ kind: 'hide', room: report.room_id, seq: report.seq, nickname: report.nickname, body: report.body }), t('act.hideOf', { name: report.nickname })),
      );
      li.append(row);
      return li;
    }),
  );
}

async function loadBans() {
  const result = await api('GET', '/api/moderation/bans');
  const bans = result.ok ? result.data.bans || [] : [];
  $('bans-empty').hidden = bans.length > 0;
  if (!result.ok) $('bans-msg').textContent = t('action.failed', { message: errorMessage(result) });
  $('ban-list').replaceChildren(
    ...bans.map((ban) => {
      const li = el('li', 'q-item');
      li.dataset.banId = ban.id;
      const names = (ban.nicknames || []).join('、') || '—';
      li.append(el('p', 'q-head', names));
      li.append(el('p', 'q-review', t('bans.until', { time: stamp(ban.expires_at) })));
      li.append(el('p', 'body', ban.reason));
      const row = el('div', 'actions-row');
      row.append(button(t('bans.lift'), 'secondary', () => openAction({ kind: 'lift', banId: ban.id, nickname: names, body: ban.reason }), t('bans.liftOf', { names })));
      li.append(row);
      return li;
    }),
  );
}

async function loadAudit() {
  const result = await api('GET', '/api/moderation/audit?limit=200');
  $('audit-msg').textContent = result.ok ? '' : t('audit.failed', { message: errorMessage(result) });
  const entries = result.ok ? result.data.entries || [] : [];
  $('audit-list').replaceChildren(
    ...entries.map((entry) => {
      const li = el('li', 'audit-item');
      const who = entry.actor_id === state.account?.id
        ? t('audit.you')
        : entry.actor_name || (entry.actor_id ? entry.actor_id.slice(0, 8) : 'system');
      li.append(el('p', 'audit-head', `${stamp(entry.at)} · ${who} · ${entry.action}`));
      li.append(el('p', 'audit-subject muted', entry.subject));
      const reason = entry.detail?.reason;
      if (reason) li.append(el('p', 'audit-reason', reason));
      return li;
    }),
  );
}

$('audit-reload').addEventListener('click', loadAudit);

// ---------------------------------------------------------------- tabs

const TABS = ['held', 'alerts', 'reports', 'cases', 'bans', 'audit'];

function selectTab(name, focus = false) {
  for (const tab of TABS) {
    const selected = tab === name;
    const b = $(`tab-${tab}`);
    b.setAttribute('aria-selected', String(selected));
    b.tabIndex = selected ? 0 : -1;
    $(`panel-${tab}`).hidden = !selected;
  }
  if (focus) $(`tab-${name}`).focus();
  if (name === 'bans') loadBans();
  if (name === 'audit') loadAudit();
}

for (const tab of TABS) {
  const b = $(`tab-${tab}`);
  b.addEventListener('click', () => selectTab(tab));
  b.addEventListener('keydown', (event) => {
    const at = TABS.indexOf(tab);
    let next = null;
    if (event.key === 'ArrowRight') next = TABS[(at + 1) % TABS.length];
    if (event.key === 'ArrowLeft') next = TABS[(at + TABS.length - 1) % TABS.length];
    if (event.key === 'Home') next = TABS[0];
    if (event.key === 'End') next = TABS[TABS.length - 1];
    if (!next) return;
    event.preventDefault();
    selectTab(next, true);
  });
}

// ---------------------------------------------------------------- the action dialog (every action asks why)

const ACTIONS = {
  hide: { title: 'action.hide', reason: 'action.reason' },
  warn: { title: 'action.warn', reason: 'action.reason', message: true },
  mute: { title: 'action.mute', reason: 'action.reason', duration: 'action.minutes', default: 30, max: 1440 },
  remove: { title: 'action.remove', reason: 'action.reasonShown', duration: 'action.minutes', default: 60, max: 1440 },
  ban: { title: 'action.ban', reason: 'action.reasonShown', duration: 'action.hours', default: 24, max: 8760 },
  lift: { title: 'action.lift', reason: 'action.reason' },
  resolve: { title: 'action.resolve', reason: 'action.resolution' },
};

function openAction(action) {
  const spec = ACTIONS[action.kind];
  state.action = action;
  $('action-heading').textContent = t(spec.title);
  $('action-target').textContent = action.body ? `${action.nickname}: ${action.body}` : action.nickname || '';
  $('action-message-field').hidden = !spec.message;
  $('action-message').value = spec.message ? t('action.warnDefault') : '';
  $('action-duration-field').hidden = !spec.duration;
  if (spec.duration) {
    $('action-duration-label').textContent = t(spec.duration);
    $('action-duration').value = String(spec.default);
    $('action-duration').max = String(spec.max);
  }
  $('action-reason-label').textContent = t(spec.reason);
  $('action-reason').value = '';
  $('action-submit').textContent = t(spec.title);
  $('action-submit').className = ['ban', 'remove'].includes(action.kind) ? 'danger' : 'primary';
  $('action-msg').textContent = '';
  action.returnFocus = document.activeElement;
  $('action-dialog').showModal();
  $('action-reason').focus();
}

$('action-cancel').addEventListener('click', () => $('action-dialog').close());
$('action-dialog').addEventListener('close', () => {
  const back = state.action?.returnFocus;
  state.action = null;
  if (back?.isConnected) back.focus();
});

$('action-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const action = state.action;
  if (!action) return;
  const spec = ACTIONS[action.kind];
  const reason = $('action-reason').value.trim();
  const msg = $('action-msg');
  if (!reason) {
    msg.textContent = t('action.needReason');
    $('action-reason').focus();
    return;
  }
  const duration = Number($('action-duration').value);
  if (spec.duration && (!Number.isInteger(duration) || duration < 0 || duration > spec.max || (action.kind === 'ban' && duration < 1))) {
    msg.textContent = t('action.needDuration');
    $('action-duration').focus();
    return;
  }
  const message = $('action-message').value.trim();
  if (spec.message && !message) {
    msg.textContent = t('action.needMessage');
    $('action-message').focus();
    return;
  }
  let result;
  switch (action.kind) {
    case 'hide':
      result = await api('POST', `/api/moderation/rooms/${encodeURIComponent(action.room)}/messages/${action.seq}/hide`, { reason });
      break;
    case 'warn':
      result = await api('POST', `/api/moderation/members/${encodeURIComponent(action.memberId)}/actions`, { action: 'warn', message, reason });
      break;
    case 'mute':
    case 'remove':
      result = await api('POST', `/api/moderation/members/${encodeURIComponent(action.memberId)}/actions`, { action: action.kind, minutes: duration, reason });
      break;
    case 'ban':
      result = await api('POST', `/api/moderation/members/${encodeURIComponent(action.memberId)}/actions`, { action: 'ban', hours: duration, reason });
      break;
    case 'lift':
      result = await api('POST', `/api/moderation/bans/${encodeURIComponent(action.banId)}/lift`, { reason });
      break;
    case 'resolve':
      result = await api('POST', `/api/moderation/reports/${encodeURIComponent(action.reportId)}/resolve`, { resolution: reason });
      break;
    default:
      return;
  }
  if (!result.ok) {
    msg.textContent = t('action.failed', { message: errorMessage(result) });
    return;
  }
  if (action.kind === 'resolve') {
    state.reports.delete(action.reportId);
    renderReports();
  }
  $('action-dialog').close();
  if (action.kind === 'ban' || action.kind === 'lift') {
    if (!$('panel-bans').hidden) loadBans();
    if (action.kind === 'lift') $('bans-msg').textContent = t('bans.lifted');
  }
});

// ---------------------------------------------------------------- room settings

function scheduleText(schedule) {
  if (!schedule) return '';
  return (schedule.weekly || []).map((w) => `${w.day} ${w.start}-${w.end}`).join('\n');
}

/** Lines like "wed 15:00-20:00" (or 水 15:00〜20:00) into weekly windows; an error names the line. */
function parseSchedule(text) {
  const weekly = [];
  const lines = text.split('\n').map((l) => l.trim());
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line) continue;
    const m = /^(\S+?)\s*(\d{1,2}:\d{2})\s*[-–~〜～]\s*(\d{1,2}:\d{2})$/u.exec(line);
    const day = m ? (DAYS.includes(m[1].toLowerCase().slice(0, 3)) ? m[1].toLowerCase().slice(0, 3) : JA_DAYS[m[1][0]]) : null;
    if (!m || !day) return { error: t('settings.badLine', { n: i + 1, line }) };
    const pad = (s) => s.padStart(5, '0');
    weekly.push({ day, start: pad(m[2]), end: pad(m[3]) });
  }
  return { weekly };
}

$('ctl-edit').addEventListener('click', () => {
  const room = state.rooms.find((r) => r.id === state.selected);
  if (!room) return;
  $('set-title').value = room.title;
  $('set-sort').value = String(room.sort_order ?? 0);
  $('set-topic').value = room.topic;
  $('set-rules').value = room.rules;
  $('set-capacity').value = String(room.capacity);
  $('set-premod').value = String(room.premoderate_first);
  $('set-slow').value = String(room.slow_mode_seconds);
  $('set-requires').checked = room.requires_moderator;
  $('set-schedule').value = scheduleText(room.schedule);
  $('set-holidays').checked = !!room.schedule?.closed_on_public_holidays;
  $('settings-msg').textContent = '';
  $('settings-dialog').showModal();
  $('set-title').focus();
});

$('settings-cancel').addEventListener('click', () => $('settings-dialog').close());

$('settings-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const room = state.rooms.find((r) => r.id === state.selected);
  if (!room) return;
  const msg = $('settings-msg');
  const parsed = parseSchedule($('set-schedule').value);
  if (parsed.error) {
    msg.textContent = parsed.error;
    $('set-schedule').focus();
    return;
  }
  const schedule = parsed.weekly.length
    ? {
        weekly: parsed.weekly,
        exceptions: room.schedule?.exceptions || [],
        closed_on_public_holidays: $('set-holidays').checked,
        last_entry_minutes: room.schedule?.last_entry_minutes || 0,
      }
    : null;
  const input = {
    sort_order: Number($('set-sort').value) || 0,
    title: $('set-title').value,
    topic: $('set-topic').value,
    rules: $('set-rules').value,
    schedule,
    requires_moderator: $('set-requires').checked,
    capacity: Number($('set-capacity').value),
    premoderate_first: Number($('set-premod').value),
    slow_mode_seconds: Number($('set-slow').value),
  };
  const result = await api('PUT', `/api/moderation/rooms/${encodeURIComponent(room.id)}`, input);
  if (!result.ok) {
    msg.textContent = t('action.failed', { message: errorMessage(result) });
    return;
  }
  $('settings-dialog').close();
  $('room-msg').textContent = t('settings.saved');
});

// ---------------------------------------------------------------- language and start

function rerender() {
  if (!state.account) return;
  renderRoomList();
  renderRoom();
  for (const log of state.logs.values()) for (const entry of log.entries.values()) renderEntry(log, entry);
  renderHeld();
  renderAlertList();
  renderReports();
  renderBanners();
  desk.rerender();
  if (socket) renderPresence(socket.state);
  if (state.duty) $('duty').textContent = t('duty.on');
}

i18n.wireToggle(document.querySelector('[data-lang-toggle]'));
i18n.apply();

(async () => {
  const result = await api('GET', '/api/staff/session');
  if (result.ok) await signedIn(result.data);
  else showView('signin');
})();
