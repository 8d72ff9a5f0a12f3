// The administrator's page: accounts, partner organisations, lines and hours,
// and the audit log. Every text from the server goes in with textContent.

import { createI18n } from '/assets/i18n.js';
import { DAYS, DAY_NAMES, formatStamp, isAlwaysOpen, weeklySummary } from '/assets/time.js';
import { createStaffApi, showStaffView } from '/assets/staff.js';

const ROLES = ['admin', 'supervisor', 'counselor', 'moderator', 'partner'];
const KINDS = ['npo', 'municipal_support_centre', 'child_guidance_centre', 'other'];
const HELP_KINDS = ['crisis', 'child_protection', 'carer_support', 'health', 'other'];
const CLOCK = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

const dict = {
  ja: {
    'page.title': '管理 | Yorisoi',
    app: 'Yorisoi 管理',
    loading: '読み込んでいます…',
    signout: 'サインアウト',
    'signin.heading': 'サインイン',
    'signin.submit': 'サインイン',
    'signin.empty': 'ユーザー名とパスワードを入力してください。',
    'signin.bad': 'ユーザー名またはパスワードが違うか、アカウントが無効になっています。',
    'signin.throttled': 'サインインの試行が多すぎます。1分ほど待ってからもう一度お試しください。',
    'forbidden.heading': 'このページは管理者用です',
    'forbidden.body': 'サインインしているアカウントには管理者の権限がありません。管理者のアカウントでサインインし直してください。',
    'tab.accounts': 'アカウント',
    'tab.organisations': '連携先の組織',
    'tab.lines': '相談窓口',
    'tab.audit': '操作の記録',
    'f.username': 'ユーザー名',
    'f.password': 'パスワード',
    'f.display_name': '表示名',
    'f.role': '役割',
    'f.organisation': '所属',
    'f.state': '状態',
    'f.actions': '操作',
    'f.name': '名前',
    'f.kind': '種類',
    'f.created': '作成日時',
    'f.now': 'いま',
    'f.hours': '毎週の受付時間',
    'f.sort': '並び順',
    'f.name_ja': '名前（日本語）',
    'f.name_en': '名前（英語）',
    'f.desc_ja': '説明（日本語）',
    'f.desc_en': '説明（英語）',
    'f.holidays': '祝日は休み',
    'f.autoAssign': '自動で割り当てる',
    'f.maxChats': '同時対応の上限',
    'lines.autoAssignHint': '待っている相談を、対応可能で空きのある相談員に自動で渡します（対応中の少ない人、新しい相談から長く離れている人から）。オフのときは相談員が「取る」で選びます。',
    'lines.auto': '自動割り当て',
    'capacity.heading': '同時に対応できる相談の数',
    'capacity.hint': '相談員が同時に持てる相談の上限です。上の表で相談員ごとに変えられます。相談員はこの数を超えて「同時対応」を選べません。',
    'capacity.default': '既定の上限',
    'capacity.save': '上限を保存',
    'capacity.saved': '既定の上限を {n} にしました。',
    'capacity.bad': '上限は 1 から 20 の整数で入力してください。',
    'capacity.useDefault': '既定（{n}）',
    'capacity.of': '{name} の同時対応の上限',
    'capacity.changed': '「{name}」の上限を {n} にしました。',
    'f.lastEntry': '新しい相談の締め切り（終了の何分前）',
    'f.at': '日時',
    'f.actor': '操作した人',
    'f.action': '操作',
    'f.subject': '対象',
    'f.detail': '詳細',
    'f.day': '曜日',
    'f.start': '開始',
    'f.end': '終了',
    'f.date': '日付',
    'f.closedDay': '終日休み',
    'role.admin': '管理者',
    'role.supervisor': 'スーパーバイザー',
    'role.counselor': '相談員',
    'role.moderator': 'モデレーター',
    'role.partner': '連携先職員',
    'kind.npo': 'NPO',
    'kind.municipal_support_centre': '子供家庭支援センター',
    'kind.child_guidance_centre': '児童相談所',
    'kind.other': 'その他',
    'accounts.heading': 'アカウント',
    'accounts.create': 'アカウントを作る',
    'accounts.submit': '作成する',
    'accounts.created': 'アカウント「{name}」を作りました。',
    'accounts.enabled': '有効',
    'accounts.disabled': '無効',
    'accounts.disable': '無効にする',
    'accounts.enable': '有効にする',
    'accounts.changed': '「{name}」を更新しました。',
    'accounts.roleOf': '{name} の役割',
    'accounts.disableOf': '{name} を無効にする',
    'accounts.enableOf': '{name} を有効にする',
    'accounts.needOrg': '連携先職員には所属の組織を選んでください。',
    'accounts.noOrg': '（組織がありません。先に「連携先の組織」で登録してください）',
    'accounts.you': '（あなた）',
    'orgs.heading': '連携先の組織',
    'orgs.create': '組織を登録する',
    'orgs.submit': '登録する',
    'orgs.created': '組織「{name}」を登録しました。',
    'orgs.saved': '組織「{name}」を更新しました。',
    'orgs.edit': '組織を編集：{name}',
    'orgs.editOf': '{name} を編集',
    'orgs.save': '保存する',
    'orgs.municipalitiesHint': '1行に1つ（例：世田谷区）',
    'hook.heading': 'Webhook：{name}',
    'hook.intro': '連携先のシステムに、この組織の案件の変更をすべて署名付きで送ります（docs/webhooks.md）。',
    'hook.url': '送信先 URL',
    'hook.urlHint': 'https:// のみ（http:// は同じマシン上の 127.0.0.1 などだけ）',
    'hook.enabled': '送信する（止めている間の変更は保存され、再開後に送られます）',
    'hook.secretOnce': '署名用の秘密鍵です。表示はこの一度だけです。安全な方法で連携先に渡してください。',
    'hook.save': 'Webhook を設定する',
    'hook.rotate': '秘密鍵を作り直す',
    'hook.clear': 'Webhook をやめる',
    'hook.confirmRotate': '秘密鍵を作り直しますか？連携先が新しい鍵を使うまで送信は失敗し続けます。',
    'hook.confirmClear': 'Webhook をやめますか？まだ届いていない変更は捨てられます。',
    'hook.saved': 'Webhook を保存しました。',
    'hook.rotated': '秘密鍵を作り直しました。',
    'hook.cleared': 'Webhook をやめました。',
    'hook.none': 'Webhook はありません。',
    'hook.status': '{state}。届いた最新：#{last}。未送信：{pending} 件。',
    'hook.failing': '#{seq} の送信が {attempts} 回失敗：{error}。次は {at}。',
    'hook.on': '送信中',
    'hook.off': '停止中',
    'f.municipalities': '区市町村',
    'f.helpKinds': '支援の種類',
    'f.contactHours': '連絡できる時間',
    'f.onCall': '緊急時の対応',
    'help.crisis': '自殺・自傷の危機',
    'help.child_protection': '虐待・子どもの保護',
    'help.carer_support': 'ヤングケアラー支援',
    'help.health': '心と体の健康',
    'help.other': 'その他',
    edit: '編集',
    'lines.heading': '相談窓口',
    'lines.tz': '時間はすべて日本時間（Asia/Tokyo）です。',
    'lines.new': '新しい窓口を作る',
    'lines.editNew': '新しい窓口',
    'lines.edit': '窓口を編集: {id}',
    'lines.editOf': '{name} を編集',
    'lines.deleteOf': '{name} を削除',
    'lines.editBtn': '編集',
    'lines.deleteBtn': '削除',
    'lines.confirmDelete': '窓口「{name}」を削除します。よろしいですか？',
    'lines.deleted': '窓口「{name}」を削除しました。',
    'lines.saved': '窓口「{name}」を保存しました。',
    'lines.open': '受付中',
    'lines.closed': '時間外',
    'lines.idHint': '英小文字・数字・ - _ . で2〜40文字。URLに使われます。',
    'lines.sortHint': '小さい数ほど上に表示されます。',
    'lines.weekly': '毎週の受付時間',
    'lines.weeklyHint': '時刻は HH:MM（24時間制）。終了が開始と同じか前なら、翌日にまたがります。終了には 24:00 も使えます。',
    'lines.exceptions': '特別な日（休み・時間の変更）',
    'lines.exceptionsHint': 'その日だけ休みにするか、その日だけの受付時間を決めます。',
    'lines.addWindow': '時間帯を追加',
    'lines.addException': '日付を追加',
    'lines.remove': '削除',
    'lines.removeRow': '{n}行目を削除',
    'lines.removeException': '{n}件目の日付を削除',
    'lines.save': '保存する',
    'lines.none': '受付時間なし',
    'lines.always': '毎日 24時間',
    'lines.rowLabel': '{n}行目の{field}',
    'lines.excLabel': '{n}件目の{field}',
    'lines.excWindowLabel': '{n}件目・{m}つ目の時間帯の{field}',
    'lines.badClock': '{n}行目: 時刻は HH:MM（00:00〜23:59、終了は 24:00 も可）で入力してください。',
    'lines.badExcClock': '{n}件目の日付: 時刻は HH:MM で入力してください。',
    'lines.badDate': '{n}件目の日付を入力してください。',
    'lines.noExcWindows': '{n}件目の日付: 「終日休み」にするか、時間帯を1つ以上入れてください。',
    'lines.badId': 'ID は英小文字・数字・ - _ . で2〜40文字にしてください。',
    'lines.badNames': '名前を日本語と英語の両方で入力してください。',
    'lines.badLastEntry': '締め切りは0〜240分で入力してください。',
    'lines.midnight': '（翌日）',
    'audit.heading': '操作の記録',
    'audit.refresh': '最新にする',
    'audit.empty': '記録はまだありません。',
    cancel: 'やめる',
    'err.network': 'サーバーにつながりませんでした。通信を確かめて、もう一度お試しください。',
    'err.generic': 'うまくいきませんでした（{status}）。',
    'err.session': 'サインインの有効期限が切れました。もう一度サインインしてください。',
    'err.lastAdmin': '有効な管理者が一人もいなくなるため、この変更はできません。',
    'err.csrf': '画面が古くなっています。再読み込みしてください。',
    'err.forbidden': 'この操作をする権限がありません。',
  },
  en: {
    'page.title': 'Admin | Yorisoi',
    app: 'Yorisoi admin',
    loading: 'Loading…',
    signout: 'Sign out',
    'signin.heading': 'Sign in',
    'signin.submit': 'Sign in',
    'signin.empty': 'Enter your username and password.',
    'signin.bad': 'The username or password is wrong, or the account is disabled.',
    'signin.throttled': 'Too many sign-in attempts. Wait a minute and try again.',
    'forbidden.heading': 'This page is for administrators',
    'forbidden.body': 'The account you signed in with is not an administrator. Sign out and sign in with an administrator account.',
    'tab.accounts': 'Accounts',
    'tab.organisations': 'Partner organisations',
    'tab.lines': 'Lines',
    'tab.audit': 'Audit log',
    'f.username': 'Username',
    'f.password': 'Password',
    'f.display_name': 'Display name',
    'f.role': 'Role',
    'f.organisation': 'Organisation',
    'f.state': 'State',
    'f.actions': 'Actions',
    'f.name': 'Name',
    'f.kind': 'Kind',
    'f.created': 'Created',
    'f.now': 'Now',
    'f.hours': 'Weekly hours',
    'f.sort': 'Sort order',
    'f.name_ja': 'Name (Japanese)',
    'f.name_en': 'Name (English)',
    'f.desc_ja': 'Description (Japanese)',
    'f.desc_en': 'Description (English)',
    'f.holidays': 'Closed on public holidays',
    'f.autoAssign': 'Assign automatically',
    'f.maxChats': 'Chats at once (limit)',
    'lines.autoAssignHint': 'Waiting chats go by themselves to an available counsellor with room (the least busy first, then the one longest without a new chat). When off, counsellors pick chats with “Take”.',
    'lines.auto': 'automatic assignment',
    'capacity.heading': 'Chats at once',
    'capacity.hint': 'The most chats a counsellor may hold at once. Change it per counsellor in the table above. Counsellors cannot choose more than this.',
    'capacity.default': 'Default limit',
    'capacity.save': 'Save limit',
    'capacity.saved': 'The default limit is now {n}.',
    'capacity.bad': 'Enter a whole number from 1 to 20.',
    'capacity.useDefault': 'Default ({n})',
    'capacity.of': 'Chats at once for {name}',
    'capacity.changed': 'The limit of “{name}” is now {n}.',
    'f.lastEntry': 'Last new chat (minutes before closing)',
    'f.at': 'When',
    'f.actor': 'By',
    'f.action': 'Action',
    'f.subject': 'Subject',
    'f.detail': 'Detail',
    'f.day': 'day',
    'f.start': 'start',
    'f.end': 'end',
    'f.date': 'date',
    'f.closedDay': 'Closed all day',
    'role.admin': 'Administrator',
    'role.supervisor': 'Supervisor',
    'role.counselor': 'Counsellor',
    'role.moderator': 'Moderator',
    'role.partner': 'Partner staff',
    'kind.npo': 'NPO',
    'kind.municipal_support_centre': 'Municipal child and family support centre',
    'kind.child_guidance_centre': 'Child guidance centre',
    'kind.other': 'Other',
    'accounts.heading': 'Accounts',
    'accounts.create': 'Create an account',
    'accounts.submit': 'Create',
    'accounts.created': 'Created the account “{name}”.',
    'accounts.enabled': 'Enabled',
    'accounts.disabled': 'Disabled',
    'accounts.disable': 'Disable',
    'accounts.enable': 'Enable',
    'accounts.changed': 'Updated “{name}”.',
    'accounts.roleOf': 'Role of {name}',
    'accounts.disableOf': 'Disable {name}',
    'accounts.enableOf': 'Enable {name}',
    'accounts.needOrg': 'Choose the organisation of a partner account.',
    'accounts.noOrg': '(No organisations yet: add one under “Partner organisations” first)',
    'accounts.you': ' (you)',
    'orgs.heading': 'Partner organisations',
    'orgs.create': 'Add an organisation',
    'orgs.submit': 'Add',
    'orgs.created': 'Added the organisation “{name}”.',
    'orgs.saved': 'Saved the organisation “{name}”.',
    'orgs.edit': 'Edit organisation: {name}',
    'orgs.editOf': 'Edit {name}',
    'orgs.save': 'Save',
    'orgs.municipalitiesHint': 'One per line (e.g. 世田谷区)',
    'hook.heading': 'Webhook: {name}',
    'hook.intro': 'Sends every change of this organisation\'s cases, signed, to its own system (docs/webhooks.md).',
    'hook.url': 'URL',
    'hook.urlHint': 'https:// only (http:// only to this machine, such as 127.0.0.1)',
    'hook.enabled': 'Deliver (while paused, changes are kept and sent when resumed)',
    'hook.secretOnce': 'The signing secret, shown this once only. Hand it to the partner safely.',
    'hook.save': 'Set webhook',
    'hook.rotate': 'New secret',
    'hook.clear': 'Remove webhook',
    'hook.confirmRotate': 'Make a new secret? Deliveries fail until the partner uses it.',
    'hook.confirmClear': 'Remove the webhook? Changes not yet delivered are dropped.',
    'hook.saved': 'Saved the webhook.',
    'hook.rotated': 'Made a new secret.',
    'hook.cleared': 'Removed the webhook.',
    'hook.none': 'No webhook.',
    'hook.status': '{state}. Last delivered: #{last}. Waiting: {pending}.',
    'hook.failing': 'Event #{seq} failed {attempts} time(s): {error}. Next try {at}.',
    'hook.on': 'Delivering',
    'hook.off': 'Paused',
    'f.municipalities': 'Municipalities',
    'f.helpKinds': 'Kinds of help',
    'f.contactHours': 'Contact hours',
    'f.onCall': 'In an emergency',
    'help.crisis': 'Suicide or self-harm risk',
    'help.child_protection': 'Abuse, child protection',
    'help.carer_support': 'Young carer support',
    'help.health': 'Health',
    'help.other': 'Other',
    edit: 'Edit',
    'lines.heading': 'Lines',
    'lines.tz': 'All times are Japan time (Asia/Tokyo).',
    'lines.new': 'Create a line',
    'lines.editNew': 'New line',
    'lines.edit': 'Edit line: {id}',
    'lines.editOf': 'Edit {name}',
    'lines.deleteOf': 'Delete {name}',
    'lines.editBtn': 'Edit',
    'lines.deleteBtn': 'Delete',
    'lines.confirmDelete': 'Delete the line “{name}”?',
    'lines.deleted': 'Deleted the line “{name}”.',
    'lines.saved': 'Saved the line “{name}”.',
    'lines.open': 'Open',
    'lines.closed': 'Closed',
    'lines.idHint': '2 to 40 of a-z, 0-9, - _ . ; used in addresses.',
    'lines.sortHint': 'Smaller numbers are listed first.',
    'lines.weekly': 'Weekly hours',
    'lines.weeklyHint': 'Times are HH:MM, 24-hour. An end at or before the start runs past midnight. 24:00 is allowed as an end.',
    'lines.exceptions': 'Special dates (closed or different hours)',
    'lines.exceptionsHint': 'Close a single date, or give it its own hours.',
    'lines.addWindow': 'Add a window',
    'lines.addException': 'Add a date',
    'lines.remove': 'Remove',
    'lines.removeRow': 'Remove row {n}',
    'lines.removeException': 'Remove date {n}',
    'lines.save': 'Save',
    'lines.none': 'No hours',
    'lines.always': 'Every day, 24 hours',
    'lines.rowLabel': 'Row {n} {field}',
    'lines.excLabel': 'Date {n} {field}',
    'lines.excWindowLabel': 'Date {n}, window {m} {field}',
    'lines.badClock': 'Row {n}: enter times as HH:MM (00:00 to 23:59; 24:00 allowed as an end).',
    'lines.badExcClock': 'Date {n}: enter times as HH:MM.',
    'lines.badDate': 'Date {n}: enter a date.',
    'lines.noExcWindows': 'Date {n}: tick “Closed all day” or give at least one window.',
    'lines.badId': 'The id must be 2 to 40 of a-z, 0-9, - _ .',
    'lines.badNames': 'Enter the name in both Japanese and English.',
    'lines.badLastEntry': 'The last-entry minutes must be 0 to 240.',
    'lines.midnight': ' (next day)',
    'audit.heading': 'Audit log',
    'audit.refresh': 'Refresh',
    'audit.empty': 'No entries yet.',
    cancel: 'Cancel',
    'err.network': 'Could not reach the server. Check the connection and try again.',
    'err.generic': 'That did not work ({status}).',
    'err.session': 'Your session has ended. Please sign in again.',
    'err.lastAdmin': 'This would leave no enabled administrator, so it was not changed.',
    'err.csrf': 'This page is out of date. Please reload it.',
    'err.forbidden': 'Your role does not allow this.',
  },
};

const state = {
  account: null,
  accounts: [],
  organisations: [],
  lines: [],
  editing: null, // line id being edited, or null for a new line
  editingOrg: null, // organisation id being edited, or null for a new one
};

const $ = (id) => document.getElementById(id);

const i18n = createI18n(dict, () => {
  fillStaticSelects();
  if (state.account) {
    renderWho();
    renderAccounts();
    renderOrganisations();
    renderLines();
    relabelEditor();
    if (!$('panel-audit').hidden) loadAudit();
  }
});
const t = i18n.t;

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'text') node.textContent = value;
    else if (key === 'className') node.className = value;
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (value === true) node.setAttribute(key, '');
    else node.setAttribute(key, value);
  }
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}

function show(msgEl, text, kind = 'info') {
  msgEl.textContent = text || '';
  msgEl.dataset.kind = text ? kind : '';
}

/** Error text for the user: the server's own message, kept as it is. */
function errorText(result) {
  if (result.status === 0) return t('err.network');
  const message = result.error?.message || t('err.generic', { status: result.status });
  const known = { last_admin: 'err.lastAdmin', csrf_failed: 'err.csrf', forbidden: 'err.forbidden' }[result.error?.code];
  return known ? `${t(known)}（${message}）` : message;
}

// ---------------------------------------------------------------- API

const staffApi = createStaffApi({ onUnauthorized: () => sessionEnded() });

/** `staffApi.api`, but every failure carries an error with a message to show. */
async function api(method, path, body) {
  const result = await staffApi.api(method, path, body);
  if (result.ok) return result;
  if (result.status === 0) return { ok: false, status: 0, error: { code: 'network', message: t('err.network') } };
  const error = result.error ?? { code: `http_${result.status}`, message: t('err.generic', { status: result.status }) };
  return { ok: false, status: result.status, error };
}

// ---------------------------------------------------------------- views

function renderWho() {
  if (!state.account) return;
  $('who').textContent = `${state.account.display_name}（${t(`role.${state.account.role}`)}）`;
}

async function signedIn(body) {
  state.account = body.account;
  staffApi.setCsrf(body.csrf_token);
  renderWho();
  if (state.account.role !== 'admin') {
    showStaffView('forbidden');
    $('forbidden-heading').focus?.();
    return;
  }
  showStaffView('app');
  await Promise.all([loadAccounts(), loadOrganisations(), loadLines()]);
}

function sessionEnded() {
  state.account = null;
  staffApi.setCsrf(null);
  showStaffView('signin');
  show($('signin-msg'), t('err.session'), 'error');
}

async function restore() {
  const result = await api('GET', '/api/staff/session');
  if (result.ok) await signedIn(result.data);
  else showStaffView('signin');
}

$('signin-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const msg = $('signin-msg');
  const username = $('signin-username').value.trim();
  const password = $('signin-password').value;
  if (!username || !password) {
    show(msg, t('signin.empty'), 'error');
    return;
  }
  const button = event.submitter || event.target.querySelector('[type=submit]');
  button.disabled = true;
  show(msg, '');
  const result = await api('POST', '/api/staff/session', { username, password });
  button.disabled = false;
  if (!result.ok) {
    const known = { bad_credentials: 'signin.bad', throttled: 'signin.throttled' }[result.error.code];
    show(msg, known ? t(known) : errorText(result), 'error');
    $('signin-password').select();
    return;
  }
  $('signin-password').value = '';
  await signedIn(result.data);
});

$('sign-out').addEventListener('click', async () => {
  await api('DELETE', '/api/staff/session');
  state.account = null;
  staffApi.setCsrf(null);
  showStaffView('signin');
  show($('signin-msg'), '');
  $('signin-username').focus();
});

// ---------------------------------------------------------------- tabs

const tabs = [...document.querySelectorAll('[role=tab]')];

function selectTab(tab, focus = true) {
  for (const other of tabs) {
    const selected = other === tab;
    other.setAttribute('aria-selected', String(selected));
    other.tabIndex = selected ? 0 : -1;
    $(other.getAttribute('aria-controls')).hidden = !selected;
  }
  if (focus) tab.focus();
  if (tab.id === 'tab-audit') loadAudit();
  if (tab.id === 'tab-lines') loadLines();
}

for (const tab of tabs) {
  tab.addEventListener('click', () => selectTab(tab));
  tab.addEventListener('keydown', (event) => {
    const index = tabs.indexOf(tab);
    const moves = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 };
    if (!(event.key in moves)) return;
    event.preventDefault();
    selectTab(tabs[(moves[event.key] + tabs.length) % tabs.length]);
  });
}

// ---------------------------------------------------------------- accounts

function fillStaticSelects() {
  const role = $('acc-role');
  const chosen = role.value || 'counselor';
  role.replaceChildren(...ROLES.map((r) => el('option', { value: r, text: t(`role.${r}`) })));
  role.value = chosen;
  const kind = $('org-kind');
  const chosenKind = kind.value || 'npo';
  kind.replaceChildren(...KINDS.map((k) => el('option', { value: k, text: t(`kind.${k}`) })));
  kind.value = chosenKind;
  const checked = new Set(chosenHelpKinds());
  $('org-help-kinds').replaceChildren(
    ...HELP_KINDS.map((k) =>
      el(
        'div',
        { class: 'field check' },
        el('input', { type: 'checkbox', id: `org-help-${k}`, value: k, checked: checked.has(k) }),
        el('label', { for: `org-help-${k}`, text: t(`help.${k}`) }),
      ),
    ),
  );
  fillOrganisationSelect();
}

function chosenHelpKinds() {
  return HELP_KINDS.filter((k) => $(`org-help-${k}`)?.checked);
}

function fillOrganisationSelect() {
  const select = $('acc-org');
  const chosen = select.value;
  if (!state.organisations.length) {
    select.replaceChildren(el('option', { value: '', text: t('accounts.noOrg') }));
    return;
  }
  select.replaceChildren(...state.organisations.map((o) => el('option', { value: o.id, text: o.name })));
  if (state.organisations.some((o) => o.id === chosen)) select.value = chosen;
}

$('acc-role').addEventListener('change', () => {
  $('acc-org-field').hidden = $('acc-role').value !== 'partner';
});

async function loadAccounts() {
  const [result, limits] = await Promise.all([api('GET', '/api/admin/accounts'), api('GET', '/api/admin/capacity')]);
  if (!result.ok) {
    show($('accounts-msg'), errorText(result), 'error');
    return;
  }
  state.accounts = result.data.accounts || [];
  if (limits.ok) state.limits = limits.data;
  $('capacity-default').value = String(state.limits?.default_max_chats ?? '');
  renderAccounts();
}

/** The limit column: counsellors and supervisors get a menu (default or 1–20). */
function limitCell(account) {
  if (!['counselor', 'supervisor'].includes(account.role) || !state.limits) return el('td', { text: '—' });
  const own = state.limits.accounts.find((a) => a.account_id === account.id)?.max_chats;
  const select = el('select', { 'aria-label': t('capacity.of', { name: account.username }), dataset: { limitOf: account.username } });
  select.append(el('option', { value: '', text: t('capacity.useDefault', { n: state.limits.default_max_chats }) }));
  for (let n = 1; n <= 20; n += 1) select.append(el('option', { value: String(n), text: String(n) }));
  select.value = own ? String(own) : '';
  select.addEventListener('change', async () => {
    const msg = $('accounts-msg');
    select.disabled = true;
    const maxChats = select.value ? Number(select.value) : null;
    const result = await api('PUT', `/api/admin/accounts/${encodeURIComponent(account.id)}/capacity`, { max_chats: maxChats });
    select.disabled = false;
    if (!result.ok) {
      show(msg, errorText(result), 'error');
      renderAccounts();
      return;
    }
    state.limits.accounts = state.limits.accounts.filter((a) => a.account_id !== account.id);
    if (result.data.max_chats) state.limits.accounts.push({ account_id: account.id, max_chats: result.data.max_chats });
    show(msg, t('capacity.changed', { name: account.username, n: result.data.effective_max_chats }), 'ok');
  });
  return el('td', {}, select);
}

$('capacity-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const msg = $('capacity-msg');
  const n = Number($('capacity-default').value);
  if (!Number.isInteger(n) || n < 1 || n > 20) {
    show(msg, t('capacity.bad'), 'error');
    $('capacity-default').focus();
    return;
  }
  const result = await api('PUT', '/api/admin/capacity', { default_max_chats: n });
  if (!result.ok) {
    show(msg, errorText(result), 'error');
    return;
  }
  state.limits = result.data;
  renderAccounts();
  show(msg, t('capacity.saved', { n: result.data.default_max_chats }), 'ok');
});

function organisationName(id) {
  return state.organisations.find((o) => o.id === id)?.name ?? '';
}

function renderAccounts() {
  const rows = state.accounts.map((account) => {
    const name = account.username;
    const roleSelect = el('select', { 'aria-label': t('accounts.roleOf', { name }) });
    roleSelect.append(...ROLES.map((r) => el('option', { value: r, text: t(`role.${r}`) })));
    roleSelect.value = account.role;
    roleSelect.addEventListener('change', async () => {
      const change = { role: roleSelect.value };
      if (roleSelect.value === 'partner' && !account.organisation_id) {
        if (!state.organisations.length) {
          show($('accounts-msg'), t('accounts.needOrg'), 'error');
          roleSelect.value = account.role;
          return;
        }
        change.organisation_id = state.organisations[0].id;
      }
      await changeAccount(account, change, roleSelect);
    });
    const toggle = el('button', {
      type: 'button',
      className: account.disabled ? 'secondary small' : 'danger small',
      text: account.disabled ? t('accounts.enable') : t('accounts.disable'),
      'aria-label': t(account.disabled ? 'accounts.enableOf' : 'accounts.disableOf', { name }),
    });
    toggle.addEventListener('click', () => changeAccount(account, { disabled: !account.disabled }, toggle));
    const you = state.account && account.id === state.account.id ? t('accounts.you') : '';
    const stateCell = el('td', {}, el('span', {
      className: account.disabled ? 'pill pill-off' : 'pill pill-on',
      text: account.disabled ? t('accounts.disabled') : t('accounts.enabled'),
    }));
    return el(
      'tr',
      { dataset: { username: account.username, state: account.disabled ? 'disabled' : 'enabled' } },
      el('th', { scope: 'row', text: account.username + you }),
      el('td', { text: account.display_name }),
      el('td', {}, roleSelect),
      el('td', { text: organisationName(account.organisation_id) }),
      stateCell,
      limitCell(account),
      el('td', {}, toggle),
    );
  });
  $('accounts-table').tBodies[0].replaceChildren(...rows);
}

async function changeAccount(account, change, control) {
  const msg = $('accounts-msg');
  control.disabled = true;
  const result = await api('PATCH', `/api/admin/accounts/${encodeURIComponent(account.id)}`, change);
  control.disabled = false;
  if (!result.ok) {
    show(msg, errorText(result), 'error');
    renderAccounts(); // put the controls back to the stored values
    return;
  }
  const index = state.accounts.findIndex((a) => a.id === account.id);
  if (index >= 0) state.accounts[index] = result.data.account;
  renderAccounts();
  show(msg, t('accounts.changed', { name: result.data.account.username }), 'ok');
}

$('account-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const msg = $('account-form-msg');
  const form = event.target;
  const body = {
    username: $('acc-username').value.trim(),
    display_name: $('acc-display').value.trim(),
    role: $('acc-role').value,
    password: $('acc-password').value,
  };
  if (body.role === 'partner') {
    if (!$('acc-org').value) {
      show(msg, t('accounts.needOrg'), 'error');
      return;
    }
    body.organisation_id = $('acc-org').value;
  }
  const button = form.querySelector('[type=submit]');
  button.disabled = true;
  const result = await api('POST', '/api/admin/accounts', body);
  button.disabled = false;
  if (!result.ok) {
    show(msg, errorText(result), 'error');
    return;
  }
  show(msg, t('accounts.created', { name: result.data.account.username }), 'ok');
  $('acc-username').value = '';
  $('acc-display').value = '';
  $('acc-password').value = '';
  await loadAccounts();
});

// ---------------------------------------------------------------- organisations

async function loadOrganisations() {
  const result = await api('GET', '/api/admin/organisations');
  if (!result.ok) {
    show($('org-form-msg'), errorText(result), 'error');
    return;
  }
  state.organisations = result.data.organisations || [];
  renderOrganisations();
  fillOrganisationSelect();
  renderAccounts();
}

function renderOrganisations() {
  const rows = state.organisations.map((o) =>
    el(
      'tr',
      {},
      el('th', { scope: 'row', text: o.name }),
      el('td', { text: t(`kind.${o.kind}`) }),
      el('td', { text: (o.municipalities || []).join('、') }),
      el('td', { text: (o.help_kinds || []).map((k) => t(`help.${k}`)).join('、') }),
      el('td', { text: o.contact_hours || '' }),
      el('td', { class: 'pre-wrap', text: o.on_call_note || '' }),
      el('td', {}, editButton(o)),
    ),
  );
  $('orgs-table').tBodies[0].replaceChildren(...rows);
}

function editButton(o) {
  const button = el('button', {
    type: 'button',
    class: 'secondary',
    text: t('edit'),
    'aria-label': t('orgs.editOf', { name: o.name }),
  });
  button.addEventListener('click', () => editOrganisation(o));
  return button;
}

function editOrganisation(o) {
  state.editingOrg = o?.id ?? null;
  $('org-name').value = o?.name ?? '';
  $('org-kind').value = o?.kind ?? 'npo';
  $('org-municipalities').value = (o?.municipalities || []).join('\n');
  $('org-hours').value = o?.contact_hours ?? '';
  $('org-oncall').value = o?.on_call_note ?? '';
  for (const k of HELP_KINDS) $(`org-help-${k}`).checked = (o?.help_kinds || []).includes(k);
  $('org-form-heading').textContent = o ? t('orgs.edit', { name: o.name }) : t('orgs.create');
  $('org-submit').textContent = o ? t('orgs.save') : t('orgs.submit');
  $('org-cancel').hidden = !o;
  show($('org-form-msg'), '');
  showWebhook(o);
  if (o) $('org-name').focus();
}

// ---------------------------------------------------------------- webhooks

/** The webhook card of the organisation being edited (hidden otherwise). */
async function showWebhook(o) {
  const form = $('webhook-form');
  form.hidden = !o;
  $('webhook-secret-box').hidden = true;
  $('webhook-secret').textContent = '';
  show($('webhook-msg'), '');
  if (!o) return;
  $('webhook-heading').textContent = t('hook.heading', { name: o.name });
  const result = await api('GET', webhookPath(o.id));
  if (!result.ok) {
    show($('webhook-msg'), errorText(result), 'error');
    return;
  }
  renderWebhook(result.data.webhook);
}

function webhookPath(id) {
  return `/api/admin/organisations/${encodeURIComponent(id)}/webhook`;
}

function renderWebhook(hook) {
  $('webhook-url').value = hook.url ?? '';
  $('webhook-enabled').checked = hook.url ? hook.enabled : true;
  $('webhook-rotate').hidden = !hook.has_secret;
  $('webhook-clear').hidden = !hook.url;
  const s = hook.status;
  let text = hook.url
    ? t('hook.status', {
        state: t(hook.enabled ? 'hook.on' : 'hook.off'),
        last: s.last_delivered_sequence ?? '—',
        pending: s.pending,
      })
    : t('hook.none');
  if (s.last_error) {
    const at = s.next_attempt_at ? new Date(s.next_attempt_at).toLocaleString() : '—';
    text += ` ${t('hook.failing', { seq: s.next_sequence, attempts: s.next_attempts, error: s.last_error, at })}`;
  }
  $('webhook-status').textContent = text;
  if (hook.secret) {
    $('webhook-secret').textContent = hook.secret;
    $('webhook-secret-box').hidden = false;
  }
}

async function webhookAction(method, path, body, done) {
  const msg = $('webhook-msg');
  const result = await api(method, path, body);
  if (!result.ok) {
    show(msg, errorText(result), 'error');
    return;
  }
  $('webhook-secret-box').hidden = true;
  renderWebhook(result.data.webhook);
  show(msg, t(done), 'ok');
}

$('webhook-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  if (!state.editingOrg) return;
  const body = { url: $('webhook-url').value.trim(), enabled: $('webhook-enabled').checked };
  await webhookAction('PUT', webhookPath(state.editingOrg), body, 'hook.saved');
});

$('webhook-rotate').addEventListener('click', async () => {
  if (!state.editingOrg || !window.confirm(t('hook.confirmRotate'))) return;
  await webhookAction('POST', `${webhookPath(state.editingOrg)}/secret`, undefined, 'hook.rotated');
});

$('webhook-clear').addEventListener('click', async () => {
  if (!state.editingOrg || !window.confirm(t('hook.confirmClear'))) return;
  await webhookAction('DELETE', webhookPath(state.editingOrg), undefined, 'hook.cleared');
});

$('org-cancel').addEventListener('click', () => editOrganisation(null));

$('org-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const msg = $('org-form-msg');
  const body = {
    name: $('org-name').value.trim(),
    kind: $('org-kind').value,
    municipalities: $('org-municipalities')
      .value.split(/[\n,、]/)
      .map((m) => m.trim())
      .filter(Boolean),
    help_kinds: chosenHelpKinds(),
    contact_hours: $('org-hours').value.trim(),
    on_call_note: $('org-oncall').value.trim(),
  };
  const button = event.target.querySelector('[type=submit]');
  button.disabled = true;
  const editing = state.editingOrg;
  const result = editing
    ? await api('PUT', `/api/admin/organisations/${encodeURIComponent(editing)}`, body)
    : await api('POST', '/api/admin/organisations', body);
  button.disabled = false;
  if (!result.ok) {
    show(msg, errorText(result), 'error');
    return;
  }
  const name = result.data.organisation?.name ?? body.name;
  editOrganisation(null);
  show(msg, t(editing ? 'orgs.saved' : 'orgs.created', { name }), 'ok');
  await loadOrganisations();
});

// ---------------------------------------------------------------- lines

async function loadLines() {
  // The admin list carries what the editor needs (sort order, both
  // descriptions, schedule); the public list adds whether a line is open now.
  const [admin, open] = await Promise.all([api('GET', '/api/admin/lines'), api('GET', '/api/lines?lang=ja')]);
  if (!admin.ok) {
    show($('lines-msg'), errorText(admin), 'error');
    return;
  }
  const openNow = new Map((open.ok ? open.data.lines : []).map((l) => [l.id, l.open_now]));
  state.lines = (admin.data.lines || [])
    .map((line) => ({ ...line, open_now: openNow.get(line.id) ?? false }))
    .sort((a, b) => a.sort_order - b.sort_order || a.id.localeCompare(b.id));
  renderLines();
}

function hoursText(line) {
  if (isAlwaysOpen(line.schedule)) return t('lines.always');
  const summary = weeklySummary(line.schedule?.weekly, i18n.lang);
  if (!summary.length) return t('lines.none');
  return summary.map((d) => `${d.name} ${d.windows.join(', ')}`).join(' / ');
}

function renderLines() {
  const rows = state.lines.map((line) => {
    const name = line.name_ja;
    const edit = el('button', { type: 'button', className: 'secondary small', text: t('lines.editBtn'), 'aria-label': t('lines.editOf', { name }) });
    edit.addEventListener('click', () => openEditor(line));
    const remove = el('button', { type: 'button', className: 'danger small', text: t('lines.deleteBtn'), 'aria-label': t('lines.deleteOf', { name }) });
    remove.addEventListener('click', () => deleteLine(line));
    return el(
      'tr',
      { dataset: { lineId: line.id } },
      el('td', {}, el('code', { text: line.id })),
      el('th', { scope: 'row', text: name }),
      el('td', {}, el('span', { className: line.open_now ? 'pill pill-on' : 'pill pill-off', text: line.open_now ? t('lines.open') : t('lines.closed') })),
      el('td', { className: 'hours-cell', text: hoursText(line) }, line.auto_assign ? el('span', { className: 'pill pill-on', text: t('lines.auto') }) : null),
      el('td', {}, el('div', { className: 'buttons' }, edit, remove)),
    );
  });
  $('lines-table').tBodies[0].replaceChildren(...rows);
}

async function deleteLine(line) {
  if (!window.confirm(t('lines.confirmDelete', { name: line.name_ja }))) return;
  const result = await api('DELETE', `/api/admin/lines/${encodeURIComponent(line.id)}`);
  if (!result.ok) {
    show($('lines-msg'), errorText(result), 'error');
    return;
  }
  show($('lines-msg'), t('lines.deleted', { name: line.name_ja }), 'ok');
  if (state.editing === line.id) closeEditor();
  await loadLines();
}

// Editor rows. Each row's inputs are labelled for screen readers by row number.

function timeInput(value, label, cls) {
  return el('input', {
    type: 'text',
    className: `clock ${cls}`,
    value: value ?? '',
    inputmode: 'numeric',
    placeholder: 'HH:MM',
    maxlength: '5',
    autocomplete: 'off',
    'aria-label': label,
  });
}

function addWeeklyRow(window = { day: 'mon', start: '09:00', end: '17:00' }) {
  const list = $('weekly-rows');
  const row = el('li', { className: 'row weekly-row' });
  const day = el('select', { className: 'day' });
  day.append(...DAYS.map((d) => el('option', { value: d, text: DAY_NAMES[i18n.lang][d] })));
  day.value = window.day;
  const start = timeInput(window.start, '', 'start');
  const end = timeInput(window.end, '', 'end');
  const remove = el('button', { type: 'button', className: 'secondary small remove', text: t('lines.remove') });
  remove.addEventListener('click', () => {
    row.remove();
    relabelEditor();
  });
  row.append(day, start, el('span', { className: 'dash', 'aria-hidden': 'true', text: '–' }), end, remove);
  list.append(row);
  relabelEditor();
  return row;
}

function addExceptionWindow(container, window = { start: '10:00', end: '16:00' }) {
  const row = el('li', { className: 'row window-row' });
  const start = timeInput(window.start, '', 'start');
  const end = timeInput(window.end, '', 'end');
  const remove = el('button', { type: 'button', className: 'secondary small remove', text: t('lines.remove') });
  remove.addEventListener('click', () => {
    row.remove();
    relabelEditor();
  });
  row.append(start, el('span', { className: 'dash', 'aria-hidden': 'true', text: '–' }), end, remove);
  container.append(row);
  relabelEditor();
}

function addExceptionRow(exception = { date: '', closed: true }) {
  const list = $('exception-rows');
  const row = el('li', { className: 'exception' });
  const head = el('div', { className: 'row' });
  const date = el('input', { type: 'date', className: 'date', value: exception.date || '' });
  const closedId = `exc-closed-${Math.random().toString(36).slice(2, 9)}`;
  const closed = el('input', { type: 'checkbox', className: 'closed', id: closedId });
  closed.checked = Boolean(exception.closed);
  const closedLabel = el('label', { for: closedId, className: 'inline', dataset: { i18n: 'f.closedDay' }, text: t('f.closedDay') });
  const remove = el('button', { type: 'button', className: 'secondary small remove-exception', text: t('lines.remove') });
  remove.addEventListener('click', () => {
    row.remove();
    relabelEditor();
  });
  head.append(date, el('span', { className: 'check' }, closed, closedLabel), remove);
  const windows = el('ol', { className: 'rows windows' });
  const addWindow = el('button', { type: 'button', className: 'secondary small add-window', text: t('lines.addWindow'), dataset: { i18n: 'lines.addWindow' } });
  addWindow.addEventListener('click', () => addExceptionWindow(windows));
  const windowBox = el('div', { className: 'exception-windows' }, windows, addWindow);
  const sync = () => {
    windowBox.hidden = closed.checked;
  };
  closed.addEventListener('change', () => {
    if (!closed.checked && !windows.children.length) addExceptionWindow(windows);
    sync();
  });
  for (const w of exception.windows || []) addExceptionWindow(windows, w);
  row.append(head, windowBox);
  list.append(row);
  sync();
  relabelEditor();
}

function relabelEditor() {
  [...$('weekly-rows').children].forEach((row, i) => {
    const n = i + 1;
    row.querySelector('.day').setAttribute('aria-label', t('lines.rowLabel', { n, field: t('f.day') }));
    row.querySelector('.start').setAttribute('aria-label', t('lines.rowLabel', { n, field: t('f.start') }));
    row.querySelector('.end').setAttribute('aria-label', t('lines.rowLabel', { n, field: t('f.end') }));
    const remove = row.querySelector('.remove');
    remove.textContent = t('lines.remove');
    remove.setAttribute('aria-label', t('lines.removeRow', { n }));
    const day = row.querySelector('.day');
    for (const option of day.options) option.textContent = DAY_NAMES[i18n.lang][option.value];
  });
  [...$('exception-rows').children].forEach((row, i) => {
    const n = i + 1;
    row.querySelector('.date').setAttribute('aria-label', t('lines.excLabel', { n, field: t('f.date') }));
    const remove = row.querySelector('.remove-exception');
    remove.textContent = t('lines.remove');
    remove.setAttribute('aria-label', t('lines.removeException', { n }));
    row.querySelector('.add-window').textContent = t('lines.addWindow');
    row.querySelector('label.inline').textContent = t('f.closedDay');
    [...row.querySelectorAll('.window-row')].forEach((w, j) => {
      const m = j + 1;
      w.querySelector('.start').setAttribute('aria-label', t('lines.excWindowLabel', { n, m, field: t('f.start') }));
      w.querySelector('.end').setAttribute('aria-label', t('lines.excWindowLabel', { n, m, field: t('f.end') }));
      const remove = w.querySelector('.remove');
      remove.textContent = t('lines.remove');
      remove.setAttribute('aria-label', `${t('lines.excWindowLabel', { n, m, field: '' })} ${t('lines.remove')}`.trim());
    });
  });
  $('line-form-heading').textContent = state.editing ? t('lines.edit', { id: state.editing }) : t('lines.editNew');
}

function openEditor(line) {
  const form = $('line-form');
  state.editing = line ? line.id : null;
  show($('line-form-msg'), '');
  $('line-id').value = line ? line.id : '';
  $('line-id').readOnly = Boolean(line);
  const last = state.lines.reduce((max, l) => Math.max(max, l.sort_order ?? 0), 0);
  $('line-sort').value = String(line ? line.sort_order ?? 0 : last + 10);
  $('line-name-ja').value = line?.name_ja ?? '';
  $('line-name-en').value = line?.name_en ?? '';
  $('line-desc-ja').value = line?.description_ja ?? '';
  $('line-desc-en').value = line?.description_en ?? '';
  $('weekly-rows').replaceChildren();
  $('exception-rows').replaceChildren();
  for (const w of line?.schedule?.weekly ?? []) addWeeklyRow(w);
  if (!line) addWeeklyRow();
  for (const e of line?.schedule?.exceptions ?? []) addExceptionRow(e);
  $('line-holidays').checked = Boolean(line?.schedule?.closed_on_public_holidays);
  $('line-auto-assign').checked = Boolean(line?.auto_assign);
  $('line-last-entry').value = String(line?.schedule?.last_entry_minutes ?? 15);
  form.hidden = false;
  relabelEditor();
  (line ? $('line-name-ja') : $('line-id')).focus();
  form.scrollIntoView({ block: 'start' });
}

function closeEditor() {
  $('line-form').hidden = true;
  state.editing = null;
}

$('line-new').addEventListener('click', () => openEditor(null));
$('line-cancel').addEventListener('click', () => {
  closeEditor();
  $('line-new').focus();
});
$('weekly-add').addEventListener('click', () => {
  const row = addWeeklyRow();
  row.querySelector('.day').focus();
});
$('exception-add').addEventListener('click', () => {
  addExceptionRow();
  $('exception-rows').lastElementChild.querySelector('.date').focus();
});

/** Reads the editor into the API's body, or returns {error}. */
function readEditor() {
  const id = $('line-id').value.trim();
  if (!/^[a-z0-9._-]{2,40}$/.test(id)) return { error: t('lines.badId'), focus: $('line-id') };
  const nameJa = $('line-name-ja').value.trim();
  const nameEn = $('line-name-en').value.trim();
  if (!nameJa || !nameEn) return { error: t('lines.badNames'), focus: nameJa ? $('line-name-en') : $('line-name-ja') };
  const weekly = [];
  const weeklyRows = [...$('weekly-rows').children];
  for (const [i, row] of weeklyRows.entries()) {
    const start = row.querySelector('.start').value.trim();
    const end = row.querySelector('.end').value.trim();
    if (!CLOCK.test(start) || !CLOCK.test(end)) return { error: t('lines.badClock', { n: i + 1 }), focus: row.querySelector(CLOCK.test(start) ? '.end' : '.start') };
    weekly.push({ day: row.querySelector('.day').value, start, end });
  }
  const exceptions = [];
  for (const [i, row] of [...$('exception-rows').children].entries()) {
    const date = row.querySelector('.date').value;
    if (!date) return { error: t('lines.badDate', { n: i + 1 }), focus: row.querySelector('.date') };
    if (row.querySelector('.closed').checked) {
      exceptions.push({ date, closed: true });
      continue;
    }
    const windows = [];
    for (const w of row.querySelectorAll('.window-row')) {
      const start = w.querySelector('.start').value.trim();
      const end = w.querySelector('.end').value.trim();
      if (!CLOCK.test(start) || !CLOCK.test(end)) return { error: t('lines.badExcClock', { n: i + 1 }), focus: w.querySelector('.start') };
      windows.push({ start, end });
    }
    if (!windows.length) return { error: t('lines.noExcWindows', { n: i + 1 }), focus: row.querySelector('.closed') };
    exceptions.push({ date, windows });
  }
  const lastEntry = Number($('line-last-entry').value);
  if (!Number.isInteger(lastEntry) || lastEntry < 0 || lastEntry > 240) return { error: t('lines.badLastEntry'), focus: $('line-last-entry') };
  return {
    id,
    body: {
      sort_order: Number.parseInt($('line-sort').value, 10) || 0,
      name_ja: nameJa,
      name_en: nameEn,
      description_ja: $('line-desc-ja').value.trim(),
      description_en: $('line-desc-en').value.trim(),
      schedule: {
        weekly,
        exceptions,
        closed_on_public_holidays: $('line-holidays').checked,
        last_entry_minutes: lastEntry,
      },
      auto_assign: $('line-auto-assign').checked,
    },
  };
}

$('line-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const msg = $('line-form-msg');
  const read = readEditor();
  if (read.error) {
    show(msg, read.error, 'error');
    read.focus?.focus();
    return;
  }
  const button = event.target.querySelector('[type=submit]');
  button.disabled = true;
  const result = await api('PUT', `/api/admin/lines/${encodeURIComponent(read.id)}`, read.body);
  button.disabled = false;
  if (!result.ok) {
    show(msg, errorText(result), 'error');
    return;
  }
  const saved = result.data.line;
  state.editing = saved?.id ?? read.id;
  $('line-id').readOnly = true;
  relabelEditor();
  show(msg, t('lines.saved', { name: saved?.name_ja ?? read.body.name_ja }), 'ok');
  show($('lines-msg'), t('lines.saved', { name: saved?.name_ja ?? read.body.name_ja }), 'ok');
  await loadLines();
});

// ---------------------------------------------------------------- audit log

async function loadAudit() {
  const msg = $('audit-msg');
  const result = await api('GET', '/api/admin/audit?limit=100');
  if (!result.ok) {
    show(msg, errorText(result), 'error');
    return;
  }
  const entries = result.data.entries || [];
  show(msg, entries.length ? '' : t('audit.empty'));
  const names = new Map(state.accounts.map((a) => [a.id, a.username]));
  const rows = entries.map((entry) => {
    let detail = '';
    if (entry.detail !== undefined && entry.detail !== null) {
      detail = typeof entry.detail === 'string' ? entry.detail : JSON.stringify(entry.detail);
    }
    if (detail === '{}') detail = '';
    return el(
      'tr',
      {},
      el('td', { className: 'nowrap', text: entry.at ? formatStamp(new Date(entry.at), i18n.lang) : '' }),
      el('td', { className: 'nowrap', text: entry.actor_id ? names.get(entry.actor_id) ?? entry.actor_id : '—' }),
      el('td', {}, el('code', { text: entry.action ?? '' })),
      el('td', { text: readableSubject(entry.subject ?? '', names), title: entry.subject ?? '' }),
      el('td', { className: 'detail' }, el('code', { text: detail })),
    );
  });
  $('audit-table').tBodies[0].replaceChildren(...rows);
}

/** "account:<uuid>" reads better as "account:<username>"; the id stays in the title. */
function readableSubject(subject, names) {
  const match = /^account:(.+)$/.exec(subject);
  if (match && names.has(match[1])) return `account:${names.get(match[1])}`;
  const org = /^organisation:(.+)$/.exec(subject);
  const found = org && state.organisations.find((o) => o.id === org[1]);
  return found ? `organisation:${found.name}` : subject;
}

$('audit-refresh').addEventListener('click', loadAudit);

// ---------------------------------------------------------------- start

i18n.wireToggle(document.querySelector('[data-lang-toggle]'));
i18n.apply();
restore();
