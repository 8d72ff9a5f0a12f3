// Quick exit: leave this site at once for a neutral page.
// Used by every page a teen may see. `location.replace` swaps the current
// history entry, so the browser's Back button does not bring this page back.
// Before leaving it removes every copy of message text kept on the device; the
// device token stays so that coming back later resumes the chat from the server.

/** The neutral site we leave for. */
export const NEUTRAL_URL = 'https://www.yahoo.co.jp/';

/** Two Esc presses within this many milliseconds also leave. */
const DOUBLE_ESC_MS = 800;

/** The one thing kept: the random device token, so the server can restore an open chat later. */
const KEEP = new Set(['yorisoi.device']);

let leaving = false;

/** True once the quick exit has begun: pages must not write anything more. */
export function leavingNow() {
  return leaving;
}

/**
 * Forgets what could show someone looking at this device what was said:
 * this tab's session storage, and every `yorisoi.*` entry of local storage
 * (conversation copies `yorisoi.chat.*`, the unsent `yorisoi.outbox`, and
 * anything else a page keeps there) except the device token.
 */
export function forgetLocalCopies() {
  try {
    sessionStorage.clear();
  } catch {
    // Storage may be blocked; leaving matters more.
  }
  try {
    for (const key of Object.keys(localStorage)) {
      if (key.startsWith('yorisoi.') && !KEEP.has(key)) localStorage.removeItem(key);
    }
  } catch {
    // Storage may be blocked.
  }
}

/** Clears what this device kept (but the device token) and replaces the page with the neutral site. */
export function quickExit() {
  if (leaving) return;
  leaving = true;
  forgetLocalCopies();
  try {
    document.title = '';
    document.body.hidden = true;
  } catch {
    // Nothing to hide yet.
  }
  location.replace(NEUTRAL_URL);
}

/**
 * Wires every `[data-quick-exit]` button on the page, and Esc pressed twice.
 * Safe to call more than once.
 */
export function installQuickExit(root = document) {
  for (const button of root.querySelectorAll('[data-quick-exit]')) {
    if (button.dataset.quickExitWired) continue;
    button.dataset.quickExitWired = 'yes';
    button.addEventListener('click', (event) => {
      event.preventDefault();
      quickExit();
    });
  }
  if (document.documentElement.dataset.quickExitKeys) return;
  document.documentElement.dataset.quickExitKeys = 'yes';
  let lastEsc = Number.NEGATIVE_INFINITY;
  document.addEventListener(
    'keydown',
    (event) => {
      if (event.key !== 'Escape' || event.repeat) return;
      const now = performance.now();
      if (now - lastEsc <= DOUBLE_ESC_MS) {
        quickExit();
      } else {
        lastEsc = now;
      }
    },
    { capture: true },
  );
}
