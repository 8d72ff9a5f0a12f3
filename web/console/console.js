// The staff console for counsellors and supervisors: queue (risk first),
// several chats, context panel, wrap-up, transfer, alerts. Follows
// docs/protocol.md (staff side). Everything from the server goes in with
// textContent, never as HTML.

import { createI18n } from '/assets/i18n.js';
import { formatClock, formatDayTime, formatStamp, tokyoDateKey } from '/assets/time.js';
import { ReconnectingSocket, newId, composing, enterSends } from '/assets/socket.js';
import { STAFF_DICT, createStaffApi, showStaffView, wireSession, unlockAudio, beep as beepOn } from '/assets/staff.js';
import { el } from '/assets/dom.js';
import { CONSOLE_CASES_DICT, createCaseDesk } from '/console/cases.js';
import { CONSOLE_NUDGE_DICT, createNudges } from '/console/nudge.js';

const ALERT_REPEAT_MS = 10_000;
const TYPING_EVERY_MS = 3_000;
const TYPING_IDLE_MS = 5_000;

const TOPICS = {
  ja: ['心の不調', '体・性', '学校・勉強', '友だち・人間関係', 'いじめ', '家族', '家族の世話', '自傷・希死念慮', '虐待の疑い', '進路・将来'],
  en: ['Mental health', 'Body and sexuality', 'School', 'Friends and relationships', 'Bullying', 'Family', 'Caring for family', 'Self-harm or suicidal thoughts', 'Suspected abuse', 'Future and career'],
};

const dict = {
  ja: {
    ...STAFF_DICT.ja,
    'page.title': '相談コンソール | Yorisoi',
    app: 'Yorisoi 相談コンソール',
    'signin.heading': '相談員のサインイン',
    'forbidden.heading': 'このページは相談員とスーパーバイザー用です',
    'forbidden.body': 'このアカウントでは相談コンソールを使えません。',
    'forbidden.moderation': 'サロンのモデレーションはこちら',
    'forbidden.partner': '連携先コンソールはこちら',
    'status.label': '状態',
    'status.available': '対応可能',
    'status.away': '離席',
    'capacity.label': '同時対応',
    'capacity.limit': '（上限 {n}）',
    'capacity.lowered': '管理者が同時対応の上限を {n} にしました。',
    'tag.return': '再来',
    'tag.returnHint': '前回と同じ相談員を希望して戻ってきた相談です',
    'shift.start': 'シフト開始',
    'shift.started': 'シフト中（音・通知オン）',
    'presence.open': '接続中',
    'help.title': 'ショートカット一覧',
    'help.move': '前・次の相談へ移動',
    'help.take': '待っている相談の先頭を取る',
    'help.end': 'この相談を終了（記録を開く）',
    'help.send': '送信（日本語の変換中は送信しません）',
    'help.newline': '改行',
    'help.canned': '入力欄が空のとき: 定型文を開く',
    'help.help': 'この一覧を開く',
    'help.esc': '一覧や定型文を閉じる',
    'help.close': '閉じる',
    'queue.heading': '待っている相談',
    'queue.empty': '待っている相談はありません。',
    'queue.take': '取る',
    'queue.waiting': '待ち {time}',
    'queue.requeued': '戻り',
    'queue.noRisk': '危険を示す言葉は見つかっていません',
    'queue.taken': '他の相談員が先に取りました。',
    'queue.capacity': '同時対応の上限に達しています。状態の「同時対応」を増やすか、終わった相談を終了してください。',
    'queue.failed': '取れませんでした: {message}',
    'chats.heading': '対応中の相談',
    'chats.empty': '対応中の相談はありません。',
    'chats.monitor': '見守り',
    'chats.ended': '終了',
    'chats.unread': '未読 {n}',
    'chats.typing': '入力中…',
    nickname: '（ニックネームなし）',
    'conv.none': '左の一覧から相談を選ぶか、待っている相談を「取る」で受けてください。',
    'conv.helpHint': 'ショートカットは ? キーで一覧できます。',
    'conv.end': '終了する',
    'conv.close': '一覧から外す',
    'conv.readonly': '見守り中（読み取りのみ）。この相談は他の相談員が対応しています。',
    'conv.log': 'メッセージ',
    'conv.typing': '相談者が入力しています…',
    'conv.active': '対応中',
    'conv.waiting': '待機中',
    'conv.endedByTeen': '相談は終了しました',
    'conv.you': 'あなた',
    'conv.teen': '相談者',
    'conv.counselor': '相談員',
    'conv.system': 'お知らせ',
    'conv.sending': '送信中…',
    'conv.sent': '送信済み',
    'conv.read': '既読',
    'composer.label': '返信',
    'composer.placeholder': '返信を入力（Enterで送信、Shift+Enterで改行、/ で定型文）',
    'composer.send': '送信',
    'composer.failed': '送れませんでした: {message}',
    'canned.title': '定型文（↑↓で選んで Enter、Esc で閉じる）',
    'ctx.heading': '相談の情報',
    'ctx.none': '相談を選ぶと、ここに情報が出ます。',
    'ctx.line': '窓口',
    'ctx.nickname': 'ニックネーム',
    'ctx.since': '待ち始め',
    'ctx.assigned': '対応開始',
    'ctx.read': '相談者の既読',
    'ctx.risk': 'リスク',
    'ctx.readUpTo': '{seq} 番目まで',
    'ctx.none2': '—',
    'transfer.heading': '他の相談員に引き継ぐ',
    'transfer.to': '引き継ぎ先',
    'canned.empty': 'この窓口の定型文はまだありません。スーパーバイザーが「定型文」から追加できます。',
    'canned.loading': '定型文を読み込んでいます…',
    'canned.failed': '定型文を読み込めませんでした。',
    'cannedEd.open': '定型文',
    'cannedEd.title': '定型文の管理',
    'cannedEd.intro': '相談員は入力欄が空のときに / を押すと、その窓口の定型文と「すべての窓口」の定型文を選べます。',
    'cannedEd.line': '窓口',
    'cannedEd.titleCol': 'タイトル',
    'cannedEd.body': '本文',
    'cannedEd.actions': '操作',
    'cannedEd.empty': '定型文はまだありません。',
    'cannedEd.allLines': 'すべての窓口',
    'cannedEd.new': '定型文を追加',
    'cannedEd.editing': '定型文を編集: {title}',
    'cannedEd.create': '追加する',
    'cannedEd.save': '保存する',
    'cannedEd.cancel': '編集をやめる',
    'cannedEd.edit': '編集',
    'cannedEd.editOf': '{title} を編集',
    'cannedEd.delete': '削除',
    'cannedEd.deleteOf': '{title} を削除',
    'cannedEd.confirmDelete': '定型文「{title}」を削除しますか？',
    'cannedEd.created': '「{title}」を追加しました。',
    'cannedEd.saved': '「{title}」を保存しました。',
    'cannedEd.deleted': '「{title}」を削除しました。',
    'cannedEd.needTitle': 'タイトルを入力してください（60文字まで）。',
    'cannedEd.needBody': '本文を入力してください（2000文字まで）。',
    'cannedEd.refused': '保存できませんでした: {message}',
    'notes.heading': 'メモ（相談者には見えません）',
    'notes.empty': 'メモはまだありません。',
    'notes.add': 'メモを追加',
    'notes.whisper': '相談員へのささやき（相談者には見えません）',
    'notes.submit': 'メモを残す',
    'notes.submitWhisper': 'ささやく',
    'notes.need': 'メモを入力してください。',
    'notes.failed': 'メモを残せませんでした: {message}',
    'notes.whisperTag': 'ささやき',
    'whisper.from': 'スーパーバイザーより（{name}）:',
    'whisper.announce': 'スーパーバイザーの{name}さんより: {body}',
    'whisper.dismiss': '確認しました',
    'watching': '{name} さんが見守っています',
    'conv.wrapNeeded': 'この相談は終了しました。「まとめを書く」から終了の記録を残してください。',
    'conv.writeWrap': 'まとめを書く',
    'chats.needsWrap': 'まとめ未記入',
    'wrap.submitEnded': '記録する',
    'role.counselor': '相談員',
    'role.supervisor': 'スーパーバイザー',
    'transfer.choose': '選んでください',
    'transfer.none': '引き継げる相談員がいません。',
    'transfer.pick': '引き継ぎ先を選んでください。',
    'transfer.submit': '引き継ぐ',
    'transfer.takeover': '自分が引き継ぐ',
    'transfer.done': '引き継ぎました。',
    'transfer.failed': '引き継げませんでした: {message}',
    'wrap.heading': '終了の記録（必須）',
    'wrap.topics': '話題（1つ以上）',
    'wrap.other': 'その他の話題（読点で区切る）',
    'wrap.risk': 'リスクの判断',
    'wrap.choose': '選んでください',
    'wrap.follow': '今後の対応',
    'wrap.yc': 'ヤングケアラー（話に出たとき）',
    'wrap.cared': '世話をしている相手（読点で区切る）',
    'wrap.caredHint': '例: 祖母、弟',
    'wrap.hours': '世話の時間（週あたり・時間）',
    'wrap.school': '学校への影響',
    'wrap.submit': '記録して終了',
    'wrap.cancel': 'もどる',
    'wrap.needTopic': '話題を1つ以上選んでください。',
    'wrap.needRisk': 'リスクの判断を選んでください。',
    'wrap.needFollow': '今後の対応を書いてください。',
    'wrap.refused': '記録が足りません: {message}',
    'risk.info': '情報提供のみ',
    'risk.low': '低',
    'risk.medium': '中',
    'risk.high': '高',
    'risk.critical': '緊急',
    'risk.none': 'なし',
    'risk.badgeInfo': '特記なし',
    'risk.reference': '参考',
    'cat.self_harm': '自傷・自殺',
    'cat.abuse': '虐待',
    'cat.sexual': '性的な内容',
    'cat.contact': '連絡先のやりとり',
    'cat.harassment': '嫌がらせ',
    'cat.personal_info': '個人情報',
    'cat.violence': '暴力',
    'cat.caring': '世話の負担',
    'alert.text': '緊急の可能性: {line}（{categories}）',
    'alert.open': '開く',
    'alert.dismiss': '閉じる',
    'overdue.confirmation': '緊急ケースの確認が期限を過ぎています',
    'overdue.acknowledgement': '連携先がまだ受け取りを確認していません（期限超過）',
    'overdue.about': '{reason}（{org}）',
    'overdue.open': 'ケースを開く',
    'notify.waiting': '新しい相談が待っています',
  },
  en: {
    ...STAFF_DICT.en,
    'page.title': 'Counselling console | Yorisoi',
    app: 'Yorisoi counselling console',
    'signin.heading': 'Counsellor sign-in',
    'forbidden.heading': 'This page is for counsellors and supervisors',
    'forbidden.body': 'This account cannot use the counselling console.',
    'forbidden.moderation': 'Salon moderation is here',
    'forbidden.partner': 'The partner console is here',
    'status.label': 'Status',
    'status.available': 'Available',
    'status.away': 'Away',
    'capacity.label': 'Chats at once',
    'capacity.limit': '(limit {n})',
    'capacity.lowered': 'An administrator set your limit to {n} chats at once.',
    'tag.return': 'returning',
    'tag.returnHint': 'The teen came back asking for the same counsellor',
    'shift.start': 'Start shift',
    'shift.started': 'On shift (sound and notifications on)',
    'presence.open': 'Connected',
    'help.title': 'Keyboard shortcuts',
    'help.move': 'Previous / next chat',
    'help.take': 'Take the first waiting chat',
    'help.end': 'End this chat (open the wrap-up)',
    'help.send': 'Send (never while a Japanese IME is composing)',
    'help.newline': 'New line',
    'help.canned': 'In an empty composer: canned replies',
    'help.help': 'Open this list',
    'help.esc': 'Close lists and dialogs',
    'help.close': 'Close',
    'queue.heading': 'Waiting',
    'queue.empty': 'Nobody is waiting.',
    'queue.take': 'Take',
    'queue.waiting': 'waiting {time}',
    'queue.requeued': 'returned',
    'queue.noRisk': 'No risk words found',
    'queue.taken': 'Another counsellor took it first.',
    'queue.capacity': 'You are at capacity. Raise “Chats at once” or end a finished chat.',
    'queue.failed': 'Could not take it: {message}',
    'chats.heading': 'My chats',
    'chats.empty': 'No chats yet.',
    'chats.monitor': 'monitoring',
    'chats.ended': 'ended',
    'chats.unread': '{n} unread',
    'chats.typing': 'typing…',
    nickname: '(no nickname)',
    'conv.none': 'Choose a chat on the left, or take a waiting one.',
    'conv.helpHint': 'Press ? for keyboard shortcuts.',
    'conv.end': 'End chat',
    'conv.close': 'Remove from list',
    'conv.readonly': 'Monitoring (read only). Another counsellor has this chat.',
    'conv.log': 'Messages',
    'conv.typing': 'The young person is typing…',
    'conv.active': 'Active',
    'conv.waiting': 'Waiting',
    'conv.endedByTeen': 'This chat has ended',
    'conv.you': 'You',
    'conv.teen': 'Young person',
    'conv.counselor': 'Counsellor',
    'conv.system': 'Notice',
    'conv.sending': 'Sending…',
    'conv.sent': 'Sent',
    'conv.read': 'Read',
    'composer.label': 'Reply',
    'composer.placeholder': 'Write a reply (Enter sends, Shift+Enter new line, / canned replies)',
    'composer.send': 'Send',
    'composer.failed': 'Not sent: {message}',
    'canned.title': 'Canned replies (↑↓ then Enter; Esc closes)',
    'ctx.heading': 'About this chat',
    'ctx.none': 'Choose a chat to see its details.',
    'ctx.line': 'Line',
    'ctx.nickname': 'Nickname',
    'ctx.since': 'Waiting since',
    'ctx.assigned': 'Taken at',
    'ctx.read': 'Read by the young person',
    'ctx.risk': 'Risk',
    'ctx.readUpTo': 'up to message {seq}',
    'ctx.none2': '—',
    'transfer.heading': 'Transfer to a colleague',
    'transfer.to': 'Transfer to',
    'canned.empty': 'No canned replies for this line yet. A supervisor can add them under “Canned replies”.',
    'canned.loading': 'Loading canned replies…',
    'canned.failed': 'Could not load the canned replies.',
    'cannedEd.open': 'Canned replies',
    'cannedEd.title': 'Canned replies',
    'cannedEd.intro': 'In an empty composer, counsellors press / to pick from the replies for that line and for every line.',
    'cannedEd.line': 'Line',
    'cannedEd.titleCol': 'Title',
    'cannedEd.body': 'Text',
    'cannedEd.actions': 'Actions',
    'cannedEd.empty': 'No canned replies yet.',
    'cannedEd.allLines': 'Every line',
    'cannedEd.new': 'Add a canned reply',
    'cannedEd.editing': 'Editing: {title}',
    'cannedEd.create': 'Add',
    'cannedEd.save': 'Save',
    'cannedEd.cancel': 'Stop editing',
    'cannedEd.edit': 'Edit',
    'cannedEd.editOf': 'Edit {title}',
    'cannedEd.delete': 'Delete',
    'cannedEd.deleteOf': 'Delete {title}',
    'cannedEd.confirmDelete': 'Delete the canned reply “{title}”?',
    'cannedEd.created': 'Added “{title}”.',
    'cannedEd.saved': 'Saved “{title}”.',
    'cannedEd.deleted': 'Deleted “{title}”.',
    'cannedEd.needTitle': 'Enter a title (up to 60 characters).',
    'cannedEd.needBody': 'Enter the text (up to 2000 characters).',
    'cannedEd.refused': 'Not saved: {message}',
    'notes.heading': 'Notes (never shown to the young person)',
    'notes.empty': 'No notes yet.',
    'notes.add': 'Add a note',
    'notes.whisper': 'Whisper to the counsellor (never shown to the young person)',
    'notes.submit': 'Add note',
    'notes.submitWhisper': 'Whisper',
    'notes.need': 'Write the note first.',
    'notes.failed': 'Could not add the note: {message}',
    'notes.whisperTag': 'whisper',
    'whisper.from': 'From your supervisor ({name}):',
    'whisper.announce': 'From supervisor {name}: {body}',
    'whisper.dismiss': 'Got it',
    'watching': '{name} is watching over this chat',
    'conv.wrapNeeded': 'This chat has ended. Use “Write wrap-up” to record it.',
    'conv.writeWrap': 'Write wrap-up',
    'chats.needsWrap': 'wrap-up missing',
    'wrap.submitEnded': 'Save',
    'role.counselor': 'Counsellor',
    'role.supervisor': 'Supervisor',
    'transfer.choose': 'Choose',
    'transfer.none': 'Nobody to transfer to.',
    'transfer.pick': 'Choose who takes the chat.',
    'transfer.submit': 'Transfer',
    'transfer.takeover': 'Take over myself',
    'transfer.done': 'Transferred.',
    'transfer.failed': 'Could not transfer: {message}',
    'wrap.heading': 'Wrap-up (required)',
    'wrap.topics': 'Topics (at least one)',
    'wrap.other': 'Other topics (comma separated)',
    'wrap.risk': 'Risk judgement',
    'wrap.choose': 'Choose',
    'wrap.follow': 'Follow-up',
    'wrap.yc': 'Young carer (if it came up)',
    'wrap.cared': 'Who is cared for (comma separated)',
    'wrap.caredHint': 'e.g. grandmother, brother',
    'wrap.hours': 'Caring hours per week',
    'wrap.school': 'Effect on school',
    'wrap.submit': 'Save and end',
    'wrap.cancel': 'Back',
    'wrap.needTopic': 'Choose at least one topic.',
    'wrap.needRisk': 'Choose a risk level.',
    'wrap.needFollow': 'Write the follow-up.',
    'wrap.refused': 'The wrap-up is incomplete: {message}',
    'risk.info': 'Info only',
    'risk.low': 'Low',
    'risk.medium': 'Medium',
    'risk.high': 'High',
    'risk.critical': 'Critical',
    'risk.none': 'none',
    'risk.badgeInfo': 'nothing noted',
    'risk.reference': 'for reference',
    'cat.self_harm': 'Self-harm / suicide',
    'cat.abuse': 'Abuse',
    'cat.sexual': 'Sexual content',
    'cat.contact': 'Contact exchange',
    'cat.harassment': 'Harassment',
    'cat.personal_info': 'Personal information',
    'cat.violence': 'Violence',
    'cat.caring': 'Caring burden',
    'alert.text': 'Possible crisis: {line} ({categories})',
    'alert.open': 'Open',
    'alert.dismiss': 'Dismiss',
    'overdue.confirmation': 'An emergency case is past its confirmation deadline',
    'overdue.acknowledgement': 'The partner has not acknowledged a case yet (overdue)',
    'overdue.about': '{reason} ({org})',
    'overdue.open': 'Open the case',
    'notify.waiting': 'A new chat is waiting',
  },
};
Object.assign(dict.ja, CONSOLE_CASES_DICT.ja);
Object.assign(dict.en, CONSOLE_CASES_DICT.en);
Object.assign(dict.ja, CONSOLE_NUDGE_DICT.ja);
Object.assign(dict.en, CONSOLE_NUDGE_DICT.en);

const $ = (id) => document.getElementById(id);
const i18n = createI18n(dict, () => rerenderAll());
const t = i18n.t;

const state = {
  account: null,
  lines: new Map(),
  queue: [],
  seenQueue: new Set(),
  chats: new Map(), // id -> chat
  order: [], // ids in list order
  selected: null,
  shift: false,
  audio: null,
  alertTimer: null,
  typingOn: false,
  typingAt: 0,
  typingIdle: null,
  outbox: new Map(), // client_msg_id -> {conversation_id, body, at}
  canned: { open: false, index: 0, items: [], line: null, loading: false },
  cannedCache: new Map(), // line id -> {at, items}
  cannedAll: [], // the editor's list (supervisors)
  cannedEditing: null, // id being edited
  colleagues: [], // [{id, display_name, role}]
};

const CANNED_FRESH_MS = 60_000;
/** Tolerance for the server's and this computer's clocks when telling live notes from history. */
const WHISPER_SKEW_MS = 10_000;

let socket = null;
let pendingEnd = null; // the chat whose `end` we sent

// ---------------------------------------------------------------- helpers

function lineName(id) {
  return state.lines.get(id)?.name || id;
}

function nick(view) {
  return view?.nickname || t('nickname');
}

function riskName(level) {
  return t(`risk.${level}`) === `risk.${level}` ? level : t(`risk.${level}`);
}

/** On badges and reasons "info" means nothing of note was found. */
function badgeName(level) {
  return level === 'info' ? t('risk.badgeInfo') : riskName(level);
}

const SEVERITY = ['info', 'low', 'medium', 'high', 'critical'];

function catName(cat) {
  const key = `cat.${cat}`;
  const text = t(key);
  return text === key ? cat : text;
}

function riskClass(level) {
  if (level === 'critical' || level === 'high') return 'risk-high';
  if (level === 'medium') return 'risk-medium';
  return 'risk-low';
}

function duration(ms) {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (i18n.lang === 'en') return h ? `${h}h ${m}m` : `${m}m ${String(sec).padStart(2, '0')}s`;
  return h ? `${h}時間${m}分` : `${m}分${String(sec).padStart(2, '0')}秒`;
}

function isMine(view) {
  return view && state.account && view.counselor_id === state.account.id;
}

/** Ended (usually by the young person) with no wrap-up yet: mine to record. */
function needsWrapUp(view) {
  return !!view && view.status === 'ended' && !view.wrap_up && isMine(view);
}

function isSupervisor() {
  return state.account?.role === 'supervisor';
}

// ---------------------------------------------------------------- HTTP

const staffApi = createStaffApi();
const api = staffApi.api;

// Escalation: the 「つなぐ」 form and the cases list (web/console/cases.js).
const cases = createCaseDesk({
  api,
  t,
  i18n,
  account: () => state.account,
  current: () => (state.selected ? state.chats.get(state.selected) : null),
  cue: (kind) => beep(kind),
  formatTime: (at) => formatClock(new Date(at || Date.now()), i18n.lang),
  created: (conversationId) => nudges.escalated(conversationId),
});

// Suggested escalations on crisis messages in my chats (web/console/nudge.js).
const nudges = createNudges({
  api,
  t,
  chat: (id) => state.chats.get(id),
  selected: () => state.selected,
  mine: (view) => isMine(view),
  name: (view) => nick(view),
  escalate: (prefill) => cases.openForm(prefill),
  changed: () => renderChats(),
  afterDecision: () => {
    if (!$('composer').hidden) $('input').focus();
    else if (!$('conv-escalate').hidden) $('conv-escalate').focus();
  },
});

async function fetchLines() {
  const result = await api('GET', `/api/lines?lang=${i18n.lang}`);
  if (result.ok) state.lines = new Map((result.data.lines || []).map((l) => [l.id, l]));
}

// ---------------------------------------------------------------- views and sign-in

function showView(name) {
  showStaffView(name, ['presence', 'status-controls', 'shift', 'help-open']);
  $('canned-manage').hidden = !(name === 'app' && isSupervisor());
}

async function signedIn(body) {
  state.account = body.account;
  staffApi.setCsrf(body.csrf_token);
  $('who').textContent = body.account.display_name;
  if (!['counselor', 'supervisor'].includes(body.account.role)) {
    // Partner staff are pointed to their own page only, nothing else of the product.
    $('forbidden-partner').hidden = body.account.role !== 'partner';
    $('forbidden-moderation').hidden = body.account.role === 'partner';
    showView('forbidden');
    return;
  }
  showView('app');
  await fetchLines();
  renderTopics();
  fetchColleagues();
  if (!socket) {
    socket = new ReconnectingSocket('/ws/staff', {
      // The status goes out after `ready`, which says the limit it must respect.
      onOpen: () => {},
      onFrame: handle,
      onState: renderPresence,
    });
  }
  socket.start();
  cases.start();
}

function stopSocket() {
  socket?.stop();
  socket = null;
}

/** Forgets the account and everything shown for it: back to the sign-in view. */
function reset() {
  stopSocket();
  state.account = null;
  staffApi.setCsrf(null);
  state.chats.clear();
  state.queue = [];
  state.selected = null;
  state.cannedCache.clear();
  state.colleagues = [];
  stopAlerts();
  cases.reset();
  nudges.reset();
  if ($('canned-editor').open) $('canned-editor').close();
  showView('signin');
}

const { sessionEnded, renderPresence } = wireSession({
  api,
  t,
  onSignedIn: signedIn,
  signedIn: () => !!state.account,
  reset,
  before: stopSocket,
});

// ---------------------------------------------------------------- presence and status

/** Offers 1 … the administrator's limit in the capacity menu, keeping the choice within it. */
function applyLimit(max, announce = false) {
  if (!Number.isInteger(max) || max < 1) return;
  const select = $('capacity');
  const wanted = Math.min(Number(select.value) || 3, max);
  const previous = state.maxChats;
  state.maxChats = max;
  select.replaceChildren(
    ...Array.from({ length: max }, (_, i) => {
      const option = el('option', '', String(i + 1));
      option.value = String(i + 1);
      return option;
    }),
  );
  select.value = String(wanted);
  $('capacity-limit').textContent = t('capacity.limit', { n: max });
  if (announce && previous && previous !== max) {
    $('queue-msg').textContent = t('capacity.lowered', { n: max });
    sendStatus();
  }
}

function sendStatus() {
  socket?.send({ type: 'status', status: $('status').value, capacity: Number($('capacity').value) });
}

$('status').addEventListener('change', sendStatus);
$('capacity').addEventListener('change', sendStatus);

$('shift').addEventListener('click', async () => {
  state.audio = await unlockAudio(state.audio);
  state.shift = true;
  $('shift').textContent = t('shift.started');
  $('shift').classList.add('on');
  $('shift').setAttribute('aria-pressed', 'true');
  beep(1);
  try {
    if ('Notification' in window && Notification.permission === 'default') await Notification.requestPermission();
  } catch {
    // Notifications are a bonus.
  }
  renderAlerts();
});

/** `kind` 1 = waiting chat, 2 = crisis alert. */
function beep(kind = 1) {
  beepOn(state.audio, kind);
}

function notify(text) {
  try {
    if (document.visibilityState === 'visible') return;
    if ('Notification' in window && Notification.permission === 'granted') new Notification(text, { tag: 'yorisoi-queue' });
  } catch {
    // Not available.
  }
}

/** While anyone waits, sound every 10 s (even with the tab in focus) until it is taken. */
function renderAlerts() {
  const waiting = state.queue.length > 0;
  document.body.dataset.waiting = waiting ? 'yes' : 'no';
  if (waiting && !state.alertTimer) {
    state.alertTimer = setInterval(() => {
      if (state.queue.length) beep(1);
    }, ALERT_REPEAT_MS);
  } else if (!waiting) {
    stopAlerts();
  }
}

function stopAlerts() {
  clearInterval(state.alertTimer);
  state.alertTimer = null;
}

// ---------------------------------------------------------------- frames

function handle(frame) {
  switch (frame.type) {
    case 'ready':
      return onReady(frame);
    case 'queue':
      return onQueue(frame.queue || []);
    case 'conversation':
      return onConversation(frame.conversation);
    case 'message':
      return onMessage(frame);
    case 'ack':
      return onAck(frame);
    case 'typing':
      return onTyping(frame);
    case 'read':
      return onRead(frame);
    case 'alert':
      return onAlert(frame);
    case 'nudge':
      return nudges.refresh(frame.conversation_id);
    case 'case_overdue':
      return onCaseOverdue(frame);
    case 'released':
      return onReleased(frame.conversation_id);
    case 'note':
      return onNote(frame);
    case 'watching':
      return onWatching(frame);
    case 'active':
      return onActive(frame.chats || []);
    case 'limits':
      return applyLimit(frame.max_chats, true);
    case 'case':
    case 'cases':
      cases.onFrame(frame);
      return settleOverdueAlerts();
    case 'error':
      return onError(frame);
    default:
      return undefined;
  }
}

function chat(id) {
  let c = state.chats.get(id);
  if (!c) {
    c = {
      id,
      view: null,
      messages: new Map(),
      lastSeq: 0,
      unread: 0,
      opened: false,
      typing: false,
      notes: new Map(), // id -> note frame
      watching: null, // a supervisor's name while they read along
      whisper: null, // the latest whisper not yet acknowledged
      whispersSeen: new Set(),
      followedAt: Date.now(),
    };
    state.chats.set(id, c);
  }
  return c;
}

function onReady(frame) {
  state.account = frame.account || state.account;
  applyLimit(frame.max_chats);
  sendStatus();
  onQueue(frame.queue || [], true);
  const present = new Set();
  for (const view of frame.chats || []) {
    present.add(view.id);
    const c = chat(view.id);
    c.view = view;
    if (c.opened) {
      // After a reconnect: everything after what we have.
      socket.send({ type: 'open', conversation_id: view.id, after_seq: c.lastSeq, ref: `open:${view.id}` });
    } else if (isMine(view)) {
      c.opened = true;
      socket.send({ type: 'open', conversation_id: view.id, after_seq: 0, ref: `open:${view.id}` });
    }
  }
  // Chats that are no longer ours (reassigned while we were away) go; ended ones stay until closed.
  for (const [id, c] of state.chats) {
    if (!present.has(id) && c.view && c.view.status !== 'ended') state.chats.delete(id);
  }
  // Messages we could not send yet.
  for (const [id, item] of state.outbox) transmit(id, item);
  renderChats();
  renderConversation();
  // Suggestions made while this console was away.
  for (const [id, c] of state.chats) if (isMine(c.view)) nudges.refresh(id);
}

function onQueue(queue, quiet = false) {
  const fresh = queue.filter((v) => !state.seenQueue.has(v.id));
  state.queue = queue;
  for (const v of queue) state.seenQueue.add(v.id);
  if (fresh.length && !quiet) {
    beep(1);
    notify(t('notify.waiting'));
  } else if (fresh.length && quiet) {
    beep(1);
  }
  renderQueue();
  renderAlerts();
}

function onConversation(view) {
  if (pendingEnd === view.id && view.status === 'ended') {
    pendingEnd = null;
    endAccepted(view);
    return;
  }
  // A chat that is over and needs nothing more from us does not come back to the
  // list (the server answers `end` directly and then announces the change too).
  if (view.status === 'ended' && !needsWrapUp(view) && !state.chats.has(view.id)) return;
  const c = chat(view.id);
  const wasMine = isMine(c.view);
  c.view = view;
  if (view.status === 'waiting' && !isSupervisor()) {
    // Back in the queue (e.g. after our long disconnection): not ours any more.
    state.chats.delete(view.id);
    if (state.selected === view.id) state.selected = null;
  } else if (!wasMine && isMine(view) && view.status === 'active') {
    // Just taken (or transferred to us): show it and write at once.
    c.opened = true;
    select(view.id);
    $('input').focus();
  }
  renderChats();
  if (state.selected === view.id) renderConversation();
}

function onMessage(m) {
  const c = chat(m.conversation_id);
  c.opened = true;
  if (c.messages.has(m.seq)) return;
  c.messages.set(m.seq, m);
  if (m.seq > c.lastSeq) c.lastSeq = m.seq;
  if (m.client_msg_id && state.outbox.has(m.client_msg_id) && m.sender === 'counselor') state.outbox.delete(m.client_msg_id);
  const viewing = state.selected === m.conversation_id && document.visibilityState === 'visible';
  if (m.sender === 'teen') {
    c.typing = false;
    if (!viewing) c.unread += 1;
  }
  if (state.selected === m.conversation_id) {
    appendMessage(m);
    $('conv-typing').hidden = true;
  }
  renderChats();
  renderTitle();
}

function onAck(ack) {
  state.outbox.delete(ack.client_msg_id);
  const li = $('log').querySelector(`li[data-client-msg-id="${CSS.escape(ack.client_msg_id)}"].pending`);
  if (li) {
    const c = state.chats.get(ack.conversation_id);
    if (c?.messages.has(ack.seq)) li.remove();
    else {
      li.classList.remove('pending');
      li.dataset.seq = String(ack.seq);
      li.querySelector('.state').textContent = t('conv.sent');
    }
  }
}

function onTyping(frame) {
  if (frame.sender !== 'teen') return;
  const c = state.chats.get(frame.conversation_id);
  if (!c) return;
  c.typing = frame.typing;
  if (state.selected === c.id) $('conv-typing').hidden = !frame.typing;
  renderChats();
}

function onRead(frame) {
  const c = state.chats.get(frame.conversation_id);
  if (!c?.view) return;
  c.view.teen_read_seq = Math.max(c.view.teen_read_seq || 0, frame.seq);
  if (state.selected === c.id) {
    markRead(c);
    renderContext();
  }
}

/**
 * A prominent alert at the top (supervisors: crisis messages, overdue cases),
 * with the crisis sound and a desktop notification: `level` in the badge,
 * `text`, and a button `openLabel` that runs `onOpen`. Returns the box.
 */
function raiseAlert({ level, text, openLabel, onOpen, data = {} }) {
  beep(2);
  const box = el('div', 'alert');
  Object.assign(box.dataset, data);
  box.append(el('strong', 'alert-level', level));
  box.append(el('span', 'alert-text', text));
  const open = el('button', 'alert-open', openLabel);
  open.type = 'button';
  open.addEventListener('click', () => {
    onOpen();
    box.remove();
  });
  const dismiss = el('button', 'alert-dismiss', t('alert.dismiss'));
  dismiss.type = 'button';
  dismiss.addEventListener('click', () => box.remove());
  box.append(open, dismiss);
  $('alerts').append(box);
  notify(text);
  return box;
}

function onAlert(frame) {
  const cats = (frame.categories || []).map(catName).join('、');
  raiseAlert({
    level: riskName(frame.severity),
    text: t('alert.text', { line: lineName(frame.line_id), categories: cats }),
    openLabel: t('alert.open'),
    onOpen: () => openChat(frame.conversation_id),
    data: { conversationId: frame.conversation_id },
  });
}

/** Supervisors: an escalation case missed its deadline (once per case and deadline). */
function onCaseOverdue(frame) {
  const waiting = frame.waiting_for === 'confirmation' ? 'confirmation' : 'acknowledgement';
  const selector = `.alert[data-case-id="${CSS.escape(frame.case_id)}"][data-waiting-for="${waiting}"]`;
  if ($('alerts').querySelector(selector)) return;
  const line = cases.summary(frame.case_id);
  let text = t(`overdue.${waiting}`);
  if (line) text += `: ${t('overdue.about', { reason: t(`reason.${line.reason}`), org: line.organisation_name || '' })}`;
  raiseAlert({
    level: t(`urgency.${frame.urgency}`) === `urgency.${frame.urgency}` ? frame.urgency : t(`urgency.${frame.urgency}`),
    text,
    openLabel: t('overdue.open'),
    onOpen: () => cases.openDetail(frame.case_id),
    data: { caseId: frame.case_id, waitingFor: waiting },
  });
}

/** Overdue alerts whose case has since been confirmed or acknowledged go. */
function settleOverdueAlerts() {
  for (const box of $('alerts').querySelectorAll('.alert[data-case-id]')) {
    const line = cases.summary(box.dataset.caseId);
    if (!line) continue;
    const settled = box.dataset.waitingFor === 'confirmation' ? !line.awaiting_confirmation : line.status !== 'open';
    if (settled) box.remove();
  }
}

/** A private note (never sent to the teen); a supervisor's note on my chat is a whisper. */
function onNote(frame) {
  const c = state.chats.get(frame.conversation_id);
  if (!c || c.notes.has(frame.id)) return;
  c.notes.set(frame.id, frame);
  // Notes written before this console followed the chat (replayed by `open`,
  // e.g. after a transfer) are history: listed, but not announced.
  const live = Date.parse(frame.at) >= c.followedAt - WHISPER_SKEW_MS;
  if (live && isWhisper(c, frame) && !c.whispersSeen.has(frame.id)) {
    c.whispersSeen.add(frame.id);
    c.whisper = frame;
    if (state.selected === c.id) {
      $('whisper-live').textContent = t('whisper.announce', { name: frame.author_name, body: frame.body });
    } else {
      c.unread += 1;
      renderChats();
    }
  }
  if (state.selected === c.id) {
    renderNotes(c);
    renderWhisper(c);
  }
}

function colleague(id) {
  return state.colleagues.find((p) => p.id === id);
}

/** Someone else's note on a chat of mine, written by a supervisor. */
function isWhisper(c, note) {
  if (!isMine(c.view) || note.author_id === state.account?.id) return false;
  const author = colleague(note.author_id);
  // Counsellors may only write notes on their own chats, so a note from
  // someone unknown on mine comes from a supervisor (or my predecessor, who is listed).
  return author ? author.role === 'supervisor' : true;
}

function onWatching(frame) {
  const c = state.chats.get(frame.conversation_id);
  if (!c) return;
  c.watching = frame.name;
  if (state.selected === c.id) renderConversation();
  renderChats();
}

/** Supervisors: every active chat, for reading along. */
function onActive(views) {
  if (!isSupervisor()) return;
  const present = new Set();
  for (const view of views) {
    present.add(view.id);
    const c = chat(view.id);
    c.view = view;
  }
  // Chats that are no longer active and that this supervisor never opened go.
  for (const [id, c] of state.chats) {
    if (!present.has(id) && !c.opened && state.selected !== id) state.chats.delete(id);
  }
  renderChats();
  if (state.selected) renderConversation();
}

function onReleased(id) {
  if (isSupervisor()) {
    const c = state.chats.get(id);
    if (c?.view) c.view.counselor_id = null;
  } else {
    state.chats.delete(id);
    if (state.selected === id) state.selected = null;
  }
  renderChats();
  renderConversation();
}

function onError(frame) {
  const ref = frame.ref || '';
  const message = frame.message || frame.code;
  if (frame.code === 'session_ended') {
    sessionEnded();
    return;
  }
  if (ref.startsWith('take:')) {
    const key = { already_taken: 'queue.taken', at_capacity: 'queue.capacity' }[frame.code];
    $('queue-msg').textContent = key ? t(key) : t('queue.failed', { message });
    return;
  }
  if (ref.startsWith('end:')) {
    if (pendingEnd === ref.slice(4)) pendingEnd = null;
    $('wrap-msg').textContent = t('wrap.refused', { message });
    return;
  }
  if (ref.startsWith('note:')) {
    $('note-msg').textContent = t('notes.failed', { message });
    return;
  }
  if (ref.startsWith('tr:')) {
    $('transfer-msg').textContent = t('transfer.failed', { message });
    return;
  }
  if (ref.startsWith('s:')) {
    const id = ref.slice(2);
    if (frame.code === 'rate_limited' || frame.code === 'unavailable') {
      setTimeout(() => {
        const item = state.outbox.get(id);
        if (item) transmit(id, item);
      }, 3_000);
      return;
    }
    state.outbox.delete(id);
    const li = $('log').querySelector(`li[data-client-msg-id="${CSS.escape(id)}"]`);
    if (li) li.classList.add('failed');
    $('composer-msg').textContent = t('composer.failed', { message });
    return;
  }
  if (ref.startsWith('open:') && frame.code === 'not_found') {
    state.chats.delete(ref.slice(5));
    renderChats();
  }
}

// ---------------------------------------------------------------- actions

function take(id) {
  $('queue-msg').textContent = '';
  socket?.send({ type: 'take', conversation_id: id, ref: `take:${id}` });
}

/** Supervisors: open any chat read-only (audited); everyone: select a known chat. */
function openChat(id) {
  const c = chat(id);
  if (!c.opened) {
    c.opened = true;
    socket?.send({ type: 'open', conversation_id: id, after_seq: c.lastSeq, ref: `open:${id}` });
  }
  select(id);
}

function select(id) {
  state.selected = id;
  const c = state.chats.get(id);
  if (c) c.unread = 0;
  if (c?.view && isMine(c.view)) {
    loadCanned(c.view.line_id);
    nudges.refresh(id);
  }
  closeWrap();
  renderChats();
  renderConversation(true);
  renderTitle();
}

function transmit(id, item) {
  socket?.send({ type: 'send', conversation_id: item.conversation_id, client_msg_id: id, body: item.body, ref: `s:${id}` });
}

function sendMessage() {
  const c = state.chats.get(state.selected);
  const input = $('input');
  const body = input.value.replace(/\s+$/u, '');
  if (!c || !isMine(c.view) || c.view.status !== 'active' || !body.trim()) return;
  $('composer-msg').textContent = '';
  const id = newId();
  const item = { conversation_id: c.id, body, at: new Date().toISOString() };
  state.outbox.set(id, item);
  const li = bubble({ sender: 'counselor', body, at: item.at, client_msg_id: id });
  li.classList.add('pending');
  li.querySelector('.state').textContent = t('conv.sending');
  $('log').append(li);
  scrollLog();
  input.value = '';
  stopTyping();
  transmit(id, item);
  input.focus();
}

function onInput() {
  const c = state.chats.get(state.selected);
  if (!c || !isMine(c.view)) return;
  const now = Date.now();
  if ($('input').value.trim() && (!state.typingOn || now - state.typingAt >= TYPING_EVERY_MS)) {
    socket?.send({ type: 'typing', conversation_id: c.id, typing: true });
    state.typingOn = true;
    state.typingAt = now;
  }
  clearTimeout(state.typingIdle);
  state.typingIdle = setTimeout(stopTyping, TYPING_IDLE_MS);
}

function stopTyping() {
  clearTimeout(state.typingIdle);
  if (!state.typingOn) return;
  state.typingOn = false;
  const c = state.chats.get(state.selected);
  if (c) socket?.send({ type: 'typing', conversation_id: c.id, typing: false });
}

// ---------------------------------------------------------------- rendering: queue and chats

function renderQueue() {
  const root = $('queue');
  const groups = new Map();
  for (const v of state.queue) {
    if (!groups.has(v.line_id)) groups.set(v.line_id, []);
    groups.get(v.line_id).push(v);
  }
  const nodes = [];
  for (const [line, items] of groups) {
    const group = el('div', 'queue-group');
    const head = el('h3', 'queue-line', `${lineName(line)}（${items.length}）`);
    const list = el('ul', 'queue-list');
    for (const v of items) list.append(queueItem(v));
    group.append(head, list);
    nodes.push(group);
  }
  root.replaceChildren(...nodes);
  $('queue-empty').hidden = state.queue.length > 0;
  $('queue-count').textContent = state.queue.length ? `(${state.queue.length})` : '';
}

function returnTag() {
  const tag = el('span', 'tag tag-return', t('tag.return'));
  tag.title = t('tag.returnHint');
  return tag;
}

function queueItem(v) {
  const li = el('li', `queue-item ${riskClass(v.risk_level)}`);
  li.dataset.conversationId = v.id;
  li.dataset.risk = v.risk_level;
  const top = el('div', 'qi-top');
  const badge = el('span', `badge ${riskClass(v.risk_level)}`, badgeName(v.risk_level));
  const name = el('span', 'qi-name', nick(v));
  top.append(badge, name);
  if (v.requeued) top.append(el('span', 'tag', t('queue.requeued')));
  if (v.is_return) top.append(returnTag());
  const wait = el('span', 'qi-wait', '');
  wait.dataset.since = v.queued_at;
  top.append(wait);
  li.append(top);
  li.append(reasonsList(v));
  const takeBtn = el('button', 'primary take', t('queue.take'));
  takeBtn.type = 'button';
  takeBtn.setAttribute('aria-label', `${t('queue.take')}: ${nick(v)}（${badgeName(v.risk_level)}）`);
  takeBtn.addEventListener('click', () => take(v.id));
  li.append(takeBtn);
  tickOne(wait);
  return li;
}

function reasonsList(v) {
  const list = el('ul', 'reasons');
  if (!v.risk?.length) {
    list.append(el('li', 'muted', t('queue.noRisk')));
    return list;
  }
  // Highest severity first; words of no concern on their own are marked "for reference".
  const sorted = [...v.risk].sort((a, b) => SEVERITY.indexOf(b.severity) - SEVERITY.indexOf(a.severity));
  for (const r of sorted) {
    const li = el('li', `reason ${riskClass(r.severity)}${r.severity === 'info' ? ' reason-info' : ''}`);
    const sev = r.severity === 'info' ? t('risk.reference') : riskName(r.severity);
    li.append(el('span', 'reason-cat', `${catName(r.category)}・${sev}`));
    li.append(el('span', 'reason-text', `「${r.text}」`));
    list.append(li);
  }
  return list;
}

function tickOne(span) {
  const since = Date.parse(span.dataset.since);
  if (Number.isFinite(since)) span.textContent = t('queue.waiting', { time: duration(Date.now() - since) });
}

function tick() {
  for (const span of document.querySelectorAll('.qi-wait')) tickOne(span);
}

function listedChats() {
  const mine = [];
  const others = [];
  for (const c of state.chats.values()) {
    if (!c.view) continue;
    if (isMine(c.view) || (c.view.status === 'ended' && c.opened && !isSupervisor())) mine.push(c);
    else others.push(c);
  }
  const byTime = (a, b) => String(a.view.assigned_at || a.view.queued_at).localeCompare(String(b.view.assigned_at || b.view.queued_at));
  return [...mine.sort(byTime), ...others.sort(byTime)];
}

function renderChats() {
  const chats = listedChats();
  state.order = chats.map((c) => c.id);
  const list = $('chats');
  list.replaceChildren(
    ...chats.map((c) => {
      const li = el('li');
      const button = el('button', 'chat-item');
      button.type = 'button';
      button.dataset.conversationId = c.id;
      if (state.selected === c.id) button.setAttribute('aria-current', 'true');
      const top = el('span', 'ci-top');
      top.append(el('span', `badge ${riskClass(c.view.risk_level)}`, badgeName(c.view.risk_level)));
      top.append(el('span', 'ci-name', nick(c.view)));
      if (c.unread) {
        const u = el('span', 'unread', String(c.unread));
        u.setAttribute('aria-label', t('chats.unread', { n: c.unread }));
        top.append(u);
      }
      const sub = el('span', 'ci-sub', lineName(c.view.line_id));
      if (c.view.is_return) sub.append(returnTag());
      if (!isMine(c.view) && c.view.status !== 'ended') sub.append(el('span', 'tag', t('chats.monitor')));
      if (nudges.has(c.id) && isMine(c.view)) sub.append(el('span', 'tag tag-todo tag-nudge', t('nudge.tag')));
      if (needsWrapUp(c.view)) sub.append(el('span', 'tag tag-todo', t('chats.needsWrap')));
      else if (c.view.status === 'ended') sub.append(el('span', 'tag', t('chats.ended')));
      if (c.typing) sub.append(el('span', 'ci-typing', t('chats.typing')));
      button.append(top, sub);
      button.addEventListener('click', () => openChat(c.id));
      li.append(button);
      return li;
    }),
  );
  $('chats-empty').hidden = chats.length > 0;
  renderTitle();
}

function renderTitle() {
  let unread = 0;
  for (const c of state.chats.values()) unread += c.unread;
  const base = t('page.title');
  document.title = unread ? `(${unread}) ${base}` : base;
}

// ---------------------------------------------------------------- rendering: conversation

function bubble(m) {
  const li = el('li', `bubble bubble-${m.sender}`);
  if (m.seq) li.dataset.seq = String(m.seq);
  if (m.client_msg_id) li.dataset.clientMsgId = m.client_msg_id;
  li.dataset.sender = m.sender;
  const head = el('p', 'meta');
  const who = m.sender === 'counselor' ? t('conv.counselor') : t(`conv.${m.sender}`);
  head.append(el('span', 'who', who), el('span', 'time', formatClock(new Date(m.at || Date.now()), i18n.lang)));
  const state_ = el('span', 'state');
  state_.setAttribute('aria-hidden', 'true');
  head.append(state_);
  li.append(head, el('p', 'body', m.body));
  cases.pickFor(m, li);
  return li;
}

function appendMessage(m) {
  const log = $('log');
  const li = bubble(m);
  // Our own pending copy is replaced by the stored message.
  if (m.client_msg_id) log.querySelector(`li[data-client-msg-id="${CSS.escape(m.client_msg_id)}"]`)?.remove();
  log.querySelector(`li[data-seq="${m.seq}"]`)?.remove();
  let before = null;
  for (const node of log.children) {
    if (!node.dataset.seq || Number(node.dataset.seq) > m.seq) {
      before = node;
      break;
    }
  }
  log.insertBefore(li, before);
  const c = state.chats.get(m.conversation_id);
  if (c) markRead(c);
  scrollLog();
}

function markRead(c) {
  const upTo = c.view?.teen_read_seq || 0;
  for (const li of $('log').querySelectorAll('li[data-sender="counselor"][data-seq]')) {
    const s = li.querySelector('.state');
    if (Number(li.dataset.seq) <= upTo) s.textContent = t('conv.read');
    else if (!li.classList.contains('pending')) s.textContent = t('conv.sent');
  }
}

function scrollLog() {
  const log = $('log');
  log.scrollTop = log.scrollHeight;
}

function renderConversation(rebuild = false) {
  const c = state.selected ? state.chats.get(state.selected) : null;
  $('conv-empty').hidden = !!c;
  $('conv').hidden = !c;
  $('ctx-empty').hidden = !!c;
  $('ctx').hidden = !c;
  if (!c) return;
  if (rebuild) {
    const log = $('log');
    // A rebuilt transcript is not "new": keep the live region quiet while it fills.
    log.setAttribute('aria-live', 'off');
    const items = [...c.messages.values()].sort((a, b) => a.seq - b.seq).map(bubble);
    for (const [id, item] of state.outbox) {
      if (item.conversation_id !== c.id) continue;
      const li = bubble({ sender: 'counselor', body: item.body, at: item.at, client_msg_id: id });
      li.classList.add('pending');
      li.querySelector('.state').textContent = t('conv.sending');
      items.push(li);
    }
    log.replaceChildren(...items);
    markRead(c);
    scrollLog();
    setTimeout(() => log.setAttribute('aria-live', 'polite'), 100);
    $('conv-typing').hidden = !c.typing;
  }
  const v = c.view;
  $('conv-heading').textContent = v ? `${nick(v)} — ${lineName(v.line_id)}` : '…';
  const mine = isMine(v);
  const ended = v?.status === 'ended';
  $('conv-state').textContent = ended ? t('conv.endedByTeen') : v?.status === 'waiting' ? t('conv.waiting') : t('conv.active');
  $('conv-state').dataset.status = v?.status || '';
  const todo = needsWrapUp(v);
  $('conv-readonly').hidden = !v || mine || ended;
  $('conv-wrap-needed').hidden = !todo;
  $('composer').hidden = !mine || ended;
  if (ended) closeCanned();
  $('conv-end').hidden = !mine && !ended;
  $('conv-end').textContent = todo ? t('conv.writeWrap') : ended ? t('conv.close') : t('conv.end');
  $('conv-end').className = todo ? 'primary' : 'danger';
  $('transfer-box').hidden = ended || (!mine && !isSupervisor());
  $('transfer-form').hidden = !mine;
  $('takeover').hidden = mine || !isSupervisor() || ended;
  const watching = c.watching && mine && !ended;
  $('conv-watching').hidden = !watching;
  $('conv-watching-text').textContent = watching ? t('watching', { name: c.watching }) : '';
  renderWhisper(c);
  renderContext();
  cases.renderChat(c);
  nudges.render();
}

/** The latest whisper from a supervisor, shown prominently until acknowledged. */
function renderWhisper(c) {
  const w = c.whisper && isMine(c.view) && c.view.status !== 'ended' ? c.whisper : null;
  $('whisper').hidden = !w;
  if (!w) return;
  $('whisper-from').textContent = t('whisper.from', { name: w.author_name });
  $('whisper-body').textContent = w.body;
  $('whisper-time').textContent = formatClock(new Date(w.at), i18n.lang);
}

$('whisper-dismiss').addEventListener('click', () => {
  const c = state.chats.get(state.selected);
  if (c) c.whisper = null;
  $('whisper').hidden = true;
  if (c && !$('composer').hidden) $('input').focus();
});

function renderNotes(c) {
  const notes = [...c.notes.values()].sort((a, b) => String(a.at).localeCompare(String(b.at)));
  $('notes').replaceChildren(
    ...notes.map((n) => {
      const whisper = isWhisper(c, n) || colleague(n.author_id)?.role === 'supervisor';
      const li = el('li', whisper ? 'note-item note-whisper' : 'note-item');
      li.dataset.noteId = n.id;
      const meta = el('p', 'note-meta');
      meta.append(el('span', 'note-author', n.author_name));
      if (whisper) meta.append(el('span', 'tag', t('notes.whisperTag')));
      const at = new Date(n.at);
      // Today: the clock time; earlier: the day too. The full stamp is in the tooltip.
      const short = tokyoDateKey(at) === tokyoDateKey(new Date()) ? formatClock(at, i18n.lang) : formatDayTime(at, i18n.lang);
      const time = el('time', 'note-time', short);
      time.dateTime = n.at;
      time.title = formatStamp(at, i18n.lang);
      meta.append(time);
      li.append(meta, el('p', 'note-body', n.body));
      return li;
    }),
  );
  $('notes-empty').hidden = notes.length > 0;
  // Newest last: the list (not the pane, where a form may be in use) scrolls to it.
  const list = $('notes');
  list.scrollTop = list.scrollHeight;
  // Counsellors write notes on their own chats; supervisors on any chat they read.
  const canWrite = isMine(c.view) || isSupervisor();
  $('note-form').hidden = !canWrite;
  const whisperForm = isSupervisor() && !isMine(c.view);
  $('note-label').textContent = whisperForm ? t('notes.whisper') : t('notes.add');
  $('note-submit').textContent = whisperForm ? t('notes.submitWhisper') : t('notes.submit');
}

$('note-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const c = state.chats.get(state.selected);
  const body = $('note-input').value.trim();
  if (!c) return;
  if (!body) {
    $('note-msg').textContent = t('notes.need');
    $('note-input').focus();
    return;
  }
  $('note-msg').textContent = '';
  if (socket?.send({ type: 'note', conversation_id: c.id, body, ref: `note:${c.id}` })) $('note-input').value = '';
});

function renderContext() {
  const c = state.chats.get(state.selected);
  const v = c?.view;
  if (!v) return;
  $('ctx-line').textContent = lineName(v.line_id);
  $('ctx-nickname').textContent = nick(v);
  $('ctx-since').textContent = v.queued_at ? formatStamp(new Date(v.queued_at), i18n.lang) : t('ctx.none2');
  $('ctx-assigned').textContent = v.assigned_at ? formatStamp(new Date(v.assigned_at), i18n.lang) : t('ctx.none2');
  $('ctx-read').textContent = v.teen_read_seq ? t('ctx.readUpTo', { seq: v.teen_read_seq }) : t('ctx.none2');
  const risk = $('ctx-risk');
  risk.replaceChildren(el('span', `badge ${riskClass(v.risk_level)}`, badgeName(v.risk_level)));
  $('ctx-reasons').replaceChildren(...reasonsList(v).children);
  renderNotes(c);
}

function rerenderAll() {
  if (!state.account) return;
  renderTopics();
  renderColleagues();
  renderQueue();
  renderChats();
  renderConversation(true);
  if ($('canned-editor').open) {
    renderCannedLineChoices();
    renderCannedTable();
  }
  if (state.shift) $('shift').textContent = t('shift.started');
  if (socket) renderPresence(socket.state);
  cases.rerender();
}

// ---------------------------------------------------------------- wrap-up and transfer

function renderTopics() {
  const box = $('wrap-topics');
  const chosen = new Set([...box.querySelectorAll('input:checked')].map((i) => i.value));
  box.replaceChildren(
    ...TOPICS[i18n.lang].map((topic, n) => {
      const label = el('label', 'check');
      const input = el('input');
      input.type = 'checkbox';
      input.value = TOPICS.ja[n];
      input.checked = chosen.has(input.value);
      label.append(input, el('span', null, topic));
      return label;
    }),
  );
}

function openWrap() {
  const c = state.chats.get(state.selected);
  if (!c?.view) return;
  if (c.view.status === 'ended' && !needsWrapUp(c.view)) {
    // Ended and recorded (or not ours to record): take it off the list.
    state.chats.delete(c.id);
    state.selected = null;
    renderChats();
    renderConversation();
    return;
  }
  if (!isMine(c.view)) return;
  $('wrap').hidden = false;
  $('wrap-msg').textContent = '';
  $('wrap-submit').textContent = c.view.status === 'ended' ? t('wrap.submitEnded') : t('wrap.submit');
  $('transfer-box').open = false;
  $('wrap-topics').querySelector('input')?.focus();
}

function closeWrap() {
  $('wrap').hidden = true;
  $('wrap').reset();
  $('wrap-msg').textContent = '';
  $('transfer-msg').textContent = '';
}

function splitList(text) {
  return text
    .split(/[、,，\n]/u)
    .map((s) => s.trim())
    .filter(Boolean);
}

$('wrap').addEventListener('submit', (event) => {
  event.preventDefault();
  const c = state.chats.get(state.selected);
  if (!c) return;
  const topics = [...$('wrap-topics').querySelectorAll('input:checked')].map((i) => i.value);
  topics.push(...splitList($('wrap-topic-other').value));
  const risk = $('wrap-risk').value;
  const follow = $('wrap-follow').value.trim();
  const msg = $('wrap-msg');
  if (!topics.length) return void (msg.textContent = t('wrap.needTopic'));
  if (!risk) return void (msg.textContent = t('wrap.needRisk'));
  if (!follow) return void (msg.textContent = t('wrap.needFollow'));
  const wrapUp = { topics, risk_level: risk, follow_up: follow };
  const cared = splitList($('wrap-cared').value);
  const hours = $('wrap-hours').value.trim();
  const school = $('wrap-school').value.trim();
  if (cared.length || hours || school) {
    wrapUp.young_carer = {
      cared_for: cared,
      caring_hours_per_week: hours ? Number(hours) : null,
      school_impact: school || null,
    };
  }
  msg.textContent = '';
  if (!socket?.send({ type: 'end', conversation_id: c.id, wrap_up: wrapUp, ref: `end:${c.id}` })) {
    msg.textContent = t('presence.reconnecting');
    return;
  }
  pendingEnd = c.id;

});

// When our `end` is accepted the chat leaves the list and the next one opens.
function endAccepted(view) {
  state.chats.delete(view.id);
  closeWrap();
  const next = listedChats()[0];
  state.selected = next ? next.id : null;
  renderChats();
  renderConversation(true);
  if (next && isMine(next.view)) $('input').focus();
  else $('queue').querySelector('button')?.focus();
}

$('wrap-cancel').addEventListener('click', () => {
  closeWrap();
  $('input').focus();
});
$('conv-end').addEventListener('click', openWrap);

async function fetchColleagues() {
  const result = await api('GET', '/api/staff/colleagues');
  if (result.ok) state.colleagues = result.data.colleagues || [];
  renderColleagues();
  const c = state.chats.get(state.selected);
  if (c) renderNotes(c);
}

/** The transfer choices: everyone but me, counsellors first, by name. */
function renderColleagues() {
  const select = $('transfer-to');
  const chosen = select.value;
  const me = state.account?.id;
  const others = state.colleagues
    .filter((p) => p.id !== me)
    .sort((a, b) => (a.role === b.role ? a.display_name.localeCompare(b.display_name, 'ja') : a.role === 'counselor' ? -1 : 1));
  const first = el('option', null, t('transfer.choose'));
  first.value = '';
  select.replaceChildren(
    first,
    ...others.map((p) => {
      const option = el('option', null, `${p.display_name}（${t(`role.${p.role}`) === `role.${p.role}` ? p.role : t(`role.${p.role}`)}）`);
      option.value = p.id;
      return option;
    }),
  );
  if (others.some((p) => p.id === chosen)) select.value = chosen;
  $('transfer-none').hidden = others.length > 0;
}

// The list is read again each time the box opens: colleagues come and go.
$('transfer-box').addEventListener('toggle', () => {
  if ($('transfer-box').open) fetchColleagues();
});

$('transfer-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const to = $('transfer-to').value;
  if (!to) {
    $('transfer-msg').textContent = t('transfer.pick');
    $('transfer-to').focus();
    return;
  }
  $('transfer-msg').textContent = '';
  socket?.send({ type: 'transfer', conversation_id: state.selected, to, ref: `tr:${state.selected}` });
});

$('takeover').addEventListener('click', () => {
  if (!state.selected || !state.account) return;
  socket?.send({ type: 'transfer', conversation_id: state.selected, to: state.account.id, ref: `tr:${state.selected}` });
});

// ---------------------------------------------------------------- canned replies

function cannedOptions() {
  return state.canned.items;
}

/** Replies for a line (and for every line), from the server; cached for a minute. */
async function loadCanned(lineId, force = false) {
  const cached = state.cannedCache.get(lineId);
  if (cached && !force && Date.now() - cached.at < CANNED_FRESH_MS) return cached.items;
  const result = await api('GET', `/api/staff/canned-replies?line_id=${encodeURIComponent(lineId)}`);
  if (!result.ok) return cached ? cached.items : null;
  const items = result.data.canned_replies || [];
  state.cannedCache.set(lineId, { at: Date.now(), items });
  return items;
}

function openCanned() {
  const c = state.chats.get(state.selected);
  if (!c?.view) return;
  const lineId = c.view.line_id;
  const cached = state.cannedCache.get(lineId);
  state.canned = { open: true, index: 0, items: cached ? cached.items : [], line: lineId, loading: !cached, failed: false };
  renderCanned();
  $('canned').hidden = false;
  $('input').setAttribute('aria-expanded', 'true');
  if (!cached || Date.now() - cached.at >= CANNED_FRESH_MS) {
    loadCanned(lineId, true).then((items) => {
      if (!state.canned.open || state.canned.line !== lineId) return;
      state.canned.loading = false;
      state.canned.failed = items === null;
      state.canned.items = items || state.canned.items;
      state.canned.index = Math.min(state.canned.index, Math.max(0, state.canned.items.length - 1));
      renderCanned();
    });
  }
}

function closeCanned() {
  state.canned.open = false;
  $('canned').hidden = true;
  $('input').setAttribute('aria-expanded', 'false');
  $('input').removeAttribute('aria-activedescendant');
}

function renderCanned() {
  const list = $('canned-list');
  const items = cannedOptions();
  list.replaceChildren(
    ...items.map((reply, n) => {
      const li = el('li', 'canned-item');
      li.id = `canned-${n}`;
      li.dataset.cannedId = reply.id;
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', n === state.canned.index ? 'true' : 'false');
      li.append(el('span', 'canned-item-title', reply.title), el('span', 'canned-item-body', reply.body));
      li.addEventListener('mousedown', (event) => {
        event.preventDefault();
        chooseCanned(n);
      });
      return li;
    }),
  );
  const status = $('canned-status');
  status.textContent = items.length ? '' : t(state.canned.loading ? 'canned.loading' : state.canned.failed ? 'canned.failed' : 'canned.empty');
  if (items.length) {
    $('input').setAttribute('aria-activedescendant', `canned-${state.canned.index}`);
    list.children[state.canned.index]?.scrollIntoView({ block: 'nearest' });
  } else {
    $('input').removeAttribute('aria-activedescendant');
  }
}

/** The reply goes into the composer for editing; it is never sent directly. */
function chooseCanned(n) {
  const reply = cannedOptions()[n];
  if (!reply) {
    closeCanned();
    return;
  }
  const input = $('input');
  input.value = reply.body;
  closeCanned();
  input.focus();
  input.setSelectionRange(input.value.length, input.value.length);
}

// ---------------------------------------------------------------- canned replies: the supervisors' editor

function cannedLineName(lineId) {
  return lineId ? lineName(lineId) : t('cannedEd.allLines');
}

async function loadCannedAll() {
  const result = await api('GET', '/api/staff/canned-replies');
  if (!result.ok) {
    listMsg(apiMessage(result), 'error');
    return;
  }
  state.cannedAll = result.data.canned_replies || [];
  renderCannedTable();
}

function listMsg(text, kind) {
  const msg = $('canned-list-msg');
  msg.textContent = text;
  msg.dataset.kind = kind;
}

function apiMessage(result) {
  return result.error?.message || t('err.generic', { code: result.error?.code || result.status });
}

function renderCannedTable() {
  const rows = [...state.cannedAll]
    .sort((a, b) => String(a.line_id || '').localeCompare(String(b.line_id || '')) || a.title.localeCompare(b.title, 'ja'))
    .map((reply) => {
      const tr = el('tr');
      tr.dataset.cannedId = reply.id;
      tr.append(el('td', 'ce-line-cell', cannedLineName(reply.line_id)));
      tr.append(el('th', 'ce-title-cell', reply.title));
      tr.lastChild.scope = 'row';
      tr.append(el('td', 'ce-body-cell', reply.body));
      const actions = el('td', 'ce-actions');
      const edit = el('button', 'secondary', t('cannedEd.edit'));
      edit.type = 'button';
      edit.setAttribute('aria-label', t('cannedEd.editOf', { title: reply.title }));
      edit.addEventListener('click', () => editCanned(reply));
      const remove = el('button', 'danger', t('cannedEd.delete'));
      remove.type = 'button';
      remove.setAttribute('aria-label', t('cannedEd.deleteOf', { title: reply.title }));
      remove.addEventListener('click', () => deleteCanned(reply));
      actions.append(edit, remove);
      tr.append(actions);
      return tr;
    });
  $('canned-table').tBodies[0].replaceChildren(...rows);
  $('canned-table').closest('.table-wrap').hidden = rows.length === 0;
  $('canned-table-empty').hidden = rows.length > 0;
}

function renderCannedLineChoices() {
  const select = $('ce-line');
  const chosen = select.value;
  const all = el('option', null, t('cannedEd.allLines'));
  all.value = '';
  select.replaceChildren(
    all,
    ...[...state.lines.values()].map((line) => {
      const option = el('option', null, line.name || line.id);
      option.value = line.id;
      return option;
    }),
  );
  select.value = chosen;
}

function resetCannedForm() {
  state.cannedEditing = null;
  $('canned-form').reset();
  $('canned-form-heading').textContent = t('cannedEd.new');
  $('ce-submit').textContent = t('cannedEd.create');
  $('ce-cancel').hidden = true;
  $('canned-form-msg').textContent = '';
}

function editCanned(reply) {
  state.cannedEditing = reply.id;
  $('ce-line').value = reply.line_id || '';
  $('ce-title').value = reply.title;
  $('ce-body').value = reply.body;
  $('canned-form-heading').textContent = t('cannedEd.editing', { title: reply.title });
  $('ce-submit').textContent = t('cannedEd.save');
  $('ce-cancel').hidden = false;
  $('canned-form-msg').textContent = '';
  $('ce-title').focus();
}

async function deleteCanned(reply) {
  if (!window.confirm(t('cannedEd.confirmDelete', { title: reply.title }))) return;
  const result = await api('DELETE', `/api/staff/canned-replies/${encodeURIComponent(reply.id)}`);
  if (!result.ok && result.status !== 404) {
    listMsg(apiMessage(result), 'error');
    return;
  }
  if (state.cannedEditing === reply.id) resetCannedForm();
  state.cannedCache.clear();
  await loadCannedAll();
  listMsg(t('cannedEd.deleted', { title: reply.title }), 'ok');
}

$('canned-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const msg = $('canned-form-msg');
  const title = $('ce-title').value.trim();
  const body = $('ce-body').value.replace(/\s+$/u, '');
  if (!title) {
    msg.textContent = t('cannedEd.needTitle');
    $('ce-title').focus();
    return;
  }
  if (!body.trim()) {
    msg.textContent = t('cannedEd.needBody');
    $('ce-body').focus();
    return;
  }
  const payload = { title, body };
  if ($('ce-line').value) payload.line_id = $('ce-line').value;
  const editing = state.cannedEditing;
  const result = editing
    ? await api('PUT', `/api/staff/canned-replies/${encodeURIComponent(editing)}`, payload)
    : await api('POST', '/api/staff/canned-replies', payload);
  if (!result.ok) {
    msg.textContent = t('cannedEd.refused', { message: apiMessage(result) });
    return;
  }
  resetCannedForm();
  state.cannedCache.clear();
  await loadCannedAll();
  listMsg(t(editing ? 'cannedEd.saved' : 'cannedEd.created', { title }), 'ok');
  $('ce-title').focus();
});

$('ce-cancel').addEventListener('click', () => {
  resetCannedForm();
  $('ce-title').focus();
});

$('canned-manage').addEventListener('click', () => {
  renderCannedLineChoices();
  resetCannedForm();
  listMsg('', 'ok');
  $('canned-editor').showModal();
  $('ce-title').focus();
  loadCannedAll();
});

// ---------------------------------------------------------------- keyboard

const input = $('input');
input.setAttribute('aria-controls', 'canned-list');
input.setAttribute('aria-expanded', 'false');
input.addEventListener('input', onInput);
input.addEventListener('keydown', (event) => {
  if (state.canned.open) {
    const n = Math.max(1, cannedOptions().length);
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      state.canned.index = (state.canned.index + 1) % n;
      renderCanned();
      return;
    }
    if (event.key === 'ArrowUp') {
      event.preventDefault();
      state.canned.index = (state.canned.index + n - 1) % n;
      renderCanned();
      return;
    }
    if (event.key === 'Enter' && !composing(event)) {
      event.preventDefault();
      chooseCanned(state.canned.index);
      return;
    }
    if (event.key === 'Escape') {
      event.preventDefault();
      closeCanned();
      return;
    }
    closeCanned();
  }
  if (event.key === '/' && !input.value && !composing(event)) {
    event.preventDefault();
    openCanned();
    return;
  }
  if (enterSends(event)) {
    event.preventDefault();
    sendMessage();
  }
});
input.addEventListener('blur', () => setTimeout(() => state.canned.open && document.activeElement !== input && closeCanned(), 150));
$('composer').addEventListener('submit', (event) => {
  event.preventDefault();
  sendMessage();
});

function move(delta) {
  const order = state.order;
  if (!order.length) return;
  const at = order.indexOf(state.selected);
  const next = order[(at + delta + order.length) % order.length] ?? order[0];
  openChat(next);
  const c = state.chats.get(next);
  if (c && isMine(c.view) && c.view.status === 'active') $('input').focus();
  else document.querySelector(`.chat-item[data-conversation-id="${next}"]`)?.focus();
}

document.addEventListener('keydown', (event) => {
  if (document.body.dataset.view !== 'app') return;
  const typingInField = /^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName);
  if ((event.altKey && event.key === 'ArrowDown') || (event.ctrlKey && event.key === ']')) {
    event.preventDefault();
    move(1);
  } else if ((event.altKey && event.key === 'ArrowUp') || (event.ctrlKey && event.key === '[')) {
    event.preventDefault();
    move(-1);
  } else if (event.altKey && (event.key === 'n' || event.key === 'N' || event.code === 'KeyN')) {
    event.preventDefault();
    if (state.queue[0]) take(state.queue[0].id);
  } else if (event.altKey && (event.key === 'e' || event.key === 'E' || event.code === 'KeyE')) {
    event.preventDefault();
    openWrap();
  } else if (event.key === '?' && !typingInField) {
    event.preventDefault();
    $('help').showModal();
  }
});

$('help-open').addEventListener('click', () => $('help').showModal());
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible' && state.selected) {
    const c = state.chats.get(state.selected);
    if (c) c.unread = 0;
    renderChats();
  }
});

// ---------------------------------------------------------------- start

async function boot() {
  i18n.wireToggle(document.querySelector('[data-lang-toggle]'));
  i18n.apply();
  setInterval(tick, 1000);
  const result = await api('GET', '/api/staff/session');
  if (result.ok) await signedIn(result.data);
  else showView('signin');
}

boot();
