// Page weight of a first visit, as an old phone on a slow connection would download it:
// everything the browser fetches (HTML, CSS, and JS and WASM where a page has islands), compressed,
// with an empty cache.
// This prints figures; the 120 KB budget is tracked in the README, not asserted on timing.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startCoboard, launchBrowser } from './support.mjs';

let coboard;
let browser;

before(async () => {
  coboard = await startCoboard();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await coboard?.stop();
});

/** Bytes on the wire per resource type for one cold visit to `path`. */
async function firstVisit(path) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const types = new Map();
  const bytes = new Map();
  cdp.on('Network.responseReceived', (e) => types.set(e.requestId, `${e.type} ${new URL(e.response.url).pathname}`));
  cdp.on('Network.loadingFinished', (e) => bytes.set(e.requestId, e.encodedDataLength));
  await page.goto(coboard.url + path, { waitUntil: 'networkidle' });
  await page.waitForTimeout(500);
  await context.close();
  const rows = [...bytes].map(([id, n]) => ({ what: types.get(id) ?? id, bytes: n }));
  return { total: rows.reduce((sum, r) => sum + r.bytes, 0), rows };
}

test('first visit page weight is measured and printed', async () => {
  for (const path of ['/', '/groups/policy']) {
    const { total, rows } = await firstVisit(path);
    console.log(`page weight of a first visit to ${path}: ${(total / 1024).toFixed(1)} KB transferred`);
    for (const r of rows) console.log(`  ${(r.bytes / 1024).toFixed(1).padStart(7)} KB  ${r.what}`);
    // The figure is of a whole, working page: its stylesheet arrived. These pages have no island
    // (nothing interactive to wake up), so they fetch no JavaScript and no WASM at all.
    assert.ok(rows.some((r) => r.what.includes('.css')), 'the stylesheet was fetched');
    assert.ok(!rows.some((r) => r.what.includes('.wasm') || r.what.endsWith('.js')), 'no script or WASM was fetched');
  }
});
