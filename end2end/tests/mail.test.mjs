// Email in chromium, with JavaScript off and axe on every page (and on the HTML part of an
// email): a co-chair invites Sam and mentions him; Sam's email says why he got it and has a
// link to change how often Coboard writes, which he uses without signing in; the co-chair
// reads the outbox.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startCoboard, launchBrowser, accessibilityChecker, assertAccessible, createFirstAccount, lastMailTo, linkIn, go } from './support.mjs';

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

/** The HTML part of a decoded email. */
function htmlPart(mail) {
  const at = mail.indexOf('<!DOCTYPE html>');
  assert.ok(at >= 0, `no HTML part in:\n${mail}`);
  return mail.slice(at, mail.indexOf('</html>', at) + '</html>'.length);
}

test('an email says why it came, its link changes how often Coboard writes, and the co-chair sees the outbox', async () => {
  const priyaContext = await browser.newContext({ javaScriptEnabled: false });
  const priya = await priyaContext.newPage();
  await createFirstAccount(priya, coboard.url);
  const checkPriya = await accessibilityChecker(browser, priyaContext, priya);

  // Priya invites Sam; the page says it has gone.
  await priya.goto(coboard.url + '/invite/direct-payments-board');
  await priya.getByLabel('Their email address').fill('sam@example.org');
  await priya.getByLabel(/^Member/).check();
  await go(priya, () => priya.getByRole('button', { name: 'Send the invitation' }).click());
  assert.match(await priya.locator('main').innerText(), /We have sent an invitation to sam@example.org/);
  const invitation = lastMailTo(coboard.dataDir, 'sam@example.org');
  assert.match(invitation, /Content-Type: text\/plain/);
  const samContext = await browser.newContext({ javaScriptEnabled: false });
  const sam = await samContext.newPage();
  await sam.goto(linkIn(invitation, coboard.url + '/invitations/'));
  await sam.getByLabel('Your name', { exact: true }).fill('Sam Lee');
  await sam.getByLabel('Expert by experience').check();
  await go(sam, () => sam.getByRole('button', { name: 'Accept and sign in' }).click());

  // The invitation's HTML part passes axe too (axe runs as a script, so this context allows them;
  // the email has none).
  const letter = await browser.newContext();
  const letterPage = await letter.newPage();
  await letterPage.setContent(htmlPart(invitation));
  await assertAccessible(letterPage, 'the HTML part of an invitation email');

  // Priya mentions Sam in a board discussion; Sam hears at once (his setting is "as things happen").
  await priya.goto(coboard.url + '/discussions');
  await priya.getByLabel('Subject').fill('Paperwork for new starters');
  await priya.getByLabel('What would you like to say?').fill('@Sam Lee could you read the new starter form, please?');
  await go(priya, () => priya.getByRole('button', { name: 'Start the discussion' }).click());
  // Not urgent: the worker sends it within a couple of seconds.
  const mention = lastMailTo(coboard.dataDir, 'sam@example.org', /mentioned you in/);
  assert.match(mention, /Priya Shah mentioned you in/);
  assert.match(mention, /You are getting this because someone mentioned you/);
  assert.match(mention, /List-Unsubscribe-Post: List-Unsubscribe=One-Click/);
  await letterPage.setContent(htmlPart(mention));
  await assertAccessible(letterPage, 'the HTML part of a notification email');
  await letter.close();

  // The link at the foot of the email opens the settings page, signed out, on another device.
  const settings = linkIn(mention, coboard.url + '/email-settings/');
  const elsewhere = await browser.newContext({ javaScriptEnabled: false });
  const page = await elsewhere.newPage();
  await page.goto(settings);
  assert.match(await page.locator('main').innerText(), /This is for Sam Lee/);
  const checkPage = await accessibilityChecker(browser, elsewhere, page);
  await checkPage('the email settings page');
  await page.getByLabel('Once a week, in one email').check();
  await go(page, () => page.getByRole('button', { name: 'Save' }).click());
  assert.match(await page.locator('[role=status]').innerText(), /Saved\. From now on: once a week, in one email\./);
  assert.equal(await page.getByLabel('Once a week, in one email').isChecked(), true);
  await checkPage('the email settings page after saving');
  await checkPage.close();
  await elsewhere.close();

  // Priya reads the outbox from her account page.
  await priya.goto(coboard.url + '/account');
  await go(priya, () => priya.getByRole('link', { name: /See the outbox/ }).click());
  assert.equal(new URL(priya.url()).pathname, '/outbox');
  const outbox = await priya.locator('main').innerText();
  assert.match(outbox, /Sent: [1-9]/);
  assert.match(outbox, /sam@example\.org/);
  assert.match(outbox, /Invitation: Priya Shah has invited you/);
  await checkPriya('the outbox');
  await go(priya, () => priya.getByRole('link', { name: /^Sent: / }).click());
  assert.match(await priya.locator('h2').nth(1).innerText(), /Sent emails, newest first/);
  await checkPriya('the outbox, sent emails only');
  await checkPriya.close();
  await priyaContext.close();
  await samContext.close();
});
