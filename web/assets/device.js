// What a teen page keeps on this device, the socket that tells the server
// which device it is, and the banner that shows while that socket is not
// connected. The device token `yorisoi.device` (shared by the chat and the
// salon, never in a URL) is all the quick exit leaves: the JSON copies kept
// here go with it, and none is written back once it has begun.

import { leavingNow } from '/assets/quick-exit.js';
import { ReconnectingSocket } from '/assets/socket.js';

const TOKEN_KEY = 'yorisoi.device';

/** The value kept under `key`, or `fallback`. */
export function load(key, fallback) {
  try {
    const raw = localStorage.getItem(key);
    return raw ? JSON.parse(raw) : fallback;
  } catch {
    return fallback;
  }
}

/** Keeps `value` under `key`. */
export function save(key, value) {
  // After a quick exit nothing may be written back (an ack arriving late, say).
  if (leavingNow()) return;
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or blocked: the page still works, it just forgets on reload.
  }
}

/** Forgets what is kept under `key`. */
export function drop(key) {
  try {
    localStorage.removeItem(key);
  } catch {
    // Nothing to do.
  }
}

// Where storage is blocked the token lasts as long as the page.
let memoryToken = null;

/** This device's token, or null before it has one. */
export function deviceToken() {
  try {
    return localStorage.getItem(TOKEN_KEY) || memoryToken;
  } catch {
    return memoryToken;
  }
}

/**
 * A ReconnectingSocket for a teen page: every (re)connection says `hello`
 * with the device token, and a device without one, or with one the server no
 * longer knows (`unknown_device`: history deleted elsewhere, or a new server),
 * gets a new token first. While no token can be had the page's `onState`
 * hears "reconnecting".
 */
export class TeenSocket extends ReconnectingSocket {
  constructor(path, { onFrame, onState }) {
    super(path, { onState });
    this.onOpen = () => this.hello();
    this.onFrame = (frame) => (frame.type === 'error' && frame.code === 'unknown_device' ? this.renewToken() : onFrame(frame));
  }

  /** The device token; asks the server for one (and again, backing off, while that fails) if there is none. */
  async ensureToken() {
    const existing = deviceToken();
    if (existing) return existing;
    let delay = 500;
    for (;;) {
      try {
        const response = await fetch('/api/teen/devices', { method: 'POST', headers: { Accept: 'application/json' }, cache: 'no-store' });
        if (response.ok) {
          const body = await response.json();
          memoryToken = body.token;
          try {
            localStorage.setItem(TOKEN_KEY, body.token);
          } catch {
            // Kept in memory for this page.
          }
          return body.token;
        }
      } catch {
        // Offline: try again.
      }
      this.onState('reconnecting');
      await new Promise((ok) => setTimeout(ok, delay));
      delay = Math.min(10_000, delay * 2);
    }
  }

  /** Says which device this is; without a token, gets one first. */
  hello() {
    const token = deviceToken();
    if (token) this.send({ type: 'hello', token });
    else this.reconnectWithToken();
  }

  /** The server does not know the token: a new one, then connect again. */
  renewToken() {
    drop(TOKEN_KEY);
    memoryToken = null;
    this.reconnectWithToken();
  }

  reconnectWithToken() {
    this.stop();
    this.ensureToken().then(() => this.start());
  }
}

/**
 * The `#conn` banner of a live teen page. `show(state)` takes the socket's
 * states: connected, it is empty; a blip shorter than 0.6 s (reconnecting) or
 * 1.5 s (connecting) shows nothing. `relabel()` puts its words in the
 * current language.
 */
export function connectionBanner(t) {
  let timer = null;
  let current = 'connecting';
  const words = () => t(current === 'reconnecting' ? 'conn.reconnecting' : 'conn.connecting');
  return {
    show(state) {
      current = state;
      clearTimeout(timer);
      const banner = document.getElementById('conn');
      if (state === 'open') {
        banner.textContent = '';
        banner.dataset.state = '';
        return;
      }
      timer = setTimeout(() => {
        if (current === 'open') return;
        banner.dataset.state = 'reconnecting';
        banner.textContent = words();
      }, state === 'reconnecting' ? 600 : 1500);
    },
    relabel() {
      const banner = document.getElementById('conn');
      if (current !== 'open' && banner.textContent) banner.textContent = words();
    },
  };
}
