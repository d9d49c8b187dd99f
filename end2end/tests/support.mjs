// Helpers for the browser journeys: start the real release build of Coboard on a free port with
// a fresh SQLite data folder (demo loaded), and drive Debian's chromium with playwright-core.

import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
const require = createRequire(import.meta.url);

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
export const AXE_SOURCE = require.resolve('axe-core/axe.min.js');
const AXE_TEXT = readFileSync(AXE_SOURCE, 'utf8');

/** Where the built binary and site are: COBOARD_BIN / LEPTOS_SITE_ROOT, or the default target folder. */
function buildPaths() {
  const target = process.env.CARGO_TARGET_DIR ? resolve(process.env.CARGO_TARGET_DIR) : join(repo, 'target');
  const bin = process.env.COBOARD_BIN ?? join(target, 'release', 'coboard');
  const siteRoot = process.env.LEPTOS_SITE_ROOT ?? join(repo, 'target', 'site');
  if (!existsSync(bin)) throw new Error(`No Coboard binary at ${bin}: run 'cargo leptos build --release' first.`);
  if (!existsSync(join(siteRoot, 'pkg', 'coboard.wasm')) && !existsSync(join(siteRoot, 'pkg', 'coboard_bg.wasm'))) {
    throw new Error(`No built site in ${siteRoot}: run 'cargo leptos build --release' first.`);
  }
  return { bin, siteRoot };
}

/** Starts Coboard; resolves with { url, stop() } once it prints its address. */
export async function startCoboard({ demo = true } = {}) {
  const { bin, siteRoot } = buildPaths();
  const dataDir = mkdtempSync(join(tmpdir(), 'coboard-e2e-'));
  const env = {
    ...process.env,
    COBOARD_DATA_DIR: dataDir,
    LEPTOS_SITE_ADDR: '127.0.0.1:0',
    LEPTOS_SITE_ROOT: siteRoot,
    RUST_LOG: 'warn',
  };
  delete env.DATABASE_URL;
  if (demo) {
    const loaded = spawnSync(bin, ['demo'], { env, encoding: 'utf8' });
    if (loaded.status !== 0) throw new Error(`coboard demo failed: ${loaded.stderr}`);
  }
  const child = spawn(bin, ['serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  const url = await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`Coboard did not start in 30 s:\n${stderr}`)), 30_000);
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const found = out.match(/Open (http:\/\/[^\s]+) in your browser/);
      if (found) { clearTimeout(timer); ok(found[1]); }
    });
    child.on('exit', (code) => { clearTimeout(timer); fail(new Error(`Coboard exited (${code}):\n${stderr}`)); });
  });
  return {
    url,
    dataDir,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((ok) => child.once('exit', ok));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The newest email to `to` written by Coboard (mail goes to files when no SMTP is set), decoded;
 * with `containing`, the newest that matches it. */
export function lastMailTo(dataDir, to, containing = null) {
  const dir = join(dataDir, 'mail');
  // Mail is sent from the outbox by a worker: give it a few seconds to be written.
  for (let tries = 0; ; tries++) {
    const files = existsSync(dir) ? readdirSync(dir).map((f) => join(dir, f)) : [];
    const mails = files
      .map((f) => ({ at: statSync(f).mtimeMs, text: decodeMail(readFileSync(f, 'utf8')) }))
      .filter((m) => m.text.includes(`To: ${to}`) && (!containing || containing.test(m.text)))
      .sort((a, b) => a.at - b.at);
    if (mails.length) return mails[mails.length - 1].text;
    if (tries >= 50) throw new Error(`no mail to ${to} in ${dir}`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
  }
}

/** The first link in `mail` under `base` (for example the site's /invitations/). */
export function linkIn(mail, base) {
  const at = mail.indexOf(base);
  if (at < 0) throw new Error(`no ${base} link in:\n${mail}`);
  // A link in a header (`<https://...>`) or an HTML attribute ends at its bracket or quote.
  return mail.slice(at).split(/[\s<>"]/)[0];
}

function decodeMail(raw) {
  const text = raw.replace(/\r\n/g, '\n');
  const split = text.indexOf('\n\n');
  const head = text.slice(0, split);
  let body = text.slice(split + 2);
  // A multipart email (plain text and HTML): each part decoded after its own headers.
  const boundary = /content-type: multipart\/[a-z]+;[\s\S]*?boundary="?([^";\n]+)"?/i.exec(head.replace(/\n[ \t]/g, ' '));
  if (boundary) {
    const parts = body.split(`--${boundary[1]}`).map((p) => p.replace(/^\n/, '')).filter((p) => p.trim() && !p.startsWith('--'));
    return `${head}\n\n${parts.map(decodeMail).join('\n\n')}`;
  }
  if (/content-transfer-encoding: quoted-printable/i.test(head)) {
    body = Buffer.from(body.replace(/=\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
  } else if (/content-transfer-encoding: base64/i.test(head)) {
    body = Buffer.from(body.replace(/\s/g, ''), 'base64').toString('utf8');
  }
  return `${head}\n\n${body}`;
}

/** Debian's chromium, headless, with no network beyond this machine. */
export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** Runs axe on the page; returns the violations of the WCAG 2.2 A/AA rules, described readably. */
export async function axeViolations(page) {
  // Evaluated through the DevTools protocol: Coboard's Content-Security-Policy (rightly) blocks
  // injected <script> tags, and we test the page with that policy in force.
  await page.evaluate(AXE_TEXT);
  const results = await page.evaluate(async (tags) => {
    // eslint-disable-next-line no-undef
    return await axe.run(document, { runOnly: { type: 'tag', values: tags } });
  }, AXE_TAGS);
  return results.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`);
}

/** Checks the page as it is now: no axe violations (WCAG 2.2 A/AA) and exactly one h1. */
export async function assertAccessible(page, what) {
  assert.deepEqual(await axeViolations(page), [], `${what} has axe violations`);
  assert.equal(await page.locator('h1').count(), 1, `${what} has one h1`);
}

/**
 * The people in these journeys use the forms with JavaScript off, but axe needs scripts. Opens a
 * page with JavaScript on and the sign-in `context` has now, and returns `check(what, url)`: it
 * looks at `url` there (by default where `page` is) and asserts it is accessible. `check.close()`
 * closes that page's context.
 */
export async function accessibilityChecker(browser, context, page) {
  const withJs = await browser.newContext({ storageState: await context.storageState() });
  const look = await withJs.newPage();
  const check = async (what, url = page.url()) => {
    await look.goto(url);
    await assertAccessible(look, what);
  };
  check.close = () => withJs.close();
  return check;
}

/** Creates the first account on a fresh Coboard (Priya, council staff, who becomes a co-chair). */
export async function createFirstAccount(page, base) {
  await page.goto(base + '/setup');
  await page.getByLabel('Your name', { exact: true }).fill('Priya Shah');
  await page.getByLabel('Council staff').check();
  await page.getByLabel('Email address').fill('priya@example.org');
  await page.getByLabel('Password (optional)').fill('purple kettle island');
  await go(page, () => page.getByRole('button', { name: 'Create the first account' }).click());
}

/** Signs in with an email address and password through the sign-in form. */
export async function signInWithPassword(page, base, email, password) {
  await page.goto(base + '/sign-in');
  await page.locator('#sign-in-email').fill(email);
  await page.locator('#sign-in-password').fill(password);
  await go(page, () => page.getByRole('button', { name: 'Sign in', exact: true }).click());
}

/** Does `action` (a click or Enter that sends a form or follows a link) and waits for the new page. */
export async function go(page, action) {
  await Promise.all([page.waitForNavigation(), action()]);
}
