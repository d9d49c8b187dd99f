// The OpenAPI document validates as OpenAPI 3 with a real validator (@apidevtools/swagger-parser,
// which checks it against the specification's schema and resolves every $ref), and search works
// signed out through the JSON API and the page of the running release build.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import SwaggerParser from '@apidevtools/swagger-parser';
import { startCoboard, launchBrowser, assertAccessible } from './support.mjs';

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

test('the OpenAPI document is valid OpenAPI 3', async () => {
  const response = await fetch(`${coboard.url}/api/v1/openapi.json`);
  assert.equal(response.status, 200);
  const doc = await response.json();
  assert.match(doc.openapi, /^3\./);
  // validate() throws, naming the problem, when the document breaks the specification.
  const api = await SwaggerParser.validate(structuredClone(doc));
  assert.ok(api.paths['/api/v1/search'], 'search is described');
  assert.ok(Object.keys(api.paths).length > 50);
});

// `.ci/test` has the Rust integration tests write down every operation that answered with
// success (COBOARD_RECORD_OPERATIONS); each operation in the document must be among them.
test('every operation in the document is exercised by an integration test', async (t) => {
  const recorded = process.env.COBOARD_RECORD_OPERATIONS;
  if (!recorded || !existsSync(recorded)) {
    t.skip('run through .ci/test, which records the operations the Rust tests exercise');
    return;
  }
  const done = new Set(readFileSync(recorded, 'utf8').split('\n').filter(Boolean));
  const doc = await (await fetch(`${coboard.url}/api/v1/openapi.json`)).json();
  const missing = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    if (!path.startsWith('/api/v1/')) continue; // /healthz lives outside the API router
    for (const method of ['get', 'put', 'post', 'delete', 'patch']) {
      if (item[method] && !done.has(`${method.toUpperCase()} ${path}`)) missing.push(`${method.toUpperCase()} ${path}`);
    }
  }
  assert.deepEqual(missing, [], `operations no integration test called with success:\n${missing.join('\n')}`);
});

test('a signed-out visitor searches, with JavaScript off', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${coboard.url}/`);
  await page.getByRole('link', { name: 'Search', exact: true }).click();
  await page.getByLabel('Words to look for', { exact: true }).fill('personal assistants');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.waitForURL(/\/search\?q=/);
  const heading = await page.locator('h1').textContent();
  assert.match(heading, /Search results for/);
  const results = page.locator('.search-result');
  assert.ok(await results.count() > 0, 'the demo board has published work about personal assistants');
  assert.ok(await page.locator('.search-result mark').count() > 0, 'found words are marked');
  await context.close();
  // And with JavaScript on, for the accessibility check.
  const checked = await browser.newContext();
  const page2 = await checked.newPage();
  await page2.goto(`${coboard.url}/search?q=personal+assistants`);
  await assertAccessible(page2, 'search results');
  await checked.close();
});
