// The glossary in chromium: a visitor who is not signed in asks about a word, a member explains
// it, and the word is then explained in a document, all without JavaScript and with axe on every page.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startCoboard, launchBrowser, accessibilityChecker, createFirstAccount, go } from './support.mjs';

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

test('a visitor asks about a word, a member explains it, and documents explain it from then on', async () => {
  const visitor = await browser.newContext({ javaScriptEnabled: false });
  const page = await visitor.newPage();
  const check = await accessibilityChecker(browser, visitor, page);
  await page.goto(coboard.url + '/groups/policy');
  await go(page, () => page.getByRole('link', { name: "I don't understand a word here" }).click());
  await check('the ask page');
  await page.getByLabel('The word or phrase').fill('personal budget');
  await go(page, () => page.getByRole('button', { name: 'Ask what it means' }).click());
  assert.match(await page.locator('[role=status]').innerText(), /asked the board's members to explain “personal budget”/);
  await go(page, () => page.getByRole('link', { name: 'Go back to the page you were reading' }).click());
  assert.equal(new URL(page.url()).pathname, '/groups/policy');

  // The published guide explains its words by ordinary links to explanations below the text.
  await page.goto(coboard.url + '/published');
  await go(page, () => page.getByRole('link', { name: /a short guide/ }).click());
  await go(page, () => page.locator('article').getByRole('link', { name: 'payroll' }).click());
  assert.match(await page.locator('#term-payroll + dd').innerText(), /pay, tax and National Insurance/);
  await check('the published guide');
  await check.close();
  await visitor.close();

  // The first account is a co-chair; she sees the question and explains it.
  const member = await browser.newContext({ javaScriptEnabled: false });
  const priya = await member.newPage();
  await createFirstAccount(priya, coboard.url);
  const checkSignedIn = await accessibilityChecker(browser, member, priya);
  await priya.goto(coboard.url + '/glossary');
  await checkSignedIn('the glossary with its queue');
  const explain = priya.getByLabel('What “personal budget” means, in plain words');
  await explain.fill('The amount of money the council works out you need for your care.');
  // The demo has a question of its own waiting too: the button in this word's form.
  await go(priya, () => priya.locator('form', { has: explain }).getByRole('button', { name: 'Explain this word' }).click());
  assert.match(await priya.locator('#personal-budget + dd').innerText(), /works out you need/);

  // A new draft using the word explains it, and the writing check is there to open.
  await priya.goto(coboard.url + '/documents/new/policy');
  await priya.getByLabel('Title').fill('Budgets');
  await priya.getByLabel('The text').fill('Your personal budget is paid by the council in order to meet your needs.\n');
  await go(priya, () => priya.getByRole('button', { name: 'Save the first version' }).click());
  await go(priya, () => priya.locator('article').getByRole('link', { name: 'personal budget' }).click());
  assert.match(await priya.locator('#term-personal-budget + dd').innerText(), /works out you need/);
  await priya.getByText('How easy is it to read?').click();
  assert.match(await priya.locator('.writing-help').innerText(), /“is paid”/);
  assert.match(await priya.locator('.writing-help').innerText(), /“in order to”: try “to”/);
  await checkSignedIn('a document with words explained');
  await checkSignedIn.close();
  await member.close();
});
