// Shared drafts in chromium: start a document, edit it, read its history and compare versions,
// with JavaScript off for the forms and axe on every page.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startCoboard, launchBrowser, axeViolations, accessibilityChecker, createFirstAccount, signInWithPassword, go } from './support.mjs';

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

test('a draft is started, edited, its history read and two versions compared, by keyboard and without JavaScript', async () => {
  const noJs = await browser.newContext({ javaScriptEnabled: false });
  const page = await noJs.newPage();
  await createFirstAccount(page, coboard.url);
  const check = await accessibilityChecker(browser, noJs, page);

  await page.goto(coboard.url + '/groups/policy');
  await go(page, () => page.getByRole('link', { name: 'Start a new document' }).click());
  await check('the new document page');
  await page.getByLabel('Title').fill('Direct Payments Policy 2027');
  await page.getByLabel('The text').fill('# Our policy\n\nWe check how the money is spent.\n\nAsk us for help.\n');
  await go(page, () => page.getByRole('button', { name: 'Save the first version' }).click());
  assert.match(await page.locator('[role=status]').innerText(), /Saved as version 1/);
  assert.equal(await page.locator('article h2').first().innerText(), 'Our policy');
  await check('the document page');

  await go(page, () => page.getByRole('link', { name: 'Edit this document' }).click());
  await check('the edit page');
  const box = page.getByLabel('The text');
  await box.fill((await box.inputValue()).replace('Ask us for help.', 'Ask us for help at any time.'));
  await page.getByLabel(/What did you change/).fill('friendlier ending');
  await go(page, () => page.getByRole('button', { name: 'Save a new version' }).click());
  assert.match(await page.locator('[role=status]').innerText(), /Saved as version 2/);

  await go(page, () => page.getByRole('link', { name: 'History and comparing versions' }).click());
  await check('the history page');
  assert.match(await page.locator('main').innerText(), /friendlier ending/);
  await go(page, () => page.getByRole('button', { name: 'Compare' }).click());
  await check('the comparison page');
  // The words a screen reader reads out, hidden labels included.
  const text = await page.locator('.diff').textContent();
  assert.match(text, /\[added: [^\]]*at any time[^\]]*\]/);
  assert.match(text, /\[removed: [^\]]*\]/);
  await noJs.close();
  await check.close();
});

test('a draft goes out for comment, is agreed by consent and published for everyone, without JavaScript', async () => {
  const noJs = await browser.newContext({ javaScriptEnabled: false });
  const page = await noJs.newPage();
  await signInWithPassword(page, coboard.url, 'priya@example.org', 'purple kettle island');
  const check = await accessibilityChecker(browser, noJs, page);

  await page.goto(coboard.url + '/documents/new/policy');
  await page.getByLabel('Title').fill('Paying personal assistants');
  await page.getByLabel('The text').fill('# Paying personal assistants\n\nWe pay on the last working day of the month.\n');
  await page.getByLabel('Tags (optional)').fill('finance, personal assistants');
  await go(page, () => page.getByRole('button', { name: 'Save the first version' }).click());
  assert.match(await page.locator('#status-heading').innerText(), /Draft/);

  await page.getByLabel('A note for the record (optional)').fill('Ready for the group to read');
  await go(page, () => page.getByRole('button', { name: 'Send it out for comment' }).click());
  assert.match(await page.locator('[role=status]').innerText(), /now out for comment/);
  await check('the document out for comment');

  // Forgetting the reason for a concern: a clear message, the choice kept.
  await page.getByLabel('I agree, but I have concerns').check();
  await go(page, () => page.getByRole('button', { name: 'Save my view' }).click());
  assert.match(await page.locator('[role=alert]').innerText(), /Please say what your concerns are/);
  assert.equal(await page.getByLabel('I agree, but I have concerns').isChecked(), true);
  await page.getByLabel('I agree', { exact: true }).check();
  await go(page, () => page.getByRole('button', { name: 'Save my view' }).click());
  assert.match(await page.locator('main').innerText(), /Co-production check not met yet/);

  // Only staff have agreed, so agreeing is refused and says why.
  const documentUrl = page.url().split('?')[0];
  await go(page, () => page.getByRole('button', { name: 'Record that it is agreed' }).click());
  assert.match(await page.locator('[role=alert]').innerText(), /no expert by experience/);
  await check('the document with its views', documentUrl);

  await page.getByLabel(/Ask for at least one expert by experience/).uncheck();
  await go(page, () => page.getByRole('button', { name: 'Save these rules' }).click());
  await go(page, () => page.getByRole('button', { name: 'Record that it is agreed' }).click());
  assert.match(await page.locator('[role=status]').innerText(), /the document is agreed/);
  assert.match(await page.locator('#decisions-heading + .decision').innerText(), /Priya Shah \(council staff\) agrees/);
  await go(page, () => page.getByRole('button', { name: 'Publish it' }).click());
  const publicUrl = await page.getByRole('link', { name: /\/published$/ }).getAttribute('href');
  await check('the published document');

  // The easy-read version is written part by part beside the full text.
  await go(page, () => page.getByRole('link', { name: 'Easy read', exact: true }).click());
  await check('the easy-read page');
  await go(page, () => page.getByRole('link', { name: 'Write the easy-read version of “Paying personal assistants”' }).click());
  await check('the easy-read editing page');
  await page.getByLabel('Easy-read text').fill('We pay your PA at the end of each month.');
  await go(page, () => page.getByRole('button', { name: 'Save the easy-read version' }).click());
  assert.match(await page.locator('.easy-part').first().innerText(), /end of each month/);
  await page.goto(page.url().split('#')[0]);

  // Signed out, anyone reads the published version and finds it in the list.
  const visitor = await browser.newContext();
  const reader = await visitor.newPage();
  await reader.goto(coboard.url + '/published');
  assert.deepEqual(await axeViolations(reader), [], 'the published list has axe violations');
  await go(reader, () => reader.getByRole('link', { name: 'Paying personal assistants' }).click());
  assert.equal(new URL(reader.url()).pathname, publicUrl);
  assert.match(await reader.locator('article').innerText(), /last working day of the month/);
  assert.match(await reader.locator('main').innerText(), /1 person agreed: 1 council staff/);
  assert.deepEqual(await axeViolations(reader), [], 'the public document has axe violations');

  // A second version is agreed and published; the first stays readable as an earlier version.
  await page.goto(coboard.url + publicUrl.replace(/\/published$/, ''));
  await go(page, () => page.getByRole('link', { name: 'Edit this document' }).click());
  const box = page.getByLabel('The text');
  await box.fill((await box.inputValue()).replace('last working day of the month', 'last Friday of the month'));
  await go(page, () => page.getByRole('button', { name: 'Save a new version' }).click());
  await go(page, () => page.getByRole('button', { name: 'Send it out for comment' }).click());
  await page.getByLabel('I agree', { exact: true }).check();
  await go(page, () => page.getByRole('button', { name: 'Save my view' }).click());
  await go(page, () => page.getByRole('button', { name: 'Record that it is agreed' }).click());
  await go(page, () => page.getByRole('button', { name: 'Publish it' }).click());
  await reader.goto(coboard.url + publicUrl);
  assert.match(await reader.locator('article').innerText(), /last Friday of the month/);
  await go(reader, () => reader.getByRole('link', { name: 'Version 1' }).click());
  assert.match(await reader.locator('main').innerText(), /This is version 1, an earlier published version/);
  assert.match(await reader.locator('article').innerText(), /last working day of the month/);
  assert.deepEqual(await axeViolations(reader), [], 'an earlier published version has axe violations');
  await visitor.close();
  await noJs.close();
  await check.close();
});

test('a change is suggested, discussed and accepted by keyboard without JavaScript, and credited to the suggester', async () => {
  const noJs = await browser.newContext({ javaScriptEnabled: false });
  const page = await noJs.newPage();
  await signInWithPassword(page, coboard.url, 'priya@example.org', 'purple kettle island');
  const check = await accessibilityChecker(browser, noJs, page);

  await page.goto(coboard.url + '/documents/new/policy');
  await page.getByLabel('Title').fill('Timesheets');
  await page.getByLabel('The text').fill('# Timesheets\n\nPersonal assistants must utilise the timesheet.\n\nSend it monthly.\n');
  await go(page, () => page.getByRole('button', { name: 'Save the first version' }).click());
  await go(page, () => page.getByRole('link', { name: 'Suggest a change' }).click());
  await check('the suggest page');
  await page.getByLabel('Which part do you want to change?').selectOption({ label: 'Part 2: Personal assistants must utilise the timesheet.' });
  await page.getByLabel('Your new words').focus();
  await page.keyboard.type('Personal assistants fill in the timesheet.');
  await page.getByLabel('Why?').focus();
  await page.keyboard.type('Plainer words');
  await page.keyboard.press('Tab');
  await go(page, () => page.keyboard.press('Enter'));
  assert.match(await page.locator('[role=status]').innerText(), /Your suggestion has been sent/);
  await check('the suggestions page');
  const item = page.locator('.suggestion').first();
  assert.match(await item.locator('h2').innerText(), /Suggestion 1 by Priya Shah \(council staff\)/);

  await item.getByLabel('Add a comment on suggestion 1').fill('Fine by me.');
  await go(page, () => item.getByRole('button', { name: 'Add my comment' }).click());
  assert.match(await page.locator('.suggestion').first().innerText(), /Fine by me\./);
  await page.getByRole('button', { name: 'Accept suggestion 1' }).focus();
  await go(page, () => page.keyboard.press('Enter'));
  assert.match(await page.locator('.suggestion').first().innerText(), /Accepted by Priya Shah, as version 2/);
  await page.goto(page.url().replace(/\/suggestions.*$/, '/history'));
  assert.match(await page.locator('main').innerText(), /Suggestion from Priya Shah, accepted by Priya Shah: Plainer words/);
  await noJs.close();
  await check.close();
});
