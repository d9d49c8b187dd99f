// Conversations in chromium: comment on a part of a draft, reply, react and resolve by keyboard
// with JavaScript off, axe on every thread view; and, with JavaScript on, a new comment posted
// elsewhere is announced politely ("1 new comment") without moving the page.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startCoboard, launchBrowser, accessibilityChecker, assertAccessible, createFirstAccount, go } from './support.mjs';

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

test('a comment on a part of a draft is posted, replied to, reacted to and resolved without JavaScript; new comments are announced with it', async () => {
  const noJs = await browser.newContext({ javaScriptEnabled: false });
  const page = await noJs.newPage();
  await createFirstAccount(page, coboard.url);
  const check = await accessibilityChecker(browser, noJs, page);

  await page.goto(coboard.url + '/groups/policy');
  await go(page, () => page.getByRole('link', { name: 'Start a new document' }).click());
  await page.getByLabel('Title').fill('Paying your PA');
  await page.getByLabel('The text').fill('# Paying your PA\n\nWe pay on time.\n\n## Help\n\nAsk us.\n');
  await go(page, () => page.getByRole('button', { name: 'Save the first version' }).click());
  const documentUrl = page.url().split('?')[0];

  // A mistake keeps what was typed; then the comment goes next to its part.
  await page.getByLabel('What is your comment about?').selectOption({ label: 'The part “Help”' });
  await page.getByLabel('If these are someone else\'s words, whose? (optional)').fill('Jordan Ellis');
  await go(page, () => page.getByRole('button', { name: 'Post my comment' }).click());
  assert.match(await page.locator('.notice-error, [role=alert]').first().innerText(), /Please write your comment/);
  assert.equal(await page.getByLabel('If these are someone else\'s words, whose? (optional)').inputValue(), 'Jordan Ellis');
  await page.getByLabel('Your comment', { exact: true }).fill('Say **how** to ask for help.');
  await go(page, () => page.getByRole('button', { name: 'Post my comment' }).click());
  assert.match(await page.locator('[role=status]').first().innerText(), /Your comment is posted/);
  const comments = page.locator('.comments-section');
  assert.match(await comments.innerText(), /On “Help”/);
  assert.match(await comments.innerText(), /Jordan Ellis, recorded by Priya Shah/);
  await check('the document page with a comment');

  // Its own page: reply (a native disclosure, no script), react, resolve.
  await go(page, () => page.getByRole('link', { name: /Reply, react or add a comment/ }).click());
  const threadUrl = page.url().split('?')[0].split('#')[0];
  await check('a thread page');
  await page.locator('details.reply summary').first().press('Enter');
  await page.getByLabel(/Your reply to Jordan Ellis/).fill('We will add a phone number.');
  await go(page, () => page.getByRole('button', { name: 'Post my reply' }).click());
  assert.match(await page.locator('.replies').innerText(), /We will add a phone number/);
  await go(page, () => page.getByRole('button', { name: /^Agree on the comment by Jordan Ellis/ }).click());
  assert.match(await page.locator('main').innerText(), /agree: 1 council staff/);
  await check('a thread page with a reply and a reaction');

  // With JavaScript on, someone else's new comment is announced in a polite live region.
  const withJs = await browser.newContext({ storageState: await noJs.storageState() });
  const live = await withJs.newPage();
  await live.goto(threadUrl);
  await assertAccessible(live, 'a thread page with JavaScript');
  const region = live.locator('.live-updates[aria-live=polite]');
  assert.equal((await region.innerText()).trim(), '');
  // The island has hydrated and opened its stream before the comment is posted.
  await live.locator('.live-updates[data-listening=yes]').waitFor({ state: 'attached', timeout: 10_000 });
  await page.getByLabel('Add a comment', { exact: true }).fill('One more thought from the meeting.');
  await go(page, () => page.getByRole('button', { name: 'Post my comment' }).click());
  await region.getByText('1 new comment').waitFor({ timeout: 5_000 });
  await assertAccessible(live, 'a thread page announcing a new comment');
  await Promise.all([live.waitForNavigation(), region.getByRole('button', { name: 'Show them' }).click()]);
  assert.match(await live.locator('main').innerText(), /One more thought from the meeting/);
  await withJs.close();

  await go(page, () => page.getByRole('button', { name: 'Mark this conversation resolved' }).click());
  assert.match(await page.locator('main').innerText(), /Resolved by Priya Shah/);
  await check('a resolved thread');

  // The group's discussions, and the notifications page.
  await page.goto(coboard.url + '/groups/policy/discussions');
  await page.getByLabel('Subject').fill('The PA leaflet');
  await page.getByLabel('What would you like to say?').fill('Pictures would help.');
  await go(page, () => page.getByRole('button', { name: 'Start the discussion' }).click());
  assert.equal(await page.locator('h1').innerText(), 'The PA leaflet');
  await check('a discussion');
  await check('the discussions page', coboard.url + '/groups/policy/discussions');
  await check('the notifications page', coboard.url + '/notifications');
  await page.goto(documentUrl);
  assert.match(await page.locator('.comments-section').innerText(), /Resolved by Priya Shah/);
  await noJs.close();
  await check.close();
});
