// Signing out of each staff page (partner, moderation, staff console): the
// session ends on the server, the sign-in view comes back empty of messages
// with the user name focused, and the presence indicator showed the socket.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite } from './support.mjs';

const site = useSite();

for (const [path, role] of [
  ['/partner/', 'partner'],
  ['/moderation/', 'moderator'],
  ['/console/', 'supervisor'],
]) {
  test(`sign out of ${path}`, async (t) => {
    const { page } = await site.open(t);
    await page.goto(`${site.base}${path}`);
    await page.locator('#signin-username').fill(site.server.accounts[role].username);
    await page.locator('#signin-password').fill(site.server.accounts[role].password);
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
