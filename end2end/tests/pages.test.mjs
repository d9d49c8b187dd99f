// Every page Coboard has, visited in chromium: zero axe violations of the WCAG 2.2 A/AA rules,
// one <h1>, a title, reads the same with JavaScript off, works by keyboard, reflows at 320 px.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startCoboard, launchBrowser, axeViolations } from './support.mjs';

let coboard;
let browser;
let pages = [];

before(async () => {
  coboard = await startCoboard();
  browser = await launchBrowser();
  // Find every page by following the site's own links, so a new page cannot be missed.
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const seen = new Set(['/']);
  const seenPaths = new Set(['/']);
  const queue = ['/'];
  while (queue.length) {
    const path = queue.shift();
    await page.goto(coboard.url + path);
    // Downloads and feeds (links that say their type) are files, not pages; each address is visited once whatever its query
    // (every page links to "I don't understand a word here" with its own address).
    const links = await page.$$eval('a[href^="/"]:not([download]):not([type])', (as) => as.map((a) => a.getAttribute('href')));
    for (const link of links) {
      const clean = link.split('#')[0];
      const path = clean.split('?')[0];
      if (clean && !clean.startsWith('/api/') && !clean.startsWith('/pkg/') && !seen.has(clean) && !seenPaths.has(path)) {
        seen.add(clean);
        seenPaths.add(path);
        queue.push(clean);
      }
    }
  }
  await context.close();
  pages = [...seen, '/a-page-that-does-not-exist', '/groups/no-such-group'];
});

after(async () => {
  await browser?.close();
  await coboard?.stop();
});

test('the crawl found the home, vision, groups and all four group pages', () => {
  for (const path of ['/', '/vision', '/groups', '/groups/policy', '/groups/support-plans',
    '/groups/communications-paperwork-finance-and-audit', '/groups/recruitment-and-retention-of-personal-assistants']) {
    assert.ok(pages.includes(path), `${path} is linked from the site (found: ${pages.join(', ')})`);
  }
});

test('every page passes axe (WCAG 2.2 A and AA) with JavaScript on, and has no script errors', async () => {
  const context = await browser.newContext();
  for (const path of pages) {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const expected = path.includes('not-exist') || path.includes('no-such') ? 404 : 200;
    page.on('console', (m) => {
      // A 404 page's own status is logged by chromium as a failed load; that one is expected.
      const ownStatus = expected === 404 && m.location().url === coboard.url + path;
      if (m.type() === 'error' && !ownStatus) errors.push(`${m.text()} (${m.location().url})`);
    });
    const response = await page.goto(coboard.url + path, { waitUntil: 'networkidle' });
    assert.equal(response.status(), expected, `${path} status`);
    assert.deepEqual(await axeViolations(page), [], `${path} has axe violations`);
    assert.equal(await page.locator('h1').count(), 1, `${path} has one h1`);
    assert.match(await page.title(), /Coboard$/, `${path} has a title`);
    assert.equal(await page.getAttribute('html', 'lang'), 'en-GB');
    assert.deepEqual(errors, [], `${path} logged errors`);
    await page.close();
  }
  await context.close();
});

test('every page reads the same with JavaScript off', async () => {
  const withJs = await browser.newContext();
  const withoutJs = await browser.newContext({ javaScriptEnabled: false });
  for (const path of pages) {
    const a = await withJs.newPage();
    const b = await withoutJs.newPage();
    await a.goto(coboard.url + path, { waitUntil: 'networkidle' });
    await b.goto(coboard.url + path);
    const mainA = (await a.locator('main').innerText()).trim();
    const mainB = (await b.locator('main').innerText()).trim();
    assert.ok(mainB.length > 50, `${path} has content without JavaScript`);
    assert.doesNotMatch(mainB, /Loading/, `${path} shows no loading placeholder without JavaScript`);
    assert.equal(mainB, mainA, `${path} reads the same with and without JavaScript`);
    await a.close();
    await b.close();
  }
  await withJs.close();
  await withoutJs.close();
});

test('keyboard: the first Tab reaches the skip link, which moves focus to the main content', async () => {
  const page = await browser.newPage();
  await page.goto(coboard.url + '/', { waitUntil: 'networkidle' });
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Skip to main content');
  const box = await page.locator('.skip-link').boundingBox();
  assert.ok(box && box.y >= 0 && box.height > 10, 'the focused skip link is visible on screen');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
  // Tabbing on from main reaches the first link inside it, not the header again.
  await page.keyboard.press('Tab');
  assert.ok(await page.evaluate(() => document.querySelector('main').contains(document.activeElement)));
  await page.close();
});

test('focus is clearly visible on links', async () => {
  const page = await browser.newPage();
  await page.goto(coboard.url + '/vision');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  const outline = await page.evaluate(() => {
    const s = getComputedStyle(document.activeElement);
    return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
  });
  assert.notEqual(outline.style, 'none');
  assert.ok(outline.width >= 2, `outline is ${outline.width}px`);
  await page.close();
});

test('every page reflows at 320 px wide and at 400% zoom (1280 px at 4x) without sideways scrolling', async () => {
  for (const viewport of [{ width: 320, height: 640, deviceScaleFactor: 1 }, { width: 1280, height: 800, deviceScaleFactor: 4 }]) {
    const context = await browser.newContext({ viewport: { width: viewport.width, height: viewport.height }, deviceScaleFactor: viewport.deviceScaleFactor });
    const page = await context.newPage();
    if (viewport.deviceScaleFactor === 4) {
      // 400% zoom of a 1280 px window leaves 320 CSS px: the same layout as a small phone.
      await page.setViewportSize({ width: 320, height: 200 });
    }
    for (const path of pages) {
      await page.goto(coboard.url + path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${path} scrolls sideways by ${overflow}px at ${viewport.width}px`);
    }
    await context.close();
  }
});

test('people who ask for reduced motion get none', async () => {
  const context = await browser.newContext({ reducedMotion: 'reduce' });
  const page = await context.newPage();
  await page.goto(coboard.url + '/');
  const moving = await page.evaluate(() => [...document.querySelectorAll('*')]
    .filter((el) => { const s = getComputedStyle(el); return s.animationName !== 'none' || parseFloat(s.transitionDuration) > 0; }).length);
  assert.equal(moving, 0);
  await context.close();
});
