// A task-and-finish group's whole life in chromium, with JavaScript off for every form and axe on
// every page: a co-chair starts it with a convenor, the convenor moves its end date (with a
// reason), reports back and finishes it, and the home and group pages show each step.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startCoboard, launchBrowser, accessibilityChecker, createFirstAccount, signInWithPassword, lastMailTo, linkIn, go } from './support.mjs';

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

test('a co-chair starts a group with a convenor, who moves its dates, reports back and finishes it, without JavaScript', async () => {
  // Priya sets Coboard up (a co-chair of the demo board) and invites Sam to the board.
  const priyaContext = await browser.newContext({ javaScriptEnabled: false });
  const priya = await priyaContext.newPage();
  await createFirstAccount(priya, coboard.url);
  const checkPriya = await accessibilityChecker(browser, priyaContext, priya);
  await priya.goto(coboard.url + '/invite/direct-payments-board');
  await priya.getByLabel('Their email address').fill('sam@example.org');
  await priya.getByLabel(/^Member/).check();
  await go(priya, () => priya.getByRole('button', { name: 'Send the invitation' }).click());
  const samContext = await browser.newContext({ javaScriptEnabled: false });
  const sam = await samContext.newPage();
  await sam.goto(linkIn(lastMailTo(coboard.dataDir, 'sam@example.org'), coboard.url + '/invitations/'));
  await sam.getByLabel('Your name', { exact: true }).fill('Sam Lee');
  await sam.getByLabel('Expert by experience').check();
  await go(sam, () => sam.getByRole('button', { name: 'Accept and sign in' }).click());
  assert.equal(new URL(sam.url()).pathname, '/');
  const checkSam = await accessibilityChecker(browser, samContext, sam);

  // Priya starts the group from the home page. A missing convenor is refused, nothing typed lost.
  await priya.goto(coboard.url + '/');
  await go(priya, () => priya.getByRole('link', { name: 'Start a task-and-finish group' }).click());
  assert.equal(new URL(priya.url()).pathname, '/groups/new');
  await checkPriya('the start-a-group page');
  await priya.getByLabel('Name of the group').fill('Easy read papers');
  await priya.getByLabel('What the group is for (its remit)').fill('Make every board paper available in **easy read**.');
  await priya.getByLabel('Start date').fill('2027-01-04');
  await priya.getByLabel('Planned end date').fill('2027-04-30');
  await go(priya, () => priya.getByRole('button', { name: 'Start the group' }).click());
  assert.match(await priya.locator('[role=alert]').innerText(), /Please choose at least one convenor/);
  assert.equal(await priya.getByLabel('Name of the group').inputValue(), 'Easy read papers');
  await priya.getByLabel(/^Sam Lee/).check();
  await go(priya, () => priya.getByRole('button', { name: 'Start the group' }).click());
  assert.equal(new URL(priya.url()).pathname, '/groups/easy-read-papers');
  const started = await priya.locator('main').innerText();
  assert.match(started, /The group is started\./);
  assert.match(started, /Started, to run from 4 January 2027 to 30 April 2027, with Sam Lee as convenor\./);
  assert.match(started, /Sam Lee.*convenor/);
  await checkPriya('a new group page');

  // Sam, the convenor, moves the planned end date: a reason is asked for, then kept.
  await sam.goto(coboard.url + '/groups/easy-read-papers');
  await go(sam, () => sam.getByRole('link', { name: 'Change the name, remit or dates' }).click());
  await checkSam('the change-a-group page');
  await sam.getByLabel('Planned end date').fill('2027-06-30');
  await go(sam, () => sam.getByRole('button', { name: 'Save changes' }).click());
  assert.match(await sam.locator('[role=alert]').innerText(), /Please say why the planned end date is moving/);
  assert.equal(await sam.getByLabel('Planned end date').inputValue(), '2027-06-30');
  await sam.getByLabel('Why the dates are changing').fill('The printers need more time for the pictures.');
  await go(sam, () => sam.getByRole('button', { name: 'Save changes' }).click());
  let page = await sam.locator('main').innerText();
  assert.match(page, /Planned end date moved from 30 April 2027 to 30 June 2027\./);
  assert.match(page, /Reason: The printers need more time for the pictures\./);
  await checkSam('the group page after a change');

  // Sam reports back to the board with a summary.
  await go(sam, () => sam.getByRole('link', { name: 'Report back to the board' }).click());
  await checkSam('the report-back page');
  await sam.getByLabel('What the group found').fill('Easy read needs pictures people choose.\n\n- Ask people which pictures help\n- Print in large type');
  await go(sam, () => sam.getByRole('button', { name: 'Report back to the board' }).click());
  page = await sam.locator('main').innerText();
  assert.match(page, /What the group found/);
  assert.match(page, /Ask people which pictures help/);
  assert.match(page, /Reported back to the board on \d{1,2} \w+ \d{4}\./);
  await checkSam('a group reporting back');
  await priya.goto(coboard.url + '/');
  assert.match(await priya.locator('main').innerText(), /Easy read papers reported back to the board on \d{1,2} \w+ \d{4}\./);
  await checkPriya('the home page with a group reporting back');

  // Then finishes it: a tick to confirm, and the group is read-only from then on.
  await sam.goto(coboard.url + '/groups/easy-read-papers');
  await go(sam, () => sam.getByRole('link', { name: 'Finish this group' }).click());
  await checkSam('the finish page');
  await go(sam, () => sam.getByRole('button', { name: 'Finish this group' }).click());
  assert.match(await sam.locator('[role=alert]').innerText(), /Please tick the box/);
  await checkSam('the finish page');
  await sam.getByLabel(/I understand that nothing in the group can be changed/).check();
  await go(sam, () => sam.getByRole('button', { name: 'Finish this group' }).click());
  page = await sam.locator('main').innerText();
  assert.match(page, /This group finished on \d{1,2} \w+ \d{4}\. Its documents and decisions stay here to read/);
  assert.equal(await sam.getByRole('link', { name: 'Change the name, remit or dates' }).count(), 0);
  await checkSam('a finished group');
  await priya.goto(coboard.url + '/');
  assert.match(await priya.locator('main').innerText(), /Easy read papers finished on \d{1,2} \w+ \d{4}\./);
  await priya.goto(coboard.url + '/groups');
  assert.match(await priya.locator('main').innerText(), /Finished \(1\)/);
  await checkPriya('the groups page with a finished group');

  // The board itself: Priya changes its time zone on its own page.
  await priya.goto(coboard.url + '/');
  await go(priya, () => priya.getByRole('link', { name: "Change the board's name, purpose or time zone" }).click());
  await checkPriya('the change-the-board page');
  await priya.getByLabel('Time zone').fill('Europe/Nowhere');
  await go(priya, () => priya.getByRole('button', { name: 'Save changes' }).click());
  assert.match(await priya.locator('[role=alert]').innerText(), /We do not know the time zone/);
  await priya.getByLabel('Time zone').fill('Europe/Dublin');
  await go(priya, () => priya.getByRole('button', { name: 'Save changes' }).click());
  assert.match(await priya.locator('.notice-success[role=status]').innerText(), /Saved\. The board's new details show here/);

  await checkPriya.close();
  await checkSam.close();
  await priyaContext.close();
  await samContext.close();
});

test('the start-a-group form is usable by keyboard alone: Tab reaches every field and the button in order', async () => {
  // The first test set Priya up as a co-chair; sign her in again in a fresh browser.
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInWithPassword(page, coboard.url, 'priya@example.org', 'purple kettle island');
  await page.goto(coboard.url + '/groups/new');
  const reached = [];
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    reached.push(await page.evaluate(() => {
      const el = document.activeElement;
      return el.id || `${el.tagName.toLowerCase()}: ${el.textContent.trim()}`;
    }));
  }
  const order = ['start-name', 'start-remit', 'start-start_date', 'start-planned_end_date', 'start-convenor', 'start-invite_convenor', 'button: Start the group'];
  const positions = order.map((name) => reached.indexOf(name));
  assert.ok(positions.every((p) => p >= 0), `all reached: ${reached.join(' | ')}`);
  assert.deepEqual([...positions].sort((a, b) => a - b), positions, 'in reading order');
  await context.close();
});
