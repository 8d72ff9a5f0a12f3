// Shared by the staff pages (console, moderation, partner): the HTTP helper
// that sends the session's CSRF token, the sign-in form and sign-out, the
// socket's presence indicator, and the alert sound.

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

/**
 * Wires a sign-in form (`#signin-form`, `#signin-username`, `#signin-password`,
 * `#signin-msg`). `t` translates `signin.empty`, `signin.bad`,
 * `signin.throttled`, `signin.network` and `err.generic` ({code}).
 * `onSignedIn(body)` gets the session answer ({account, csrf_token}).
 */
export function wireSignIn({ api, t, onSignedIn }) {
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
export function presenceView({ api, t, signedIn, onEnded }) {
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
export function wireSignOut({ api, before = () => {}, after }) {
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
