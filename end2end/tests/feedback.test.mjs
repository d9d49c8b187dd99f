// You Said We Did in chromium, with JavaScript off: a member of the public tells the board
// something (a mistake first, nothing typed lost); a co-chair reviews it, answers it, links it to
// an action, marks it done and publishes it; it is then on the public page, in the feed and in
// the CSV; the person who gave it answers "did this make a difference?"; an event's CSV with a
// broken row is checked and its good rows added; axe on every page.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startCoboard, launchBrowser, accessibilityChecker, assertAccessible, createFirstAccount, go, lastMailTo, linkIn } from './support.mjs';

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

const WORDS = 'The yearly statement form is 14 pages long, and asks for my bank details twice.';

test('feedback from the public form is answered, linked, done, published and asked about, without JavaScript', async () => {
  // A member of the public, signed out, JavaScript off.
  const visitor = await browser.newContext({ javaScriptEnabled: false });
  const pub = await visitor.newPage();
  const checkPublic = await accessibilityChecker(browser, visitor, pub);
  await pub.goto(coboard.url + '/you-said-we-did');
  assert.match(await pub.locator('h1').innerText(), /You Said We Did/);
  await checkPublic('the public You Said We Did page');
  await go(pub, () => pub.getByRole('link', { name: 'Paperwork and forms' }).click());
  assert.match(await pub.locator('main').innerText(), /forms are too long/);
  await go(pub, () => pub.getByRole('link', { name: 'Tell the board something' }).first().click());
  await checkPublic('the public feedback form');

  // A mistake: asked to be contacted, but no email address. Everything typed is kept.
  await pub.getByLabel('What would you like to tell the board?').fill(WORDS);
  await pub.getByLabel('Paperwork and forms').check();
  await pub.getByLabel('The board may show my words on its public page (without my name)').check();
  await pub.getByLabel('Your name (optional)').fill('Sam Reid');
  await pub.getByLabel('You may email me later to ask whether what the board did made a difference').check();
  await go(pub, () => pub.getByRole('button', { name: 'Send it to the board' }).click());
  assert.match(await pub.locator('[role=alert]').innerText(), /please give an email address/);
  assert.equal(await pub.getByLabel('What would you like to tell the board?').inputValue(), WORDS);
  assert.ok(await pub.getByLabel('Paperwork and forms').isChecked(), 'ticked boxes stay ticked');
  await pub.getByLabel('Your email address (optional)').fill('sam@example.org');
  await go(pub, () => pub.getByRole('button', { name: 'Send it to the board' }).click());
  assert.match(await pub.locator('h1').innerText(), /Thank you/);
  await checkPublic('the thank-you page');
  // Not public yet.
  await pub.goto(coboard.url + '/you-said-we-did');
  assert.doesNotMatch(await pub.locator('main').innerText(), /bank details twice/);

  // Priya, the first account (a co-chair), JavaScript off.
  const staff = await browser.newContext({ javaScriptEnabled: false });
  const page = await staff.newPage();
  await createFirstAccount(page, coboard.url);
  const check = await accessibilityChecker(browser, staff, page);
  await page.goto(coboard.url + '/feedback');
  await check('the review list');
  await go(page, () => page.getByRole('link', { name: 'Not published yet' }).click());
  await go(page, () => page.getByRole('link', { name: /bank details twice/ }).click());
  const itemUrl = page.url().split('?')[0].split('#')[0];
  const main = page.locator('main');
  assert.match(await main.innerText(), /Not published/);
  assert.match(await main.innerText(), /sam@example.org/);
  await check('a feedback item, for members');

  // Answer it, link the paperwork action, then doing, then done with what changed.
  await page.getByLabel('What we did, or will do').fill('We rewrote the yearly statement form with people who fill it in.');
  await page.getByLabel('Who is looking after it').selectOption({ label: 'Priya Shah' });
  await go(page, () => page.getByRole('button', { name: 'Save the changes' }).click());
  assert.match(await page.locator('[role=status]').first().innerText(), /Your changes are saved/);
  const target = page.getByLabel('A document, decision, action or meeting');
  const action = await target.locator('option', { hasText: 'Action:' }).first().getAttribute('value');
  await target.selectOption(action);
  await go(page, () => page.getByRole('button', { name: 'Link it' }).click());
  assert.match(await page.locator('[role=status]').first().innerText(), /The link is added/);
  // Not doing needs a reason: said kindly, nothing lost.
  await page.getByLabel('Not doing, and why', { exact: true }).check();
  await page.getByLabel('What has happened (for the timeline)').fill('We looked at it');
  await go(page, () => page.getByRole('button', { name: 'Save where it stands' }).click());
  assert.match(await page.locator('[role=alert]').innerText(), /honest reason/);
  assert.equal(await page.getByLabel('What has happened (for the timeline)').inputValue(), 'We looked at it');
  await page.getByLabel('Doing it', { exact: true }).check();
  await page.getByLabel('What has happened (for the timeline)').fill('The policy group has started rewriting the form.');
  await go(page, () => page.getByRole('button', { name: 'Save where it stands' }).click());
  await page.getByLabel('Done', { exact: true }).check();
  await page.getByLabel('What has happened (for the timeline)').fill('The form is now two pages, and asks for your bank details once.');
  await go(page, () => page.getByRole('button', { name: 'Save where it stands' }).click());
  assert.match(await page.locator('[role=status]').first().innerText(), /has been emailed/);
  await go(page, () => page.getByRole('button', { name: 'Publish it on the public page' }).click());
  assert.match(await page.locator('[role=status]').first().innerText(), /published on the public/);
  await check('a published, done feedback item, for members');

  // Public now: the page, the list, the feed and the CSV; no contact details.
  await pub.goto(itemUrl);
  const publicText = await pub.locator('main').innerText();
  assert.match(publicText, /bank details twice/);
  assert.match(publicText, /two pages/);
  assert.doesNotMatch(publicText, /sam@example.org/);
  await checkPublic('a published feedback item, signed out');
  await pub.goto(coboard.url + '/you-said-we-did?status=done');
  assert.match(await pub.locator('main').innerText(), /bank details twice/);
  await checkPublic('the public list filtered by status');
  const feed = await (await pub.request.get(coboard.url + '/you-said-we-did/feed.atom')).text();
  assert.match(feed, /bank details twice/);
  const csv = await (await pub.request.get(coboard.url + '/you-said-we-did/feedback.csv')).text();
  assert.match(csv, /bank details twice/);

  // Sam is asked whether it made a difference, and answers.
  const ask = linkIn(lastMailTo(coboard.dataDir, 'sam@example.org'), coboard.url + '/did-it-help/');
  await pub.goto(ask);
  await checkPublic('the did-this-make-a-difference question');
  await pub.getByLabel('Yes, it made a difference').check();
  await pub.getByLabel('Anything you would like to add (optional)').fill('The new form took me ten minutes.');
  await go(pub, () => pub.getByRole('button', { name: 'Send my answer' }).click());
  assert.match(await pub.locator('[role=status]').first().innerText(), /Your answer is saved/);
  await pub.goto(itemUrl);
  assert.match(await pub.locator('main').innerText(), /The new form took me ten minutes/);

  // The overview.
  await page.goto(coboard.url + '/feedback/overview');
  assert.match(await page.locator('main').innerText(), /Items by status/);
  await check('the overview');
  await check.close();
  await checkPublic.close();
  await staff.close();
  await visitor.close();
});

test('an event\'s CSV with a broken row is checked, then its good rows added; the public form\'s problems pass axe', async () => {
  // With JavaScript on, so axe can read the pages the forms answer with (the forms work the same).
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(coboard.url + '/sign-in');
  await page.locator('#sign-in-email').fill('priya@example.org');
  await page.locator('#sign-in-password').fill('purple kettle island');
  await go(page, () => page.getByRole('button', { name: 'Sign in', exact: true }).click());
  await page.goto(coboard.url + '/feedback/import');
  await assertAccessible(page, 'the import page');
  await page.getByLabel('Which event or survey').fill('Co-production event, March');
  await page.getByLabel('Or paste the CSV text here').fill('said,themes,people\n"Forms are long, very long",Paperwork,4\n,Finance,1\nPAs leave after a month,PAs,2\n');
  await go(page, () => page.getByRole('button', { name: 'Check the rows' }).click());
  const text = await page.locator('main').innerText();
  assert.match(text, /2 rows ready to add/);
  assert.match(text, /Line 3: what was said is empty/);
  await assertAccessible(page, 'the import check with a broken row');
  await go(page, () => page.getByRole('button', { name: 'Add the 2 good rows' }).click());
  assert.match(await page.locator('[role=status]').first().innerText(), /from the event is added/);
  assert.match(await page.locator('main').innerText(), /PAs leave after a month/);
  await assertAccessible(page, 'the review list after an import');

  const visitor = await browser.newContext();
  const pub = await visitor.newPage();
  await pub.goto(coboard.url + '/tell-us');
  await go(pub, () => pub.getByRole('button', { name: 'Send it to the board' }).click());
  assert.match(await pub.locator('[role=alert]').innerText(), /Please write what you would like to tell the board/);
  await assertAccessible(pub, 'the public form with a problem');
  await visitor.close();
  await context.close();
});
