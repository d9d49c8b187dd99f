// Writing together live in chromium: two people type into the same draft at once and end with
// the same text, holding both their words; a saved version equals it; who is writing is listed
// in text; others' changes are read out only when asked for; Tab leaves the editor; axe passes;
// and without JavaScript the same page is an ordinary form that still saves.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startCoboard, launchBrowser, assertAccessible, createFirstAccount, lastMailTo, linkIn, go } from './support.mjs';

let coboard;
let browser;

before(async () => {
  // Versions are saved here on demand only, so the test knows which number comes next.
  process.env.COBOARD_LIVE_PAUSE_SECS = '600';
  coboard = await startCoboard({ demo: true });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await coboard?.stop();
});

/** The editor's text, one line per line, without the name labels on other people's cursors. */
async function editorText(page) {
  return page.evaluate(() => [...document.querySelectorAll('.cm-content .cm-line')].map((line) => {
    const copy = line.cloneNode(true);
    copy.querySelectorAll('.cm-ySelectionCaret, .cm-widgetBuffer').forEach((n) => n.remove());
    return copy.textContent;
  }).join('\n'));
}

async function waitForText(page, what, check) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const text = await editorText(page);
    if (check(text)) return text;
    if (Date.now() > deadline) assert.fail(`waited 20 s for ${what}; the editor shows ${JSON.stringify(text)}`);
    await page.waitForTimeout(50);
  }
}

test('two people type into the same draft at once and see the same text, saved as a version that credits both', async () => {
  // Priya sets up, starts a draft and invites Sam into the Policy group (no JavaScript needed).
  const priyaNoJs = await browser.newContext({ javaScriptEnabled: false });
  const setup = await priyaNoJs.newPage();
  await createFirstAccount(setup, coboard.url);
  await setup.goto(coboard.url + '/documents/new/policy');
  await setup.getByLabel('Title').fill('Recruiting personal assistants');
  await setup.getByLabel('The text').fill('# Recruiting personal assistants\n\nWe help you find a personal assistant.\n');
  await go(setup, () => setup.getByRole('button', { name: 'Save the first version' }).click());
  const docPath = new URL(setup.url()).pathname;
  await setup.goto(coboard.url + '/invite/policy');
  await setup.getByLabel('Their email address').fill('sam@example.org');
  await setup.getByLabel(/^Member/).check();
  await go(setup, () => setup.getByRole('button', { name: 'Send the invitation' }).click());
  const samNoJs = await browser.newContext({ javaScriptEnabled: false });
  const samSetup = await samNoJs.newPage();
  await samSetup.goto(linkIn(lastMailTo(coboard.dataDir, 'sam@example.org'), coboard.url + '/invitations/'));
  await samSetup.getByLabel('Your name', { exact: true }).fill('Sam Lee');
  await samSetup.getByLabel('Expert by experience').check();
  await go(samSetup, () => samSetup.getByRole('button', { name: 'Accept and sign in' }).click());

  // The document page links to the live page; nothing but that page loads the editor.
  await setup.goto(coboard.url + docPath);
  assert.ok(await setup.getByRole('link', { name: 'Write together live' }).isVisible());
  assert.ok(!(await setup.content()).includes('live-editor.js'), 'the document page does not load the editor');

  // Both open the live page with JavaScript on.
  const priyaContext = await browser.newContext({ storageState: await priyaNoJs.storageState() });
  const samContext = await browser.newContext({ storageState: await samNoJs.storageState() });
  const priya = await priyaContext.newPage();
  const sam = await samContext.newPage();
  const scripts = [];
  priya.on('request', (r) => { if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname); });
  await priya.goto(coboard.url + docPath + '/live');
  await sam.goto(coboard.url + docPath + '/live');
  for (const page of [priya, sam]) {
    await page.locator('.cm-content').waitFor();
    assert.equal(await page.locator('[data-live-fallback]').isVisible(), false, 'the plain form gives way to the live editor');
  }
  assert.ok(scripts.includes('/editor/live-editor.js'), `the live page loads the editor: ${scripts}`);
  const start = '# Recruiting personal assistants\nWe help you find a personal assistant.';
  await waitForText(priya, 'the draft', (t) => t.replace(/\n+/g, '\n').trim() === start);

  // Who is writing, in words.
  await priya.locator('[data-live-people]').getByText('Sam Lee').waitFor();
  await sam.locator('[data-live-people]').getByText('Priya Shah').waitFor();
  assert.match(await priya.locator('[data-live-status]').innerText(), /Connected/);
  await assertAccessible(priya, 'the live page');

  // Sam asks to hear others' changes read out.
  await sam.getByLabel(/Read out when other people change the text/).check();

  // Both type at once: Priya at the end, Sam at the start.
  await priya.locator('.cm-content').click();
  await priya.keyboard.press('Control+End');
  await sam.locator('.cm-content').click();
  await sam.keyboard.press('Control+Home');
  await Promise.all([
    priya.keyboard.type('\nPriya adds a line about references.', { delay: 15 }),
    sam.keyboard.type('Sam writes first. ', { delay: 15 }),
  ]);
  const both = (t) => t.includes('Priya adds a line about references.') && t.startsWith('Sam writes first. # Recruiting');
  const seenByPriya = await waitForText(priya, "both people's words", both);
  const seenBySam = await waitForText(sam, "both people's words", both);
  assert.equal(seenByPriya, seenBySam, 'both pages show identical text');
  await sam.locator('[data-live-announcer]').getByText(/Priya Shah changed the text/).waitFor({ state: 'attached', timeout: 10_000 });
  await assertAccessible(sam, 'the live page with two people writing');

  // Tab leaves the editor: keyboard users are never trapped in it.
  await sam.locator('.cm-content').click();
  await sam.keyboard.press('Tab');
  assert.equal(await sam.evaluate(() => !!document.activeElement.closest('.cm-editor')), false, 'Tab moved focus out of the editor');

  // Saved on demand: a version equal to what both see, crediting both.
  await priya.getByRole('button', { name: 'Save a version now' }).click();
  await priya.locator('[data-live-saved]').getByText(/Saved as version 2/).waitFor();
  const saved = await (await priya.request.get(coboard.url + docPath + '/versions/2')).text();
  assert.equal(saved.replace(/\n+$/, ''), seenByPriya);
  await priya.goto(coboard.url + docPath + '/history');
  assert.match(await priya.locator('main').innerText(), /Version 2, by (Priya Shah, written live with Sam Lee|Sam Lee, written live with Priya Shah)/);

  // Without JavaScript, the live page is the ordinary form with the live text, and it saves.
  const plain = await samNoJs.newPage();
  await plain.goto(coboard.url + docPath + '/live');
  const box = plain.getByLabel('The text', { exact: true });
  assert.equal((await box.inputValue()).replace(/\n+$/, ''), seenBySam);
  assert.match(await plain.locator('[data-live-status]').innerText(), /needs JavaScript/);
  await box.fill((await box.inputValue()) + '\nSam adds a closing line without JavaScript.\n');
  await go(plain, () => plain.getByRole('button', { name: 'Save a new version' }).click());
  assert.match(await plain.locator('[role=status]').first().innerText(), /Saved as version 3/);
  // It reaches the live editor too (Sam's own page left, so the editor on Priya's side shows it).
  await priya.goto(coboard.url + docPath + '/live');
  await waitForText(priya, 'the form save in the live text', (t) => t.includes('Sam adds a closing line without JavaScript.'));

  for (const c of [priyaNoJs, samNoJs, priyaContext, samContext]) await c.close();
});
