// People journeys in chromium: a newcomer sets Coboard up, invites someone, who accepts and
// later signs in with an emailed link. Keyboard only, JavaScript off for the forms, and axe on
// every page and every error state on the way.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startCoboard, launchBrowser, assertAccessible, lastMailTo, linkIn, go } from './support.mjs';

let coboard;
let browser;

before(async () => {
  coboard = await startCoboard({ demo: true });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await coboard?.stop();
});

/** Types into a field found by its label, as a keyboard user would after tabbing to it. */
async function type(page, label, text) {
  const field = page.getByLabel(label, { exact: true });
  await field.focus();
  await page.keyboard.type(text);
}

test('a newcomer sets up Coboard, invites Priya, and Priya joins and signs in by link', async () => {
  // Axe needs scripts; the forms themselves are used with JavaScript off.
  const noJs = await browser.newContext({ javaScriptEnabled: false });
  const withJs = await browser.newContext();
  const marcia = await noJs.newPage();
  const look = await withJs.newPage();

  // The sign-in page points a newcomer to set-up.
  await look.goto(coboard.url + '/sign-in');
  await assertAccessible(look, '/sign-in (no accounts yet)');
  await marcia.goto(coboard.url + '/sign-in');
  await go(marcia, () => marcia.getByRole('link', { name: 'create the first account' }).click());
  assert.equal(new URL(marcia.url()).pathname, '/setup');
  await look.goto(coboard.url + '/setup');
  await assertAccessible(look, '/setup');

  // A mistake: the password is too short. Everything else typed is kept.
  await type(marcia, 'Your name', 'Marcia Okafor');
  await marcia.getByLabel('Expert by experience').check();
  await type(marcia, 'Email address', 'marcia@example.org');
  await type(marcia, 'Password (optional)', 'short');
  await go(marcia, () => marcia.keyboard.press('Enter'));
  assert.match(await marcia.locator('[role=alert]').innerText(), /at least 10 characters/);
  assert.equal(await marcia.getByLabel('Your name', { exact: true }).inputValue(), 'Marcia Okafor');
  assert.equal(await marcia.getByLabel('Password (optional)').inputValue(), '');
  assert.equal(await marcia.getByLabel('Password (optional)').getAttribute('aria-invalid'), 'true');
  // The same error state, with scripts on, passes axe.
  await look.goto(coboard.url + '/setup');
  await look.getByLabel('Email address').fill('not an email');
  await go(look, () => look.getByRole('button', { name: 'Create the first account' }).click());
  assert.match(await look.locator('[role=alert]').innerText(), /There is a problem/);
  await assertAccessible(look, '/setup with a problem');
  await type(marcia, 'Password (optional)', 'purple kettle island');
  await go(marcia, () => marcia.keyboard.press('Enter'));
  assert.equal(new URL(marcia.url()).pathname, '/', await marcia.locator('main').innerText());
  assert.ok(await marcia.getByRole('link', { name: /Your account/ }).isVisible());

  // Marcia invites Priya to the board, by keyboard.
  await go(marcia, () => marcia.getByRole('link', { name: 'Invite someone to the board' }).click());
  await type(marcia, 'Their email address', 'priya@example.org');
  await marcia.getByLabel(/^Member/).check();
  await go(marcia, () => marcia.getByRole('button', { name: 'Send the invitation' }).press('Enter'));
  assert.match(await marcia.locator('[role=status]').innerText(), /We have sent an invitation to priya@example.org/);

  // Priya opens the emailed link, on her own device, without JavaScript.
  const invitation = linkIn(lastMailTo(coboard.dataDir, 'priya@example.org'), coboard.url + '/invitations/');
  const priyaContext = await browser.newContext({ javaScriptEnabled: false });
  const priya = await priyaContext.newPage();
  await priya.goto(invitation);
  assert.match(await priya.locator('main').innerText(), /Marcia Okafor has invited you to join the Direct Payments Board/);
  await look.goto(invitation);
  await assertAccessible(look, 'the invitation page');
  await go(priya, () => priya.getByRole('button', { name: 'Accept and sign in' }).click());
  assert.match(await priya.locator('[role=alert]').innerText(), /Please write a name/);
  await type(priya, 'Your name', 'Priya Shah');
  await priya.getByLabel('Council staff').check();
  await go(priya, () => priya.getByRole('button', { name: 'Accept and sign in' }).click());
  assert.equal(new URL(priya.url()).pathname, '/');
  await go(priya, () => priya.getByRole('link', { name: /Your account/ }).click());
  assert.match(await priya.locator('main').innerText(), /Direct Payments Board, member/);

  // She signs out, and next time asks for a sign-in link instead of a password.
  await go(priya, () => priya.getByRole('button', { name: 'Sign out', exact: true }).click());
  await go(priya, () => priya.getByRole('link', { name: 'Sign in', exact: true }).click());
  const linkForm = priya.getByRole('region', { name: 'Get a sign-in link by email' });
  await linkForm.getByLabel('Email address').focus();
  await priya.keyboard.type('priya@example.org');
  await go(priya, () => linkForm.getByRole('button', { name: 'Email me a sign-in link' }).click());
  assert.equal(new URL(priya.url()).pathname, '/sign-in/check-email');
  await look.goto(coboard.url + '/sign-in/check-email');
  await assertAccessible(look, '/sign-in/check-email');
  const link = linkIn(lastMailTo(coboard.dataDir, 'priya@example.org'), coboard.url + '/sign-in/link/');
  await priya.goto(link);
  await look.goto(link);
  await assertAccessible(look, 'the sign-in link page');
  await go(priya, () => priya.getByRole('button', { name: 'Sign in', exact: true }).click());
  assert.equal(new URL(priya.url()).pathname, '/');
  // The same link does not work twice, and says why.
  await priya.goto(link);
  await go(priya, () => priya.getByRole('button', { name: 'Sign in', exact: true }).click());
  assert.match(await priya.locator('main').innerText(), /already been used/);

  // Marcia's account and audit pages, and a wrong password, all pass axe.
  const marciaJs = await withJs.newPage();
  await marciaJs.goto(coboard.url + '/sign-in');
  await marciaJs.locator('#sign-in-password').fill('not the password at all');
  await marciaJs.locator('#sign-in-email').fill('marcia@example.org');
  await go(marciaJs, () => marciaJs.getByRole('button', { name: 'Sign in', exact: true }).click());
  assert.match(await marciaJs.locator('[role=alert]').innerText(), /do not match an account/);
  await assertAccessible(marciaJs, 'a wrong password');
  await marciaJs.locator('#sign-in-password').fill('purple kettle island');
  await go(marciaJs, () => marciaJs.getByRole('button', { name: 'Sign in', exact: true }).click());
  for (const path of ['/account', '/audit', '/invite/direct-payments-board', '/groups/policy', '/members/policy', '/preferences', '/vision/edit']) {
    await marciaJs.goto(coboard.url + path);
    await assertAccessible(marciaJs, `${path} signed in`);
  }
  await marciaJs.goto(coboard.url + '/groups/policy');
  assert.match(await marciaJs.locator('main').innerText(), /Invite someone to this group/);
  await marciaJs.goto(coboard.url + '/audit');
  assert.match(await marciaJs.locator('main').innerText(), /Invitation accepted/);
  // A person's page, reached from a name on the board page.
  await marciaJs.goto(coboard.url + '/');
  await go(marciaJs, () => marciaJs.locator('main a.person-name').first().click());
  assert.match(new URL(marciaJs.url()).pathname, /^\/people\//);
  await assertAccessible(marciaJs, 'a person page');

  await noJs.close();
  await withJs.close();
  await priyaContext.close();
});

test('forms are usable by keyboard alone: Tab reaches every field and button in order', async () => {
  const page = await browser.newPage();
  await page.goto(coboard.url + '/sign-in');
  const reached = [];
  for (let i = 0; i < 20; i++) {
    await page.keyboard.press('Tab');
    reached.push(await page.evaluate(() => {
      const el = document.activeElement;
      return el.id || `${el.tagName.toLowerCase()}: ${el.textContent.trim()}`;
    }));
  }
  const order = ['link-email', 'button: Email me a sign-in link', 'sign-in-email', 'sign-in-password', 'button: Sign in'];
  const positions = order.map((name) => reached.indexOf(name));
  assert.ok(positions.every((p) => p >= 0), `all reached: ${reached.join(' | ')}`);
  assert.deepEqual([...positions].sort((a, b) => a - b), positions, 'in reading order');
  await page.close();
});

test('text size, contrast and easy read apply to every page without JavaScript, and still pass axe', async () => {
  const noJs = await browser.newContext({ javaScriptEnabled: false });
  const page = await noJs.newPage();
  await page.goto(coboard.url + '/');
  await go(page, () => page.getByRole('link', { name: 'Text and colours' }).click());
  await page.getByLabel('Largest').check();
  await page.getByLabel(/^High contrast/).check();
  await page.getByLabel(/^Easy read/).check();
  await go(page, () => page.getByRole('button', { name: 'Save my choices' }).click());
  assert.match(await page.locator('[role=status]').innerText(), /Your choices are saved/);
  const cookies = await noJs.cookies();
  const withJs = await browser.newContext();
  await withJs.addCookies(cookies);
  const look = await withJs.newPage();
  for (const path of ['/', '/groups/policy', '/vision', '/sign-in']) {
    await page.goto(coboard.url + path);
    assert.equal(await page.getAttribute('html', 'data-text-size'), 'largest', path);
    assert.equal(await page.getAttribute('html', 'data-contrast'), 'high', path);
    assert.equal(await page.getAttribute('html', 'data-easy-read'), 'on', path);
    await look.goto(coboard.url + path);
    await assertAccessible(look, `${path} with largest text, high contrast and easy read`);
    const overflow = await look.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `${path} scrolls sideways by ${overflow}px`);
  }
  const size = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  assert.ok(size >= 24, `text is larger: ${size}px`);
  await noJs.close();
  await withJs.close();
});
