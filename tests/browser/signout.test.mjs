// Signing out of each staff page (partner, moderation, staff console): the
// session ends on the server, the sign-in view comes back empty of messages
// with the user name focused, and the presence indicator showed the socket.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { desktopOptions, launchBrowser, startServer } from './support.mjs';

let server;
let browser;
let base;

before(async () => {
  server = await startServer();
  base = server.url.replace('127.0.0.1', 'localhost');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

for (const [path, role] of [
  ['/partner/', 'partner'],
  ['/moderation/', 'moderator'],
  ['/console/', 'supervisor'],
]) {
  test(`sign out of ${path}`, async (t) => {
    const context = await browser.newContext(desktopOptions());
    t.after(() => context.close());
    const page = await context.newPage();
    await page.goto(`${base}${path}`);
    await page.locator('#signin-username').fill(server.accounts[role].username);
    await page.locator('#signin-password').fill(server.accounts[role].password);
    await page.keyboard.press('Enter');
    await page.locator('#presence[data-state="open"]').waitFor();
    assert.notEqual((await page.locator('#presence').textContent()).trim(), '');
    await page.locator('#sign-out').click();
    await page.locator('#signin-view').waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'signin-username');
    assert.equal(await page.locator('#signin-msg').textContent(), '');
    assert.equal(await page.locator('#sign-out').isHidden(), true);
    const status = await page.evaluate(async () => (await fetch('/api/staff/session', { cache: 'no-store' })).status);
    assert.equal(status, 401, 'the session ended on the server');
  });
}
