// Meetings in chromium, with JavaScript off: plan a group's meeting (a mistake first, nothing
// typed lost), build the agenda with a paper, answer whether you are coming, send the papers,
// move the meeting, record who came, a decision by vote and an action, start the minutes, and
// follow the action through the tracker to done; axe on every page. With JavaScript on, the
// same pages read and pass axe too.

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

/** The date `days` from today in London, as a date picker holds it (YYYY-MM-DD). */
function londonDay(days) {
  const when = new Date(Date.now() + days * 24 * 60 * 60 * 1000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(when);
}

test('a meeting is planned, its papers sent, attendance, a decision and an action recorded, and the minutes started, without JavaScript', async () => {
  const noJs = await browser.newContext({ javaScriptEnabled: false });
  const page = await noJs.newPage();
  await createFirstAccount(page, coboard.url);
  const check = await accessibilityChecker(browser, noJs, page);

  await page.goto(coboard.url + '/groups/policy');
  await go(page, () => page.locator('main').getByRole('link', { name: 'Meetings', exact: true }).click());
  assert.match(await page.locator('h1').innerText(), /Meetings of Policy/);
  await check('a group\'s meetings');

  // Plan: the end before the start is refused kindly, with everything typed kept.
  await go(page, () => page.getByRole('link', { name: 'Plan a meeting' }).click());
  await page.getByLabel('Name of the meeting').fill('Policy group: the new draft');
  await page.getByLabel('Date').fill(londonDay(10));
  await page.getByLabel('Starts at').fill('10:00');
  await page.getByLabel('Ends at').fill('09:00');
  await page.getByLabel('Where (leave empty if online only)').fill('Room 2, Town Hall');
  await page.getByLabel('British Sign Language (BSL) interpreter').check();
  await page.getByLabel('Live captions for people joining online').check();
  await go(page, () => page.getByRole('button', { name: 'Plan the meeting' }).click());
  assert.match(await page.locator('[role=alert]').innerText(), /Please give an end time after the start time/);
  assert.equal(await page.getByLabel('Where (leave empty if online only)').inputValue(), 'Room 2, Town Hall');
  assert.ok(await page.getByLabel('British Sign Language (BSL) interpreter').isChecked(), 'ticked boxes stay ticked');
  await check('the plan form with a problem');
  await page.getByLabel('Ends at').fill('12:00');
  await go(page, () => page.getByRole('button', { name: 'Plan the meeting' }).click());
  assert.match(await page.locator('[role=status]').first().innerText(), /The meeting is planned/);
  const meetingUrl = page.url().split('?')[0].split('#')[0];
  const main = page.locator('main');
  assert.match(await main.innerText(), /10:00 to 12:00 \(UK time\)/);
  assert.match(await main.innerText(), /British Sign Language \(BSL\) interpreter/);
  await check('a new meeting');

  // The agenda, with a paper.
  await page.getByLabel('What the item is about').fill('Direct Payments Policy 2027: the new draft');
  await page.getByLabel('Who will lead it? (optional)').selectOption({ label: 'Alex Morgan' });
  await page.getByLabel('Time allowed, in minutes (optional)').fill('30');
  await go(page, () => page.getByRole('button', { name: 'Add the item' }).click());
  await page.getByLabel('Add a paper to “Direct Payments Policy 2027: the new draft”').selectOption({ label: 'Direct Payments Policy 2027' });
  await go(page, () => page.getByRole('button', { name: 'Add the paper' }).click());
  assert.match(await page.locator('.agenda').innerText(), /Direct Payments Policy 2027 \(version \d+\)/);
  assert.match(await page.locator('.agenda').innerText(), /Led by Alex Morgan · 30 minutes/);

  // Coming online; then the papers go out.
  await page.getByLabel('Joining online').check();
  await go(page, () => page.getByRole('button', { name: 'Send my answer' }).click());
  assert.match(await main.innerText(), /You said: Joining online/);
  await go(page, () => page.getByRole('button', { name: 'Send the papers now' }).click());
  assert.match(await main.innerText(), /The papers went out on/);
  await check('a meeting with its agenda, papers and a reply');

  // It happened yesterday: move it, then record who came.
  await go(page, () => page.getByRole('link', { name: 'Change the time, place or arrangements' }).click());
  await check('the change form');
  await page.getByLabel('Date').fill(londonDay(-1));
  await go(page, () => page.getByRole('button', { name: 'Save the changes' }).click());
  assert.match(await page.locator('[role=status]').first().innerText(), /Your changes are saved/);
  // The demo has a Priya Shah of its own in the group: either way, one member of staff came.
  await page.getByLabel('Priya Shah', { exact: true }).first().selectOption({ label: 'Joined online' });
  await page.getByLabel('June Baptiste', { exact: true }).selectOption({ label: 'Came in person' });
  await go(page, () => page.getByRole('button', { name: 'Save who came' }).click());
  assert.match(await main.innerText(), /Attended: 1 family carer and 1 council staff\./);

  // A decision by vote: without the counts it is refused, and the words are kept.
  await page.getByLabel('Which agenda item?', { exact: true }).selectOption({ index: 1 });
  await page.getByLabel('What was decided').fill('Send the new draft out for comment.');
  await page.getByLabel('By a vote', { exact: true }).check();
  await go(page, () => page.getByRole('button', { name: 'Record the decision' }).click());
  assert.match(await page.locator('[role=alert]').innerText(), /how many voted for/);
  assert.equal(await page.getByLabel('What was decided').inputValue(), 'Send the new draft out for comment.');
  await page.getByLabel('If by a vote: how many for?').fill('6');
  await page.getByLabel('If by a vote: how many against?').fill('0');
  await go(page, () => page.getByRole('button', { name: 'Record the decision' }).click());
  assert.match(await main.innerText(), /By a vote: 6 for, 0 against\./);

  // An action, due yesterday: overdue, said in words.
  await page.getByLabel('From which agenda item?').selectOption({ index: 1 });
  await page.getByLabel('What needs doing').fill('Ask the drop-in what they think of the draft');
  await page.getByLabel('Who will do it?').selectOption({ label: 'June Baptiste' });
  await page.getByLabel('Done by').fill(londonDay(-1));
  await go(page, () => page.getByRole('button', { name: 'Record the action' }).click());
  assert.match(await main.innerText(), /Overdue: it was due on/);
  await check('a meeting with attendance, a decision and an action');

  // The minutes start from the agenda, as a document.
  await go(page, () => page.getByRole('button', { name: 'Start the minutes' }).click());
  assert.match(await page.locator('textarea').first().inputValue(), /## 1\. Direct Payments Policy 2027: the new draft/);
  await check('the minutes, open to write');

  // The tracker, and the action to done.
  await page.goto(coboard.url + '/groups/policy/actions');
  assert.match(await main.innerText(), /Ask the drop-in what they think of the draft/);
  await check('a group\'s actions');
  await go(page, () => page.getByRole('link', { name: 'Overdue only' }).click());
  await check('overdue actions');
  await go(page, () => page.getByRole('link', { name: 'Ask the drop-in what they think of the draft' }).click());
  await check('one action');
  await page.getByLabel('How it is going', { exact: true }).fill('Asked on Tuesday; two answers so far.');
  await go(page, () => page.getByRole('button', { name: 'Save the update' }).click());
  assert.match(await main.innerText(), /Your update is saved/);
  await page.getByLabel('What was done', { exact: true }).fill('Five people at the drop-in read it; their views are in the minutes.');
  await go(page, () => page.getByRole('button', { name: 'Mark it done' }).click());
  assert.match(await main.innerText(), /Done on/);
  await check('a done action');
  await page.goto(coboard.url + '/actions?show=all');
  await check('every action across the board');

  // The board's meetings.
  await page.goto(coboard.url + '/meetings');
  await check('the board\'s meetings');

  // With JavaScript on, the pages read the same and pass axe; the private calendar address is
  // shown once, in the page the form answers with.
  const withJs = await browser.newContext({ storageState: await noJs.storageState() });
  const live = await withJs.newPage();
  await live.goto(coboard.url + '/meetings');
  await go(live, () => live.getByRole('button', { name: 'Make my calendar address' }).click());
  const notice = await live.locator('[role=status]').first().innerText();
  const feed = notice.match(/(http\S+\.ics)/)[1];
  await assertAccessible(live, 'the calendar address, shown once');
  const response = await live.request.get(feed);
  assert.equal(response.status(), 200);
  assert.match(await response.text(), /BEGIN:VEVENT[\s\S]*DTSTART:\d{8}T\d{6}Z/);
  await live.goto(meetingUrl);
  assert.match(await live.locator('main').innerText(), /Attended: 1 family carer and 1 council staff\./);
  await assertAccessible(live, 'a meeting with JavaScript');
  await live.goto(coboard.url + '/actions');
  await assertAccessible(live, 'the actions with JavaScript');
  await withJs.close();
  await noJs.close();
});
