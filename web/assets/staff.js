// Shared by the staff pages (console, moderation, partner): their common
// texts, the HTTP helper that sends the session's CSRF token and the words for
// a failed call, the views and top bar, the session (sign-in, sign-out, the
// socket's presence indicator, a session the server ended), and the alert
// sound. The admin page uses the HTTP helper and the views.

/** Texts to merge into a page's dictionary. */
export const STAFF_DICT = {
  ja: {
    loading: '読み込んでいます…',
    signout: 'サインアウト',
    'signin.submit': 'サインイン',
    'signin.empty': 'ユーザー名とパスワードを入力してください。',
    'signin.bad': 'ユーザー名かパスワードが違います。',
    'signin.throttled': '試行が多すぎます。しばらく待ってから試してください。',
    'signin.network': 'サーバーにつながりません。',
    'signin.ended': 'セッションが終了しました。もう一度サインインしてください。',
    'f.username': 'ユーザー名',
    'f.password': 'パスワード',
    'presence.connecting': '接続しています…',
    'presence.reconnecting': '再接続中…',
    'err.generic': 'エラー（{code}）',
    'err.network': 'サーバーにつながりません。',
  },
  en: {
    loading: 'Loading…',
    signout: 'Sign out',
    'signin.submit': 'Sign in',
    'signin.empty': 'Enter your user name and password.',
    'signin.bad': 'Wrong user name or password.',
    'signin.throttled': 'Too many attempts. Please wait and try again.',
    'signin.network': 'Cannot reach the server.',
    'signin.ended': 'Your session has ended. Please sign in again.',
    'f.username': 'User name',
    'f.password': 'Password',
    'presence.connecting': 'Connecting…',
    'presence.reconnecting': 'Reconnecting…',
    'err.generic': 'Error ({code})',
    'err.network': 'Cannot reach the server.',
  },
};

/**
 * An API caller for a signed-in staff page. `setCsrf` stores the token the
 * sign-in answer carries; every change (not GET) sends it in `X-CSRF-Token`.
 * `onUnauthorized` runs when a call other than the sign-in itself gets 401.
 * Resolves with `{ok, status, data, error}`; a network failure is status 0,
 * error code `network`.
 */
export function createStaffApi({ onUnauthorized = () => {} } = {}) {
  let csrf = null;
  async function api(method, path, body) {
    const headers = { Accept: 'application/json' };
    if (method !== 'GET' && method !== 'HEAD') {
      headers['Content-Type'] = 'application/json';
      if (csrf) headers['X-CSRF-Token'] = csrf;
    }
    let response;
    try {
      response = await fetch(path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'same-origin',
        cache: 'no-store',
      });
    } catch {
      return { ok: false, status: 0, data: null, error: { code: 'network' } };
    }
    let data = null;
    if (response.status !== 204) {
      try {
        data = await response.json();
      } catch {
        data = null;
      }
    }
    if (response.status === 401 && path !== '/api/staff/session' && csrf) onUnauthorized();
    return { ok: response.ok, status: response.status, data, error: data?.error };
  }
  return {
    api,
    setCsrf(token) {
      csrf = token || null;
    },
  };
}

/** What to say about a failed call, in `t`'s words: the server's own message, `err.network`, or `err.generic` with the status. */
export function createErrorMessage(t) {
  return (result) => {
    if (result.status === 0) return t('err.network');
    return result.error?.message || t('err.generic', { code: result.status });
  };
}

/**
 * Shows one of a staff page's views (`signin`, `forbidden`, `app`) with its
 * top bar: the ids in `appOnly` in the app only, the account's name and
 * sign-out once signed in.
 */
export function showStaffView(name, appOnly = []) {
  const $ = (id) => document.getElementById(id);
  $('boot').hidden = true;
  $('signin-view').hidden = name !== 'signin';
  $('forbidden-view').hidden = name !== 'forbidden';
  $('app-view').hidden = name !== 'app';
  for (const id of appOnly) $(id).hidden = name !== 'app';
  $('who').hidden = name === 'signin';
  $('sign-out').hidden = name === 'signin';
  document.body.dataset.view = name;
}

/**
 * Wires a staff page's session: the sign-in form (`onSignedIn(body)`),
 * `#sign-out` (`before()`, the session ended on the server, then `reset()`)
 * and the presence view of the page's socket (`signedIn()`: whether an
 * account is in). `reset()` forgets the account and what was shown for it,
 * and shows the sign-in view. Returns
 * `renderPresence`, the socket's `onState`, and `sessionEnded`, for a session
 * the server ended (a 401, a `session_ended` frame): reset, with a note why.
 */
export function wireSession({ api, t, onSignedIn, signedIn, reset, before }) {
  function sessionEnded() {
    reset();
    document.getElementById('signin-msg').textContent = t('signin.ended');
  }
  wireSignIn({ api, t, onSignedIn });
  wireSignOut({ api, before, after: reset });
  return { sessionEnded, renderPresence: presenceView({ api, t, signedIn, onEnded: sessionEnded }) };
}

/**
 * Wires a sign-in form (`#signin-form`, `#signin-username`, `#signin-password`,
 * `#signin-msg`). `t` translates `signin.empty`, `signin.bad`,
 * `signin.throttled`, `signin.network` and `err.generic` ({code}).
 * `onSignedIn(body)` gets the session answer ({account, csrf_token}).
 */
function wireSignIn({ api, t, onSignedIn }) {
  const $ = (id) => document.getElementById(id);
  $('signin-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const username = $('signin-username').value.trim();
    const password = $('signin-password').value;
    const msg = $('signin-msg');
    if (!username || !password) {
      msg.textContent = t('signin.empty');
      return;
    }
    msg.textContent = '';
    const button = event.submitter || event.target.querySelector('[type=submit]');
    if (button) button.disabled = true;
    const result = await api('POST', '/api/staff/session', { username, password });
    if (button) button.disabled = false;
    if (!result.ok) {
      const key = { bad_credentials: 'signin.bad', throttled: 'signin.throttled', network: 'signin.network' }[result.error?.code];
      msg.textContent = key ? t(key) : result.error?.message || t('err.generic', { code: result.status });
      $('signin-password').select();
      return;
    }
    $('signin-password').value = '';
    await onSignedIn(result.data);
  });
}

/** An AudioContext started by a click (browsers allow sound only after one), or null. */
export async function unlockAudio(existing) {
  try {
    const Ctx = window.AudioContext || window.webkitAudioContext;
    const ctx = existing || (Ctx ? new Ctx() : null);
    await ctx?.resume();
    return ctx;
  } catch {
    return null;
  }
}

/** A short beep made here (no files): `kind` 1 = something waits, 2 = a crisis alert. */
export function beep(ctx, kind = 1) {
  if (!ctx || ctx.state !== 'running') return;
  const tones = kind === 2 ? [880, 660, 880, 660] : [660, 880];
  let at = ctx.currentTime + 0.02;
  for (const freq of tones) {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = 'sine';
    osc.frequency.value = freq;
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(0.25, at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.22);
    osc.connect(gain).connect(ctx.destination);
    osc.start(at);
    osc.stop(at + 0.25);
    at += 0.28;
  }
}

/**
 * Shows a staff socket's state in `#presence` (`presence.open`,
 * `presence.reconnecting`, `presence.connecting`); returns the function to
 * give the socket as `onState`. A refused upgrade looks like a dropped
 * connection, so two seconds into reconnecting it asks whether the session
 * still holds (while `signedIn()`), and calls `onEnded` when it does not.
 */
function presenceView({ api, t, signedIn, onEnded }) {
  let sessionCheck = null;
  return function renderPresence(s) {
    const p = document.getElementById('presence');
    p.dataset.state = s;
    p.textContent = t(s === 'open' ? 'presence.open' : s === 'reconnecting' ? 'presence.reconnecting' : 'presence.connecting');
    if (s === 'reconnecting' && !sessionCheck) {
      sessionCheck = setTimeout(async () => {
        sessionCheck = null;
        if (!signedIn()) return;
        const result = await api('GET', '/api/staff/session');
        if (result.status === 401) onEnded();
      }, 2_000);
    }
  };
}

/**
 * Wires `#sign-out`: `before()` (say, stopping the socket), the session
 * ended on the server, `after()` (the page forgets the account and shows the
 * sign-in view), then the sign-in form cleared of messages and focused.
 */
function wireSignOut({ api, before = () => {}, after }) {
  const $ = (id) => document.getElementById(id);
  $('sign-out').addEventListener('click', async () => {
    before();
    await api('DELETE', '/api/staff/session');
    after();
    $('signin-msg').textContent = '';
    $('signin-username').focus();
  });
}

/**
 * A function that says `text` through the live region `#id`: emptied first
 * and filled a moment later, a fresh text node each time, so that the same
 * words are read again.
 */
export function announcer(id) {
  return (text) => {
    const live = document.getElementById(id);
    live.textContent = '';
    setTimeout(() => {
      live.textContent = text;
    }, 50);
  };
}
