// A websocket to our own host that comes back by itself: exponential backoff
// (0.5 s doubling to 10 s, with a little jitter), an immediate retry when the
// browser says it is online again or the page becomes visible, and a
// client-side heartbeat so a connection that died silently is noticed.
//
// Frames are JSON objects; `send` adds `"v": 1`. The caller decides what to
// do on every (re)connection in `onOpen` (hello/resume/open…).

const MIN_DELAY_MS = 500;
const MAX_DELAY_MS = 10_000;
const PING_EVERY_MS = 25_000;
const DEAD_AFTER_MS = 65_000;

/** `ws://host/path` or `wss://host/path` for this page's host. */
export function socketUrl(path) {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${path}`;
}

export class ReconnectingSocket {
  /**
   * @param {string} path e.g. "/ws/teen"
   * @param {{onOpen?: Function, onFrame?: Function, onState?: Function}} handlers
   *   onState(state) gets "connecting" | "open" | "reconnecting" | "stopped".
   */
  constructor(path, handlers = {}) {
    this.path = path;
    this.onOpen = handlers.onOpen || (() => {});
    this.onFrame = handlers.onFrame || (() => {});
    this.onState = handlers.onState || (() => {});
    this.ws = null;
    this.delay = MIN_DELAY_MS;
    this.timer = null;
    this.heartbeat = null;
    this.lastHeard = 0;
    this.stopped = true;
    this.everOpened = false;
    this.state = 'stopped';
    this.kick = this.kick.bind(this);
    this.onOffline = this.onOffline.bind(this);
    this.onVisible = this.onVisible.bind(this);
  }

  get isOpen() {
    return this.ws?.readyState === WebSocket.OPEN;
  }

  start() {
    if (!this.stopped) return;
    this.stopped = false;
    window.addEventListener('online', this.kick);
    window.addEventListener('offline', this.onOffline);
    document.addEventListener('visibilitychange', this.onVisible);
    this.connect();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    clearInterval(this.heartbeat);
    window.removeEventListener('online', this.kick);
    window.removeEventListener('offline', this.onOffline);
    document.removeEventListener('visibilitychange', this.onVisible);
    const ws = this.ws;
    this.ws = null;
    if (ws) ws.close(1000);
    this.setState('stopped');
  }

  setState(state) {
    if (this.state === state) return;
    this.state = state;
    this.onState(state);
  }

  connect() {
    clearTimeout(this.timer);
    this.timer = null;
    if (this.stopped || this.ws) return;
    this.setState(this.everOpened ? 'reconnecting' : 'connecting');
    let ws;
    try {
      ws = new WebSocket(socketUrl(this.path));
    } catch {
      this.retry();
      return;
    }
    this.ws = ws;
    ws.addEventListener('open', () => {
      if (this.ws !== ws) return;
      this.delay = MIN_DELAY_MS;
      this.everOpened = true;
      this.lastHeard = Date.now();
      clearInterval(this.heartbeat);
      this.heartbeat = setInterval(() => this.beat(), PING_EVERY_MS);
      this.setState('open');
      this.onOpen();
    });
    ws.addEventListener('message', (event) => {
      if (this.ws !== ws) return;
      this.lastHeard = Date.now();
      let frame;
      try {
        frame = JSON.parse(event.data);
      } catch {
        return;
      }
      if (frame && typeof frame === 'object' && frame.type !== 'pong') this.onFrame(frame);
    });
    ws.addEventListener('close', () => {
      if (this.ws !== ws) return;
      this.ws = null;
      clearInterval(this.heartbeat);
      this.retry();
    });
    // An error is always followed by close.
  }

  retry() {
    if (this.stopped) return;
    this.setState(this.everOpened ? 'reconnecting' : 'connecting');
    clearTimeout(this.timer);
    const jitter = 0.8 + Math.random() * 0.4;
    const wait = Math.min(MAX_DELAY_MS, this.delay) * jitter;
    this.delay = Math.min(MAX_DELAY_MS, this.delay * 2);
    this.timer = setTimeout(() => this.connect(), wait);
  }

  /** Reconnect now (the network came back, the page became visible). */
  kick() {
    if (this.stopped) return;
    if (this.ws) return;
    this.delay = MIN_DELAY_MS;
    this.connect();
  }

  /** Drops the connection and reconnects at once (e.g. after a fatal error frame). */
  restart() {
    const ws = this.ws;
    this.ws = null;
    clearInterval(this.heartbeat);
    if (ws) ws.close(1000);
    this.retry();
  }

  onOffline() {
    // The browser knows the network is gone: do not write into a dead socket.
    const ws = this.ws;
    if (!ws) return;
    this.ws = null;
    clearInterval(this.heartbeat);
    ws.close(1000);
    this.setState('reconnecting');
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.connect(), MAX_DELAY_MS);
  }

  onVisible() {
    if (document.visibilityState !== 'visible') return;
    if (!this.ws) this.kick();
    else if (this.isOpen) this.beat();
  }

  beat() {
    if (!this.isOpen) return;
    if (Date.now() - this.lastHeard > DEAD_AFTER_MS) {
      this.restart();
      return;
    }
    this.send({ type: 'ping' });
  }

  /** Sends a frame; false when not connected (the caller keeps it for later). */
  send(frame) {
    if (!this.isOpen) return false;
    try {
      this.ws.send(JSON.stringify({ v: 1, ...frame }));
      return true;
    } catch {
      return false;
    }
  }
}

/** A fresh id for a message: a UUID where the browser has one. */
export function newId() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** True while an input method (Japanese IME) is composing: Enter must not send. */
export function composing(event) {
  return event.isComposing || event.keyCode === 229;
}

/** True for an Enter that sends: not while an IME is composing, nor with Shift (a new line) or another modifier. */
export function enterSends(event) {
  return event.key === 'Enter' && !composing(event) && !(event.shiftKey || event.altKey || event.ctrlKey || event.metaKey);
}
