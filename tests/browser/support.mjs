// Shared helpers for the browser tests: start a fresh yorisoi server with
// demo data, launch the system Chromium, open pages, sign staff in, and watch
// for CSP violations.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { after, before } from 'node:test';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const SCREENSHOTS = join(here, 'screenshots');
export const NEUTRAL_URL = 'https://www.yahoo.co.jp/';

const BIN = resolve(here, process.env.YORISOI_BIN || '../../target/debug/yorisoi');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** A port that was free a moment ago (the server's default origins need the real port). */
async function freePort() {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.unref();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
  });
}

/**
 * Starts `yorisoi serve --demo` on a fresh SQLite database. Resolves with
 * { url, accounts: {role: {username, password}}, stop() } once the server
 * says where it is serving. `env` adds settings (e.g. short idle times).
 */
export async function startServer(env = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'yorisoi-browser-'));
  const port = await freePort();
  const child = spawn(BIN, ['serve', '--demo'], {
    env: {
      ...process.env,
      YORISOI_DATABASE_URL: `sqlite://${join(dir, 'y.db')}`,
      YORISOI_BIND: `127.0.0.1:${port}`,
      YORISOI_LOG: process.env.YORISOI_LOG || 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const accounts = {};
  const ready = new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`yorisoi did not start in 60 s\nstdout:\n${stdout}\nstderr:\n${stderr}`)), 60_000);
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      const match = /serving on (http:\/\/[^\s/]+)\//.exec(stderr);
      if (match) {
        clearTimeout(timer);
        ok(match[1]);
      }
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      fail(new Error(`cannot start ${BIN}: ${error.message}`));
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`yorisoi exited with ${code}\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    });
  });
  const url = await ready;
  // The demo accounts are printed before the serving line.
  for (const line of stdout.split('\n')) {
    const m = /^\s+(admin|supervisor|counselor|moderator|partner)\s+(\S+)\s+(\S+)\s*$/.exec(line);
    if (m) accounts[m[1]] = { username: m[2], password: m[3] };
  }
  if (!accounts.admin) throw new Error(`no demo accounts in the output:\n${stdout}`);
  return {
    url,
    accounts,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((ok) => child.once('exit', ok));
        child.kill('SIGTERM');
        const timeout = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timeout);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * The server and browser that the tests of one file share: started before the
 * first test and stopped after the last. `env` adds server settings; `setup(site)`
 * runs once both are up (to add accounts or lines, say). Pages are opened on
 * `site.base`, the server on localhost: browsers accept the __Host- staff cookie
 * over http only there.
 */
export function useSite({ env = {}, setup } = {}) {
  const site = {
    server: undefined,
    base: undefined,
    browser: undefined,
    /** A fresh browser context and page, closed when test `t` ends. */
    async open(t, options = desktopOptions()) {
      const context = await site.browser.newContext(options);
      t.after(() => context.close());
      const watch = await watchPage(context, site.base);
      const page = await context.newPage();
      return { context, page, watch };
    },
    /** A fresh page with a staff member of `role` signed in at `path`, live socket open. */
    async staff(t, role, path = '/console/', options = desktopOptions()) {
      const opened = await site.open(t, options);
      await signIn(opened.page, `${site.base}${path}`, site.server.accounts[role]);
      await opened.page.locator('#presence[data-state="open"]').waitFor();
      return opened;
    },
  };
  before(async () => {
    site.server = await startServer(env);
    site.base = site.server.url.replace('127.0.0.1', 'localhost');
    site.browser = await launchBrowser();
    if (setup) await setup(site);
  });
  after(async () => {
    await site.browser?.close();
    await site.server?.stop();
  });
  return site;
}

/** Fills in and submits the sign-in form of the staff page at `url`. */
export async function signIn(page, url, { username, password }) {
  await page.goto(url);
  await page.getByLabel('ユーザー名').first().fill(username);
  await page.getByLabel('パスワード').first().fill(password);
  await page.getByRole('button', { name: 'サインイン' }).click();
}

/** A page's problems, less the websocket errors of a server that closed a socket on purpose. */
export function realProblems(watch) {
  return watch.problems().filter((p) => !/WebSocket connection to .* failed/.test(p));
}

/** Phone context for the teen pages. */
export function phoneOptions(lang = 'ja-JP') {
  return {
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: lang,
    timezoneId: 'Asia/Tokyo',
  };
}

/** Desktop context for the admin page. */
export function desktopOptions() {
  return {
    viewport: { width: 1280, height: 900 },
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
  };
}

/**
 * Records console messages and page errors; `problems()` lists CSP
 * violations, uncaught errors and console errors. Blocks every request that
 * leaves the test server except the neutral quick-exit site, which gets a tiny page.
 */
export async function watchPage(context, baseUrl) {
  const problems = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(baseUrl) || url.startsWith('data:')) return route.continue();
    if (url.startsWith(NEUTRAL_URL)) {
      return route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>neutral</title><p>neutral page</p>' });
    }
    problems.push(`request left the test server: ${url}`);
    return route.abort();
  });
  context.on('page', (page) => attach(page));
  function attach(page) {
    page.on('console', (message) => {
      const text = message.text();
      if (/Content Security Policy/i.test(text)) problems.push(`CSP: ${text}`);
      else if (message.type() === 'error' && !/status of 4\d\d/.test(text)) problems.push(`console error: ${text}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  }
  for (const page of context.pages()) attach(page);
  return { problems: () => problems.slice() };
}

export function screenshotPath(name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return join(SCREENSHOTS, name);
}

/**
 * Signs in through the API with a cookie jar of one cookie; returns a fetch for admin calls.
 * The server throttles sign-ins per account and per client (a burst of 5, then one per 12 s),
 * and every sign-in of a test file comes from one client: when a file signs in often on a
 * quick machine, a throttled sign-in is tried again once the budget has refilled.
 */
export async function adminApi(baseUrl, { username, password }) {
  const signIn = () =>
    fetch(`${baseUrl}/api/staff/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
  let response = await signIn();
  for (let retry = 0; response.status === 429 && retry < 5; retry += 1) {
    await new Promise((resolve) => setTimeout(resolve, 13_000));
    response = await signIn();
  }
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers.get('set-cookie').split(';')[0];
  const { csrf_token: csrf } = await response.json();
  return async (method, path, body) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf, Cookie: cookie },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
}

/** Creates a staff account with the demo administrator; it signs in as `server.accounts[key]`. */
export async function addAccount(server, key, { role, ...account }) {
  const admin = await adminApi(server.url, server.accounts.admin);
  const made = await admin('POST', '/api/admin/accounts', { ...account, role });
  if (made.status !== 201) throw new Error(`cannot create ${key}: ${made.status} ${JSON.stringify(made.body)}`);
  server.accounts[key] = { username: account.username, password: account.password };
}

/** Tokyo weekday ("mon".."sun") `offset` days from now. */
export function tokyoDay(offset = 0) {
  const date = new Date(Date.now() + offset * 86_400_000);
  const name = new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Tokyo', weekday: 'short' }).format(date);
  return name.toLowerCase().slice(0, 3);
}

/**
 * Accessibility smoke check of a page, as a list of problems: controls without an
 * accessible name, touch targets under `minTarget` px, inline styles, scripts and
 * handlers (the CSP blocks them), a missing lang, not exactly one shown h1,
 * duplicate ids, no live region.
 */
export async function audit(page, { minTarget = 0 } = {}) {
  return page.evaluate((minTarget) => {
    const problems = [];
    const visible = (el) => {
      const style = getComputedStyle(el);
      const rect = el.getBoundingClientRect();
      return style.display !== 'none' && style.visibility !== 'hidden' && rect.width > 0 && rect.height > 0;
    };
    const describe = (el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className ? `.${String(el.className).split(' ').join('.')}` : ''}`;
    const nameOf = (el) => {
      const labelledby = el.getAttribute('aria-labelledby');
      if (labelledby) {
        const text = labelledby.split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' ').trim();
        if (text) return text;
      }
      const aria = el.getAttribute('aria-label');
      if (aria && aria.trim()) return aria.trim();
      if (el.labels && el.labels.length) {
        const text = [...el.labels].map((l) => l.textContent).join(' ').trim();
        if (text) return text;
      }
      if (el.matches('button, a')) return el.textContent.trim();
      return el.getAttribute('title')?.trim() ?? '';
    };
    for (const el of document.querySelectorAll('button, a[href], input, select, textarea, [role=tab]')) {
      if (el.type === 'hidden' || !visible(el)) continue;
      if (!nameOf(el)) problems.push(`no accessible name: ${describe(el)}`);
      if (minTarget) {
        const rect = el.getBoundingClientRect();
        const inlineLink = el.matches('a') && getComputedStyle(el).display === 'inline';
        if (!inlineLink && (rect.height < minTarget || rect.width < minTarget)) {
          problems.push(`touch target ${Math.round(rect.width)}x${Math.round(rect.height)}: ${describe(el)}`);
        }
      }
    }
    for (const el of document.querySelectorAll('[style]')) problems.push(`inline style: ${describe(el)}`);
    for (const el of document.querySelectorAll('script:not([src])')) problems.push(`inline script: ${el.textContent.slice(0, 40)}`);
    for (const el of document.querySelectorAll('*')) {
      for (const attr of el.attributes) if (/^on/i.test(attr.name)) problems.push(`handler attribute ${attr.name}: ${describe(el)}`);
    }
    if (!document.documentElement.lang) problems.push('no lang on <html>');
    const h1s = [...document.querySelectorAll('h1')].filter((h) => !h.closest('[hidden]'));
    if (h1s.length !== 1) problems.push(`${h1s.length} shown h1 elements`);
    const ids = new Map();
    for (const el of document.querySelectorAll('[id]')) ids.set(el.id, (ids.get(el.id) ?? 0) + 1);
    for (const [id, count] of ids) if (count > 1) problems.push(`duplicate id ${id}`);
    if (!document.querySelector('[aria-live], [role=status], [role=alert]')) problems.push('no live region');
    return problems;
  }, minTarget);
}
