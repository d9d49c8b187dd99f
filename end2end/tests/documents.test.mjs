// Shared drafts in chromium: start a document, edit it, read its history and compare versions,
// with JavaScript off for the forms and axe on every page.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startCoboard, launchBrowser, axeViolations, go } from './support.mjs';

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

async function signIn(context) {
  const page = await context.newPage();
  await page.goto(coboard.url + '/setup');
  await page.getByLabel('Your name', { exact: true }).fill('Priya Shah');
  await page.getByLabel('Council staff').check();
  await page.getByLabel('Email address').fill('priya@example.org');
  await page.getByLabel('Password (optional)').fill('purple kettle island');
  await go(page, () => page.getByRole('button', { name: 'Create the first account' }).click());
  return page;
}

test('a draft is started, edited, its history read and two versions compared, by keyboard and without JavaScript', async () => {
  const noJs = await browser.newContext({ javaScriptEnabled: false });
  const page = await signIn(noJs);
  const withJs = await browser.newContext({ storageState: await noJs.storageState() });
  const look = await withJs.newPage();
  const check = async (what) => {
    await look.goto(page.url());
    assert.deepEqual(await axeViolations(look), [], `${what} has axe violations`);
    assert.equal(await look.locator('h1').count(), 1, `${what} has one h1`);
  };

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
  await withJs.close();
});
