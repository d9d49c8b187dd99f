// Bad input, in chromium: a corpus of classic cross-site scripting vectors, each carrying its own
// marker (zx<field>v<vector>), goes through every text field people can fill (through the JSON
// API where it reaches the field, through the forms where only they do: set-up, invitations,
// tokens, the public "tell us" form and "did it help?"), and every page that shows those fields
// is opened with JavaScript on (and the main ones with it off). On each page: no dialog opened,
// window.__xss was never called, no Content-Security-Policy violation for scripts, and a scan of
// the DOM finds nothing in an executable position (scripts carrying a marker, on* attributes,
// javascript:/vbscript:/data:text/html addresses, frames, objects, <base>, refresh, script in
// style); the markers show as visible text where the fields are shown, so the fields were
// rendered, escaped. The detector tests itself first on markup known to be bad.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request as playwrightRequest } from 'playwright-core';
import { startCoboard, launchBrowser, lastMailTo, linkIn } from './support.mjs';

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

// ---------------------------------------------------------------------------------------------
// The corpus. `M` is the marker; every vector calls window.__xss (or alert) with it if it runs.

const b64 = (text) => Buffer.from(text).toString('base64');

/** Vectors, most useful in plain-text and attribute contexts first (short fields take the first). */
const VECTORS = [
  ['script', (m) => `<script>__xss('${m}')</script>`],
  ['img-onerror', (m) => `<img src=x onerror="__xss('${m}')">`],
  ['svg-onload', (m) => `<svg onload=__xss('${m}')>`],
  ['break-double-quote', (m) => `"><img src=x onerror=__xss('${m}')>`],
  ['break-single-quote', (m) => `'><svg/onload=__xss('${m}')>`],
  ['attribute-single', (m) => `' onmouseover='__xss("${m}")' x='`],
  ['attribute-double', (m) => `" autofocus onfocus="__xss('${m}')" x="`],
  ['close-title', (m) => `</title><script>__xss('${m}')</script>`],
  ['close-textarea', (m) => `</textarea><script>__xss('${m}')</script>`],
  ['details-ontoggle', (m) => `<details open ontoggle=__xss('${m}')>`],
  ['template', (m) => `{{constructor.constructor('__xss("${m}")')()}}`],
  ['bare-javascript-url', (m) => `javascript:__xss('${m}')`],
  ['alert', (m) => `<img src=x onerror=alert('${m}')>`],
  ['nested-script', (m) => `<scr<script>ipt>__xss('${m}')</scr</script>ipt>`],
  ['markdown-link', (m) => `[a](javascript:__xss('${m}'))`],
  ['markdown-link-mixed-case', (m) => `[b](JaVaScRiPt:__xss('${m}'))`],
  ['markdown-link-entities', (m) => `[c](&#106;avascript&#58;__xss('${m}'))`],
  ['markdown-autolink', (m) => `<javascript:__xss('${m}')>`],
  ['markdown-image', (m) => `![d](javascript:__xss('${m}'))`],
  ['markdown-data-html', (m) => `[e](data:text/html;base64,${b64(`<script>parent.__xss('${m}')</script>`)})`],
  ['a-tab-entity', (m) => `<a href="jav&#x09;ascript:__xss('${m}')">f</a>`],
  ['a-hex-entities', (m) => `<a href="&#x6A;&#x61;vascript:__xss('${m}')">g</a>`],
  ['a-colon-entity', (m) => `<a href="javascript&colon;__xss('${m}')">h</a>`],
  ['a-vbscript', (m) => `<a href="vbscript:__xss('${m}')">i</a>`],
  ['a-data-html', (m) => `<a href="data:text/html,<script>parent.__xss('${m}')</script>">j</a>`],
  ['iframe-srcdoc', (m) => `<iframe srcdoc="<script>parent.__xss('${m}')</script>"></iframe>`],
  ['mxss-math-style', (m) => `<math><mtext><table><mglyph><style><img src=x onerror=__xss('${m}')></style></mglyph></table></mtext></math>`],
  ['mxss-noscript', (m) => `<noscript><p title="</noscript><img src=x onerror=__xss('${m}')>"></noscript>`],
  ['css-url', (m) => `<div style="background:url(javascript:__xss('${m}'))">k</div>`],
  ['object-data', (m) => `<object data="javascript:__xss('${m}')"></object>`],
  ['base-href', (m) => `<base href="javascript:__xss('${m}')//">`],
  ['meta-refresh', (m) => `<meta http-equiv="refresh" content="0;url=javascript:__xss('${m}')">`],
  ['formaction', (m) => `<form><button formaction="javascript:__xss('${m}')">l</button></form>`],
  ['svg-xlink', (m) => `<svg><a xlink:href="javascript:__xss('${m}')"><text y="9">n</text></a></svg>`],
  // Raw control characters and line breaks: only multi-line fields take them.
  ['markdown-reference', (m) => `[o][r${m}]\n\n[r${m}]: javascript:__xss('${m}')`, { control: true }],
  ['markdown-link-tab', (m) => `[p](<java\tscript:__xss('${m}')>)`, { control: true }],
  ['a-newline', (m) => `<a href="java\nscript:__xss('${m}')">q</a>`, { control: true }],
].map(([name, make, o = {}]) => ({ name, make, control: !!o.control }));

const MARKER = /zx\d\dv\d\d/;

// ---------------------------------------------------------------------------------------------
// Fields, packing and what was sent.

const stats = { fields: [], pairs: 0, refusals: 0, pages: 0, pagesWithoutJs: 0, serverErrors: [] };
/** url -> [{ field, markers }]: markers that must be visible text on that page. */
const shown = new Map();
/** url -> [{ field, href }]: addresses that must be on that page as a link, exactly as typed. */
const linked = new Map();
let fieldCount = 0;

/**
 * A field: the corpus with this field's markers, each piece `marker vector` (or the vector
 * alone when the label does not fit). `max` is the field's limit in characters.
 */
function field(name, { max, multiline = false, fit = null }) {
  const no = String(++fieldCount).padStart(2, '0');
  const pieces = [];
  VECTORS.forEach((v, i) => {
    if (v.control && !multiline) return;
    const marker = `zx${no}v${String(i + 1).padStart(2, '0')}`;
    const bare = v.make(marker);
    const labelled = `${marker} ${bare}`;
    const text = labelled.length <= max ? labelled : bare.length <= max ? bare : null;
    if (text && (!fit || fit(text))) pieces.push({ marker, text, vector: v.name });
  });
  const f = { name, no, max, multiline, pieces, sent: [] };
  stats.fields.push(f);
  return f;
}

/** The field's pieces packed into values of at most `max` characters (at most `limit` values). */
function values(f, { limit = Infinity } = {}) {
  const sep = f.multiline ? '\n\n' : ' ';
  const out = [];
  let current = [];
  const join = (list) => list.map((p) => p.text).join(sep);
  for (const p of f.pieces) {
    if (current.length && join([...current, p]).length > f.max) {
      out.push(current);
      current = [];
    }
    current.push(p);
  }
  if (current.length) out.push(current);
  return out.slice(0, limit).map((list) => ({ value: join(list), markers: list.map((p) => p.marker), field: f }));
}

/** Everything the field takes, in one value (for fields long enough). */
function whole(f) {
  const all = values(f);
  assert.equal(all.length, 1, `${f.name} takes the whole corpus in one value (${f.max} characters)`);
  return all[0];
}

/** Records a value as accepted by Coboard, and where it must show as text. */
function sent(v, ...urls) {
  v.field.sent.push(...v.markers);
  stats.pairs += v.markers.length;
  for (const url of urls) expectShown(url, v);
  return v.value;
}

function expectShown(url, v, markers = v.markers) {
  if (!shown.has(url)) shown.set(url, []);
  shown.get(url).push({ field: v.field.name, markers });
}

/** The London date `days` from today, as YYYY-MM-DD. */
function londonDay(days) {
  const when = new Date(Date.now() + days * 24 * 60 * 60 * 1000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(when);
}

// ---------------------------------------------------------------------------------------------
// Talking to Coboard.

/** A JSON API call with a request context's cookies; throws unless it answers as `expect`. */
async function api(ctx, method, path, body, { expect = 'ok', headers = {} } = {}) {
  const options = { method, headers, failOnStatusCode: false, maxRedirects: 0 };
  if (body !== undefined) options.data = body;
  const response = await ctx.fetch(`${coboard.url}/api/v1${path}`, options);
  const status = response.status();
  const text = await response.text();
  if (status >= 500) stats.serverErrors.push(`${method} /api/v1${path} answered ${status}: ${text.slice(0, 300)}`);
  if (expect === 'ok' && (status < 200 || status >= 300)) throw new Error(`${method} /api/v1${path} answered ${status}: ${text.slice(0, 500)}`);
  if (expect === 'refused') {
    assert.ok(status >= 400 && status < 500, `${method} /api/v1${path} should be refused (4xx), answered ${status}: ${text.slice(0, 300)}`);
    stats.refusals++;
  }
  return text && /json/.test(response.headers()['content-type'] ?? '') ? JSON.parse(text) : text;
}

/** A form post (as a browser sends it, without following the redirect). */
async function postForm(ctx, path, form, { expect = 303 } = {}) {
  const response = await ctx.post(path.startsWith('http') ? path : `${coboard.url}${path}`, { form, failOnStatusCode: false, maxRedirects: 0 });
  const status = response.status();
  if (status >= 500) stats.serverErrors.push(`POST ${path} answered ${status}`);
  if (status !== expect) throw new Error(`POST ${path} answered ${status}, expected ${expect}: ${(await response.text()).slice(0, 800)}`);
  return response;
}

// ---------------------------------------------------------------------------------------------
// The detector, run in the page. Returns what it finds in executable positions.

function scanDom(markerSource) {
  const marker = new RegExp(markerSource);
  const found = [];
  const strip = (v) => v.toLowerCase().replace(/[\u0000-\u0020\u007f-\u00a0\u1680\u180e\u2000-\u200f\u2028\u2029\u202f\u205f\u3000\ufeff]/g, '');
  const badUrl = (v) => {
    const s = strip(v);
    return ['javascript:', 'vbscript:', 'data:text/html', 'data:image/svg', 'data:application/xhtml', 'data:text/xml'].some((b) => s.startsWith(b));
  };
  const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'srcdoc', 'data', 'poster', 'background', 'codebase',
    'cite', 'ping', 'dynsrc', 'lowsrc', 'longdesc', 'usemap', 'manifest', 'icon', 'classid', 'archive', 'values', 'to', 'from', 'by']);
  // Attributes in which the app rightly shows what people typed, escaped: a marker there is text.
  const TEXT_ATTRIBUTES = new Set(['value', 'content', 'title', 'alt', 'aria-label', 'aria-description', 'placeholder', 'label', 'id', 'for',
    'href', 'src', 'name', 'aria-labelledby', 'aria-describedby', 'action', 'data-props', 'datetime']);
  const describe = (el) => el.outerHTML.slice(0, 160).replace(/\s+/g, ' ');
  const FOREIGN = new Set(['iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'portal', 'fencedframe']);
  for (const el of document.querySelectorAll('*')) {
    const tag = el.localName.toLowerCase();
    for (const a of el.attributes) {
      const name = a.name.toLowerCase();
      if (name.startsWith('on')) found.push(`event handler attribute ${name}: ${describe(el)}`);
      if ((URL_ATTRIBUTES.has(name) || name.endsWith(':href')) && badUrl(a.value)) found.push(`${name} with a script address: ${describe(el)}`);
      if (name === 'srcset' && a.value.split(',').some((c) => badUrl(c))) found.push(`srcset with a script address: ${describe(el)}`);
      if (name === 'style' && /javascript:|vbscript:|expression\s*\(|behavior\s*:|-moz-binding/i.test(a.value)) found.push(`style with script: ${describe(el)}`);
      if (name === 'attributename' && /href/i.test(a.value)) found.push(`SVG animation of href: ${describe(el)}`);
      if (!TEXT_ATTRIBUTES.has(name) && !name.startsWith('data-') && marker.test(a.value)) found.push(`a marker in the ${name} attribute, where the app never puts text: ${describe(el)}`);
    }
    if (tag === 'script') {
      const src = el.getAttribute('src');
      if (marker.test(el.textContent) || /__xss/.test(el.textContent)) found.push(`a script carrying a marker: ${describe(el)}`);
      if (src !== null && !(src.startsWith('/') && !src.startsWith('//'))) found.push(`a script from elsewhere: ${describe(el)}`);
    }
    if (FOREIGN.has(tag)) found.push(`a <${tag}> element: ${describe(el)}`);
    if (tag === 'meta' && (el.getAttribute('http-equiv') ?? '').toLowerCase() === 'refresh') found.push(`a refresh: ${describe(el)}`);
    if (tag === 'style' && (marker.test(el.textContent) || /javascript:|expression\s*\(|@import/i.test(el.textContent))) found.push(`a style element with script or a marker: ${describe(el)}`);
  }
  return found;
}

/**
 * A browser context that records every sign of script running: calls to window.__xss (in every
 * frame, across navigations), dialogs, and Content-Security-Policy violations. Nothing leaves
 * this machine: requests elsewhere are aborted.
 */
async function watchedContext(options = {}) {
  const context = await browser.newContext(options);
  const seen = { calls: [], dialogs: [], violations: [] };
  await context.route((url) => !url.href.startsWith(coboard.url), (route) => route.abort());
  if (options.javaScriptEnabled !== false) {
    await context.exposeBinding('__xss', ({ frame }, marker) => { seen.calls.push(`${marker} (on ${frame.url()})`); });
    await context.exposeBinding('__cspReport', ({ frame }, v) => { seen.violations.push({ ...v, url: frame.url() }); });
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        window.__cspReport?.({ directive: e.effectiveDirective || e.violatedDirective, blocked: e.blockedURI, sample: e.sample });
      });
    });
  }
  context.on('page', (page) => page.on('dialog', (d) => { seen.dialogs.push(`${d.type()}: ${d.message()} (on ${page.url()})`); d.dismiss().catch(() => {}); }));
  return { context, seen };
}

const SCRIPT_DIRECTIVES = /^(script-src|script-src-elem|script-src-attr|object-src|frame-src|child-src|base-uri|form-action|navigate-to|default-src)/;

/**
 * Opens `url` in `page` and checks it: the answer, no script run, nothing executable in the
 * DOM, the markers expected there visible. Problems go to `problems`.
 */
async function checkPage(page, watched, url, problems, { status = [200], what = url, jsOff = false, expected = shown.get(url) ?? [], expectedLinks = linked.get(url) ?? [] } = {}) {
  const full = url.startsWith('http') ? url : coboard.url + url;
  const before = { calls: watched.seen.calls.length, dialogs: watched.seen.dialogs.length, violations: watched.seen.violations.length };
  let response;
  try {
    response = await page.goto(full, { waitUntil: 'load' });
  } catch (err) {
    problems.push(`${what}: could not be opened: ${err.message.split('\n')[0]}`);
    return;
  }
  if (!status.includes(response.status())) problems.push(`${what}: answered ${response.status()}`);
  if (response.status() >= 500) stats.serverErrors.push(`GET ${url} answered ${response.status()}`);
  // Give handlers that fire on load or error (pictures that fail, toggles, focus) their moment.
  await page.waitForTimeout(jsOff ? 20 : 150);
  if (!page.url().startsWith(coboard.url)) problems.push(`${what}: the page went to ${page.url()}`);
  const findings = await page.evaluate(scanDom, MARKER.source);
  for (const f of findings) problems.push(`${what}: ${f}`);
  const text = await page.evaluate(() => `${document.title}\n${document.body.innerText}`);
  for (const { field: name, markers } of expected) {
    const missing = markers.filter((m) => !text.includes(m));
    if (missing.length) problems.push(`${what}: ${name} is not shown as text (missing ${missing.join(', ')})`);
  }
  const hrefs = await page.evaluate(() => [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')));
  for (const { field: name, href } of expectedLinks) {
    if (!hrefs.includes(href)) problems.push(`${what}: ${name} is not there as a link, as typed`);
  }
  const calls = watched.seen.calls.slice(before.calls);
  const dialogs = watched.seen.dialogs.slice(before.dialogs);
  const violations = watched.seen.violations.slice(before.violations).filter((v) => SCRIPT_DIRECTIVES.test(v.directive));
  for (const c of calls) problems.push(`${what}: window.__xss was called: ${c}`);
  for (const d of dialogs) problems.push(`${what}: a dialog opened: ${d}`);
  for (const v of violations) problems.push(`${what}: the Content-Security-Policy blocked ${v.directive} ${v.blocked} ${v.sample ?? ''} (something tried to run)`);
  stats.pages++;
  if (jsOff) stats.pagesWithoutJs++;
}

// ---------------------------------------------------------------------------------------------

test('the detector finds script in executable positions, and sees script run', async () => {
  const watched = await watchedContext();
  const page = await watched.context.newPage();
  await page.setContent(`<!DOCTYPE html><html><head><title>self-test</title></head><body>
    <p>zxSELF harmless text mentioning zx99v99 and javascript:alert(1)</p>
    <img src=x onerror="__xss('zx99v01')">
    <a href=" JaVa&#x09;Script:__xss('zx99v02')">a</a>
    <script>__xss('zx99v03')</script>
    <div style="background:url(javascript:__xss('zx99v04'))">b</div>
    <iframe srcdoc="<b>c</b>"></iframe>
    <meta http-equiv="refresh" content="300">
    <svg><a xlink:href="javascript:__xss('zx99v05')"><text y="9">d</text></a></svg>
    <form><button formaction="vbscript:x">e</button></form>
    <p lang="zx99v06">f</p>
    <img src=x onerror="alert('zx99v07')">
  </body></html>`);
  await page.waitForTimeout(300);
  const found = await page.evaluate(scanDom, MARKER.source);
  const expectations = [/event handler attribute onerror/, /href with a script address/, /a script carrying a marker/, /style with script/,
    /a <iframe> element/, /a refresh/, /xlink:href with a script address/, /formaction with a script address/, /a marker in the lang attribute/];
  for (const e of expectations) assert.ok(found.some((f) => e.test(f)), `the detector reports ${e}: ${found.join('\n')}`);
  assert.equal(found.filter((f) => f.includes('harmless')).length, 0, 'plain text mentioning a marker or javascript: is not a finding');
  assert.ok(watched.seen.calls.some((c) => c.startsWith('zx99v01')), `a run handler is recorded: ${watched.seen.calls}`);
  assert.ok(watched.seen.calls.some((c) => c.startsWith('zx99v03')), `a run script is recorded: ${watched.seen.calls}`);
  assert.ok(watched.seen.dialogs.some((d) => d.includes('zx99v07')), `a dialog is recorded: ${watched.seen.dialogs}`);

  // And the whole page check fails on it, while Coboard's own demo pages, untouched, pass.
  const problems = [];
  const clean = [];
  await checkPage(page, watched, '/', clean);
  await checkPage(page, watched, '/you-said-we-did', clean);
  assert.deepEqual(clean, [], 'the demo pages have nothing the detector reports');
  await page.route(`${coboard.url}/selftest`, (route) => route.fulfill({ contentType: 'text/html', body: '<title>t</title><img src=x onerror="__xss(\'zx99v08\')"><a href="javascript:1">x</a>' }));
  await checkPage(page, watched, '/selftest', problems);
  assert.ok(problems.some((p) => /window.__xss was called: zx99v08/.test(p)), problems.join('\n'));
  assert.ok(problems.some((p) => /event handler attribute/.test(p)), problems.join('\n'));
  assert.ok(problems.some((p) => /href with a script address/.test(p)), problems.join('\n'));
  stats.pages = 0;
  await watched.context.close();
});

test('XSS vectors through every text field are shown as text on every page, and none runs', async () => {
  const started = Date.now();
  const base = coboard.url;
  const problems = [];
  const priyaWatched = await watchedContext();
  const priya = priyaWatched.context.request;
  const page = await priyaWatched.context.newPage();
  const list = (answer) => answer.items ?? answer;

  // ---- Priya, the first account, a co-chair: her name, pronouns and access needs are vectors.
  const personName = field('person name', { max: 80 });
  const pronouns = field('pronouns', { max: 40 });
  const accessNeeds = field('access needs', { max: 2000, multiline: true });
  const names = values(personName, { limit: 6 });
  const pronounValues = values(pronouns, { limit: 6 });
  const needs = values(accessNeeds, { limit: 2 });
  await postForm(priya, '/setup', {
    display_name: names[0].value, pronouns: pronounValues[0].value, perspective: 'staff', access_needs: needs[0].value,
    email: 'priya@example.org', password: 'purple kettle island', board_name: '', board_purpose: '',
  });
  const board = list(await api(priya, 'GET', '/spaces')).find((s) => s.kind === 'board');
  const me = list(await api(priya, 'GET', `/spaces/${board.id}/members`)).find((m) => m.person.display_name === names[0].value);
  assert.ok(me, 'Priya is on the board under the name she typed');
  const priyaId = me.person.id;
  sent(names[0], `/people/${priyaId}`, '/account');
  sent(pronounValues[0], '/account');
  sent(needs[0], '/account');

  // ---- Personal access token names (shown on the account page).
  const tokenName = field('token name', { max: 100 });
  for (const v of values(tokenName, { limit: 8 })) {
    await postForm(priya, '/account/tokens', { name: v.value }, { expect: 200 });
    sent(v, '/account');
  }

  // ---- The board's name (in every page's title and header) and its vision statements' titles
  // take one value at a time: each is checked on the home and vision pages, then the next.
  const boardName = field('board name', { max: 120 });
  const boardPurpose = field('board purpose', { max: 4000, multiline: true });
  const visionTitle = field('vision statement title', { max: 120 });
  const visionBody = field('vision statement body', { max: 4000, multiline: true });
  const boardNames = values(boardName);
  const vision = (await api(priya, 'GET', `/spaces/${board.id}`)).vision;
  const visionTitles = values(visionTitle);
  const rounds = Math.max(boardNames.length, Math.ceil(visionTitles.length / vision.length));
  for (let round = 0; round < rounds; round++) {
    const bn = boardNames[Math.min(round, boardNames.length - 1)];
    await api(priya, 'PATCH', `/spaces/${board.id}`, { name: bn.value });
    if (round < boardNames.length) sent(bn);
    const now = [];
    for (const [i, statement] of vision.entries()) {
      const t = visionTitles[round * vision.length + i];
      if (!t) continue;
      await api(priya, 'PATCH', `/vision/${statement.id}`, { title: t.value });
      now.push(t);
      sent(t);
    }
    if (round === rounds - 1) break; // the last values stay for the full sweep below
    await checkPage(page, priyaWatched, '/', problems, { what: `/ (board name, round ${round + 1})`, expected: [{ field: boardName.name, markers: bn.markers }] });
    if (now.length) await checkPage(page, priyaWatched, '/vision', problems, { what: `/vision (vision titles, round ${round + 1})`, expected: now.map((t) => ({ field: visionTitle.name, markers: t.markers })) });
  }
  const lastName = boardNames[boardNames.length - 1];
  expectShown('/', lastName);
  for (const t of visionTitles.slice((rounds - 1) * vision.length)) expectShown('/vision', t);
  const bp = whole(boardPurpose);
  await api(priya, 'PATCH', `/spaces/${board.id}`, { purpose: bp.value, require_coproduction: false });
  sent(bp, '/');
  const vb = whole(visionBody);
  await api(priya, 'PATCH', `/vision/${vision[0].id}`, { body: vb.value });
  sent(vb, '/vision');
  const boardNow = await api(priya, 'GET', `/spaces/${board.id}`);
  const boardSlug = boardNow.space.slug;

  // ---- Five more people accept invitations with vectors for names, pronouns and access needs.
  const people = [];
  for (let i = 1; i < names.length; i++) {
    const email = `person${i}@example.org`;
    await api(priya, 'POST', `/spaces/${board.id}/members`, { email, role: 'member' });
    const invitation = linkIn(lastMailTo(coboard.dataDir, email), `${base}/invitations/`);
    const ctx = await playwrightRequest.newContext();
    const need = needs[i] ?? null;
    await postForm(ctx, invitation, {
      token: invitation.split('/invitations/')[1], display_name: names[i].value, pronouns: pronounValues[i]?.value ?? '', perspective: 'expert',
      access_needs: need?.value ?? '', password: '',
    });
    const person = list(await api(priya, 'GET', `/spaces/${board.id}/members`)).find((m) => m.person.display_name === names[i].value).person;
    people.push({ ctx, id: person.id, need });
    sent(names[i], `/people/${person.id}`, `/members/${boardSlug}`);
    if (pronounValues[i]) sent(pronounValues[i], `/people/${person.id}`);
  }

  // ---- Groups: names, remit, reasons the end date moved, the report-back summary.
  const groupName = field('group name', { max: 120 });
  const remit = field('group remit', { max: 4000, multiline: true });
  const dateReason = field('reason the end date moved', { max: 1000, multiline: true });
  const summary = field('report-back summary', { max: 4000, multiline: true });
  const groups = [];
  for (const [i, v] of values(groupName).entries()) {
    const r = i === 0 ? whole(remit) : null;
    const group = await api(priya, 'POST', '/spaces', {
      name: v.value, remit: r?.value ?? 'A group with a hard name.', start_date: londonDay(0), planned_end_date: londonDay(90), convenor_ids: [priyaId],
    });
    groups.push(group);
    sent(v, `/groups/${group.slug}`, '/groups');
    if (r) sent(r, `/groups/${group.slug}`);
  }
  const g1 = groups[0];
  for (const [i, v] of values(dateReason).entries()) {
    await api(priya, 'PATCH', `/spaces/${g1.id}`, { planned_end_date: londonDay(100 + i * 10), reason: v.value });
    sent(v, `/groups/${g1.slug}`);
  }
  const s = whole(summary);
  await api(priya, 'PATCH', `/spaces/${g1.id}`, { status: 'reporting', report_summary: s.value });
  sent(s, `/groups/${g1.slug}`);

  // ---- Documents of the board: titles, the Markdown body (two parts have vectors for their
  // headings), tags, later versions with notes.
  const docTitle = field('document title', { max: 200 });
  const body1 = field('document body (Markdown)', { max: 1_000_000, multiline: true });
  const body2 = field('document body, a later version', { max: 1_000_000, multiline: true });
  const tags = field('document tags', { max: 40, fit: (t) => !t.includes(',') });
  const revisionNote = field('note on a saved version', { max: 500 });
  const titleValues = values(docTitle);
  const b1 = whole(body1);
  const [headingA, headingB] = body1.pieces;
  const bodyText = `# ${headingA.text}\n\nThe first part. We check how the money is spent.\n\n${b1.value}\n\n## ${headingB.text}\n\nThe second part. Ask us for help at any time.\n\n` +
    '## Part three\n\nThree.\n\n## Part four\n\nFour.\n\n## Part five\n\nFive.\n';
  const tagPieces = tags.pieces.slice(0, 12);
  const docA = await api(priya, 'POST', `/spaces/${board.id}/documents`, { title: titleValues[0].value, kind: 'policy', body: bodyText, tags: tagPieces.map((p) => p.text) });
  const docUrl = `/documents/${docA.id}`;
  sent(titleValues[0], docUrl);
  sent(b1, docUrl);
  const tagValue = { field: tags, markers: tagPieces.map((p) => p.marker), value: '' };
  sent(tagValue, docUrl);
  const docs = [docA];
  for (const v of titleValues.slice(1)) {
    const d = await api(priya, 'POST', `/spaces/${board.id}/documents`, { title: v.value, kind: 'other', body: 'Short and plain.\n' });
    docs.push(d);
    sent(v, `/documents/${d.id}`);
  }
  const b2 = whole(body2);
  let revision = docA.revision.id;
  let versions = 1;
  for (const [i, note] of values(revisionNote).entries()) {
    const saved = await api(priya, 'POST', `/documents/${docA.id}/revisions`, { base_revision_id: revision, body: `${bodyText}\n${b2.value}\n\nChange ${i}.\n`, note: note.value });
    revision = saved.revision_id;
    versions = saved.number;
    sent(note, `${docUrl}/history`);
  }
  const compareUrl = `${docUrl}/compare?from=1&to=${versions}`;
  sent(b2, docUrl, compareUrl);
  expectShown(compareUrl, b1);

  // ---- Easy read: text, picture descriptions, picture addresses (script addresses refused).
  const easyText = field('easy-read text', { max: 100_000, multiline: true });
  const pictureAlt = field('easy-read picture description', { max: 500 });
  const sections = (await api(priya, 'GET', `/documents/${docA.id}/easy-read`)).sections.map((x) => x.key);
  assert.ok(sections.length >= 5, `five parts: ${sections}`);
  const part = (key) => `/documents/${docA.id}/easy-read/${encodeURIComponent(key)}`;
  for (const bad of ["javascript:__xss('zx00v02')", "JaVaScRiPt:__xss('zx00v03')", ' javascript:__xss(1)', "data:text/html,<script>__xss('zx00v04')</script>",
    "vbscript:__xss('zx00v05')", '//evil.example/p.png', 'https://example.org/p.png" onerror="__xss(1)', 'http://example.org/p.png']) {
    await api(priya, 'PUT', part(sections[1]), { body: 'Short words.', image_url: bad, image_alt: 'A picture' }, { expect: 'refused' });
  }
  const et = whole(easyText);
  const alts = values(pictureAlt);
  for (const [i, key] of sections.entries()) {
    const alt = alts[i];
    // The first picture's address breaks out of its attribute if it is not escaped.
    const image = i === 0 ? "https://example.org/p.png#'/onerror=__xss(`zx00v01`)//" : alt ? '/favicon.ico' : undefined;
    await api(priya, 'PUT', part(key), { body: i === 0 ? et.value : `Part ${i + 1} in short words.`, image_url: image, image_alt: alt?.value });
    if (alt) sent(alt);
  }
  sent(et, `${docUrl}/easy-read`);

  // ---- Suggestions: the words now (copied from the text), the new words, why, comments,
  // declining with a reason.
  const proposed = field('suggested new words', { max: 4000, multiline: true });
  const why = field('why a change is suggested', { max: 2000, multiline: true });
  const suggestionComment = field('comment on a suggestion', { max: 10_000, multiline: true });
  const declineReason = field('reason a suggestion is declined', { max: 2000, multiline: true });
  const suggestionsUrl = `${docUrl}/suggestions`;
  const sp = whole(proposed);
  const whys = values(why);
  const s1 = await api(priya, 'POST', `/documents/${docA.id}/suggestions`, { revision_id: revision, words: body1.pieces[3].text, proposed: sp.value, reason: whys[0].value });
  sent(sp, suggestionsUrl);
  sent(whys[0], suggestionsUrl);
  const sc = whole(suggestionComment);
  await api(priya, 'POST', `/suggestions/${s1.id}/comments`, { body: sc.value });
  sent(sc, suggestionsUrl);
  const reasons = values(declineReason);
  for (const [i, v] of reasons.entries()) {
    const sx = await api(priya, 'POST', `/documents/${docA.id}/suggestions`, { revision_id: revision, words: i === 0 ? 'Ask us for help at any time.' : `${['Three.', 'Four.', 'Five.'][i - 1]}`, proposed: 'Ask us.', reason: whys[i + 1]?.value ?? 'Shorter.' });
    if (whys[i + 1]) sent(whys[i + 1], suggestionsUrl);
    await api(priya, 'POST', `/suggestions/${sx.id}/decline`, { reason: v.value });
    sent(v, suggestionsUrl);
  }

  // ---- Conversations: a comment on the document, on a part, replies, "whose words", an
  // edit, hidden comments with their reasons, reports, and discussions with subjects.
  const commentBody = field('comment (Markdown)', { max: 10_000, multiline: true });
  const sectionComment = field('comment on a part of a document', { max: 10_000, multiline: true });
  const replyBody = field('reply to a comment', { max: 10_000, multiline: true });
  const editedComment = field('comment, edited', { max: 10_000, multiline: true });
  const saidBy = field('whose words a comment records', { max: 120 });
  const hideReason = field('reason a comment is hidden', { max: 500, multiline: true });
  const reportReason = field('reason a comment is reported', { max: 1000, multiline: true });
  const discussionTitle = field('discussion subject', { max: 200 });
  const cb = whole(commentBody);
  const docThread = await api(priya, 'POST', '/threads', { target_type: 'document', target_id: docA.id, body: cb.value });
  const threadUrl = `/threads/${docThread.id}`;
  sent(cb, docUrl, threadUrl);
  const scv = whole(sectionComment);
  const sectionThread = await api(priya, 'POST', '/threads', { target_type: 'section', target_id: docA.id, section_key: sections[1], body: scv.value });
  sent(scv, `/threads/${sectionThread.id}`, docUrl);
  const rb = whole(replyBody);
  await api(people[0].ctx, 'POST', `/threads/${docThread.id}/comments`, { body: rb.value, parent_id: docThread.comments[0].id });
  sent(rb, threadUrl);
  for (const v of values(saidBy)) {
    await api(priya, 'POST', `/threads/${docThread.id}/comments`, { body: 'Said at the meeting.', said_by: v.value });
    sent(v, threadUrl);
  }
  const toEdit = await api(priya, 'POST', `/threads/${docThread.id}/comments`, { body: 'First words.' });
  const ec = whole(editedComment);
  await api(priya, 'PATCH', `/comments/${toEdit.id}`, { body: ec.value });
  sent(ec, threadUrl);
  for (const v of values(hideReason)) {
    const hidden = await api(people[0].ctx, 'POST', `/threads/${docThread.id}/comments`, { body: 'Something to hide.' });
    await api(priya, 'POST', `/comments/${hidden.id}/hide`, { reason: v.value });
    sent(v, threadUrl);
  }
  for (const [i, v] of values(reportReason).entries()) {
    await api(people[1 + i].ctx, 'POST', `/comments/${toEdit.id}/reports`, { reason: v.value });
    sent(v);
  }
  const discussions = [];
  for (const v of values(discussionTitle)) {
    const t = await api(priya, 'POST', '/threads', { target_type: 'discussion', target_id: board.id, title: v.value, body: 'What do you think?' });
    discussions.push(t);
    sent(v, `/threads/${t.id}`, '/discussions');
  }
  // Someone with a hard name mentions Priya: her notifications name them.
  await api(people[1].ctx, 'POST', `/threads/${discussions[0].id}/comments`, { body: `Thank you @${names[0].value} for this.` });

  // ---- Views with reasons, the vision check's comments, moving the document on with notes,
  // publishing it.
  const consentReason = field('reason given with a view on a document', { max: 2000, multiline: true });
  const visionComment = field('comment in a vision check', { max: 2000, multiline: true });
  const statusNote = field('note when a document moves on', { max: 500 });
  for (const [i, v] of values(visionComment).entries()) {
    await api(i === 0 ? priya : people[i - 1].ctx, 'PUT', `/documents/${docA.id}/vision`, { revision_id: revision, ratings: [{ statement_id: vision[0].id, rating: 'partly', comment: v.value }] });
    sent(v, docUrl);
  }
  const notes = values(statusNote);
  const move = async (status, i) => {
    await api(priya, 'POST', `/documents/${docA.id}/status`, { status, note: notes[i]?.value ?? '', revision_id: revision });
    if (notes[i]) sent(notes[i], docUrl);
  };
  // Out for comment and back, to carry more notes; then out for comment, agreed, published.
  let n = 0;
  while (n < notes.length - 3) {
    await move('out_for_comment', n++);
    await move('draft', n++);
  }
  await move('out_for_comment', n++);
  for (const [i, v] of values(consentReason).entries()) {
    await api(people[i].ctx, 'PUT', `/documents/${docA.id}/consent`, { revision_id: revision, response: 'concerns', reason: v.value });
    sent(v, docUrl);
  }
  await api(priya, 'PUT', `/documents/${docA.id}/consent`, { revision_id: revision, response: 'agree' });
  await move('agreed', n++);
  await move('published', n++);
  expectShown(`${docUrl}/published`, b1);
  expectShown(`${docUrl}/published/easy-read`, et);
  expectShown('/published', titleValues[0]);

  // ---- The glossary: words, explanations, words asked about (and the page they were asked on),
  // explanations given to questions.
  const term = field('glossary word', { max: 60 });
  const meaning = field('glossary explanation', { max: 600, multiline: true });
  const asked = field('word asked about', { max: 60 });
  const askedOn = field('page a word was asked on', { max: 280 });
  const answer = field('explanation given to a question', { max: 600, multiline: true });
  const termValues = values(term);
  const meaningValues = values(meaning);
  for (let i = 0; i < Math.max(termValues.length, meaningValues.length); i++) {
    const [t, m] = [termValues[i], meaningValues[i]];
    await api(priya, 'POST', `/spaces/${board.id}/glossary`, { term: t?.value ?? `plainword${i}`, explanation: m?.value ?? 'A plain explanation.' });
    for (const v of [t, m]) if (v) sent(v, '/glossary');
  }
  // Words from the vectors themselves, so the linker meets them inside escaped raw HTML.
  for (const word of ['onerror', 'javascript', 'script', 'href', 'svg']) {
    await api(priya, 'POST', `/spaces/${board.id}/glossary`, { term: word, explanation: `The word ${word}.` });
  }
  // One address may ask 30 times an hour: 24 questions here, 3 more below.
  const askedValues = values(asked, { limit: 24 });
  const askedPages = values(askedOn);
  for (const [i, v] of askedValues.entries()) {
    const p = askedPages[askedValues.length - 1 - i];
    await api(priya, 'POST', '/glossary-requests', { word: v.value, page: p ? `/groups/policy?${p.value}` : undefined });
    sent(v, '/glossary');
    if (p) sent(p, '/glossary');
  }
  // Addresses that are not pages here are not kept (nothing is refused: the word still waits).
  for (const [i, p] of ["javascript:__xss('zx00v06')", '//evil.example/', "data:text/html,<script>__xss('zx00v07')</script>"].entries()) {
    await api(priya, 'POST', '/glossary-requests', { word: `plain question ${i}`, page: p });
  }
  const waitingWords = list(await api(priya, 'GET', '/glossary-requests?limit=200'));
  for (const [i, v] of values(answer).entries()) {
    const question = waitingWords.find((r) => r.word === askedValues[i].value);
    assert.ok(question, `the question ${askedValues[i].value} waits`);
    await api(priya, 'POST', `/glossary-requests/${question.id}/answer`, { explanation: v.value });
    sent(v, '/glossary');
  }

  // ---- Meetings of the board: names, places, join links (script addresses refused), the
  // agenda, decisions, actions and their progress, comments on a meeting and an item, minutes.
  const meetingTitle = field('meeting name', { max: 200 });
  const place = field('meeting place', { max: 300 });
  const joinLink = field('meeting join link (after https://)', { max: 500 - 'https://example.org/join#'.length });
  const itemTitle = field('agenda item', { max: 200 });
  const decision = field('decision', { max: 5000, multiline: true });
  const actionWhat = field('action', { max: 2000, multiline: true });
  const progress = field('progress on an action', { max: 2000, multiline: true });
  const doneNote = field('what was done (action)', { max: 2000, multiline: true });
  const meetingComment = field('comment on a meeting', { max: 10_000, multiline: true });
  const itemComment = field('comment on an agenda item', { max: 10_000, multiline: true });
  const [mTitles, mPlaces, mLinks] = [values(meetingTitle), values(place), values(joinLink)];
  const meetings = [];
  for (let i = 0; i < Math.max(mTitles.length, mPlaces.length, mLinks.length); i++) {
    const [t, p, l] = [mTitles[i], mPlaces[i], mLinks[i]];
    const m = await api(priya, 'POST', `/spaces/${board.id}/meetings`, {
      title: t?.value ?? `Meeting ${i}`, date: londonDay(i === 0 ? -1 : 10 + i), start: '10:00', end: '12:00',
      place: p?.value ?? (l ? undefined : `Room ${i}`), join_link: l ? `https://example.org/join#${l.value}` : undefined, access: ['bsl', 'captions'],
    });
    meetings.push(m.id);
    for (const v of [t, p]) if (v) sent(v, `/meetings/${m.id}`);
    if (l) {
      sent(l);
      linked.set(`/meetings/${m.id}`, [{ field: joinLink.name, href: `https://example.org/join#${l.value}` }]);
    }
    if (t) expectShown('/meetings', t);
  }
  const m1 = meetings[0];
  const meetingUrl = `/meetings/${m1}`;
  for (const bad of ["javascript:__xss('zx00v08')", "JAVASCRIPT:__xss('zx00v09')", "  javascript:__xss('zx00v10')", "data:text/html,<script>__xss('zx00v11')</script>",
    "vbscript:__xss('zx00v12')", "jav&#x09;ascript:__xss('zx00v13')", '//evil.example/join', 'ftp://example.org/']) {
    await api(priya, 'POST', `/spaces/${board.id}/meetings`, { title: 'A meeting', date: londonDay(20), start: '10:00', end: '11:00', join_link: bad }, { expect: 'refused' });
  }
  expectShown(meetingUrl, needs[0]);
  for (const p of people) if (p.need) sent(p.need, meetingUrl);
  const items = [];
  for (const v of values(itemTitle)) {
    const agenda = await api(priya, 'POST', `/meetings/${m1}/agenda`, { title: v.value, papers: [docA.id] });
    items.push(agenda[agenda.length - 1].id);
    sent(v, meetingUrl);
  }
  for (const p of people) await api(p.ctx, 'PUT', `/meetings/${meetings[1]}/attendance`, { reply: 'online' });
  await api(priya, 'PUT', `/meetings/${m1}/attendance`, { attended: people.map((p) => ({ person_id: p.id, attended: 'online' })) });
  const dv = whole(decision);
  const recorded = await api(priya, 'POST', `/meetings/${m1}/decisions`, { item_id: items[0], decision: dv.value, method: 'consent', document_id: docA.id });
  sent(dv, meetingUrl);
  const whats = values(actionWhat);
  const [progresses, dones] = [values(progress), values(doneNote)];
  const actions = [];
  for (let i = 0; i < Math.max(whats.length, progresses.length, dones.length) + 1; i++) {
    const w = whats[i];
    const a = await api(priya, 'POST', '/actions', { meeting_id: m1, item_id: items[0], what: w?.value ?? `Plain action ${i}`, owner_id: i % 2 ? people[2].id : priyaId, due_on: londonDay(i === 0 ? -1 : 14) });
    actions.push(a.id);
    if (w) sent(w, `/actions/${a.id}`, '/actions?show=all');
  }
  // Progress on the first ones; the later ones done, with what was done.
  for (const [i, v] of progresses.entries()) {
    await api(priya, 'PATCH', `/actions/${actions[i]}`, { progress: v.value });
    sent(v, `/actions/${actions[i]}`);
  }
  for (const [i, v] of dones.entries()) {
    const id = actions[actions.length - 1 - i];
    await api(priya, 'PATCH', `/actions/${id}`, { done_note: v.value });
    sent(v, `/actions/${id}`);
  }
  const mc = whole(meetingComment);
  const meetingThread = await api(priya, 'POST', '/threads', { target_type: 'meeting', target_id: m1, body: mc.value });
  sent(mc, `/threads/${meetingThread.id}`);
  const ic = whole(itemComment);
  const itemThread = await api(priya, 'POST', '/threads', { target_type: 'agenda_item', target_id: items[0], body: ic.value });
  sent(ic, `/threads/${itemThread.id}`);
  const minutes = await api(priya, 'POST', `/meetings/${m1}/minutes`);
  expectShown(`/documents/${minutes.document_id}`, values(itemTitle)[0]);

  // ---- You Said We Did: what was said, the person's words, where (detail), their name, what
  // we did, updates, status notes and reasons, comments, the public form, "did it help?", and
  // an event's CSV.
  const said = field('what was said (You Said)', { max: 5000, multiline: true });
  const ownWords = field("the person's own words", { max: 5000, multiline: true });
  const detail = field('where it was heard (event, survey)', { max: 300 });
  const contactName = field('name of who said it', { max: 200 });
  const response = field('what we did (We Did)', { max: 5000, multiline: true });
  const update = field('update on the timeline', { max: 5000, multiline: true });
  const doingNote = field('note when feedback is done', { max: 5000, multiline: true });
  const notDoing = field('reason for not doing it', { max: 5000, multiline: true });
  const feedbackComment = field('comment on feedback', { max: 10_000, multiline: true });
  const helped = field('answer to "did it help?"', { max: 2000, multiline: true });
  const [sv, ow, rv, uv, dnv, ndv, fc] = [said, ownWords, response, update, doingNote, notDoing, feedbackComment].map(whole);
  const [details, contacts, helpedValues] = [values(detail), values(contactName), values(helped)];
  const items2 = [];
  for (let i = 0; i < Math.max(details.length, contacts.length, helpedValues.length); i++) {
    const [d, c] = [details[i], contacts[i]];
    const item = await api(priya, 'POST', '/feedback', {
      said: i === 0 ? sv.value : `Plain feedback ${i}.`, words: i === 0 ? ow.value : undefined, themes: ['paperwork'], source: i === 0 ? 'event' : 'survey',
      detail: d?.value, people: 3, contact_name: c?.value, contact_email: `helped${i}@example.org`, may_ask: true, show_words: true,
    });
    const url = `/you-said-we-did/${item.summary.id}`;
    items2.push({ id: item.summary.id, url });
    for (const v of [d, c]) if (v) sent(v, url);
  }
  const f1 = items2[0];
  sent(sv, f1.url, '/you-said-we-did');
  sent(ow, f1.url);
  await api(priya, 'PATCH', `/feedback/${f1.id}`, { response: rv.value, owner_id: priyaId });
  sent(rv, f1.url, '/you-said-we-did');
  await api(priya, 'POST', `/feedback/${f1.id}/updates`, { body: uv.value });
  sent(uv, f1.url);
  await api(priya, 'PATCH', `/feedback/${f1.id}`, { link: `action:${actions[0]}` });
  await api(priya, 'PATCH', `/feedback/${f1.id}`, { link: `document:${docA.id}` });
  for (const bad of ["javascript:__xss('zx00v14')", "action:javascript:__xss('zx00v15')", 'https://evil.example/']) {
    await api(priya, 'PATCH', `/feedback/${f1.id}`, { link: bad }, { expect: 'refused' });
  }
  // Done: everyone who gave it is asked "did this make a difference?", and answers, signed out.
  const visitorRequest = await playwrightRequest.newContext();
  for (const [i, item] of items2.entries()) {
    await api(priya, 'PATCH', `/feedback/${item.id}`, { status: 'done', note: i === 0 ? dnv.value : 'Done.' });
    await api(priya, 'PATCH', `/feedback/${item.id}`, { published: true });
    const hv = helpedValues[i];
    if (!hv) continue;
    const ask = linkIn(lastMailTo(coboard.dataDir, `helped${i}@example.org`), `${base}/did-it-help/`);
    await postForm(visitorRequest, ask, { answer: i === 0 ? 'no' : 'partly', words: hv.value });
    sent(hv, item.url);
  }
  sent(dnv, f1.url);
  const f2 = await api(priya, 'POST', '/feedback', { said: 'Another plain thing we heard.', themes: ['other'], source: 'meeting' });
  const f2url = `/you-said-we-did/${f2.summary.id}`;
  await api(priya, 'PATCH', `/feedback/${f2.summary.id}`, { status: 'not_doing', reason: ndv.value });
  await api(priya, 'PATCH', `/feedback/${f2.summary.id}`, { published: true });
  sent(ndv, f2url);
  const feedbackThread = await api(priya, 'POST', '/threads', { target_type: 'feedback', target_id: f1.id, body: fc.value });
  sent(fc, `/threads/${feedbackThread.id}`);

  // The public form, signed out (one message: it takes five an hour from one address).
  const tellUs = field('the public form: what you want to say', { max: 5000, multiline: true });
  const tellName = field('the public form: your name', { max: 200 });
  const tv = whole(tellUs);
  const tellNames = values(tellName);
  await postForm(visitorRequest, '/tell-us', { words: tv.value, 'theme-paperwork': 'on', name: tellNames[0].value, email: 'told@example.org', show_words: 'on', website: '' });
  const told = list(await api(priya, 'GET', '/feedback?limit=200')).find((i) => i.said.includes(tv.markers[0]));
  assert.ok(told, 'the message from the public form arrived');
  const toldUrl = `/you-said-we-did/${told.id}`;
  await api(priya, 'PATCH', `/feedback/${told.id}`, { published: true });
  sent(tv, toldUrl);
  sent(tellNames[0], toldUrl);

  // An event's CSV: what was said and names in rows, the event in the address.
  const csvSaid = field('CSV import: what was said', { max: 5000, multiline: true });
  const csvName = field('CSV import: name', { max: 200 });
  const csvDetail = field('CSV import: which event', { max: 300 });
  const quote = (v) => `"${v.replace(/"/g, '""')}"`;
  const cs = whole(csvSaid);
  const [csvNames, csvDetails] = [values(csvName), values(csvDetail)];
  const imports = [];
  for (let i = 0; i < Math.max(csvNames.length, csvDetails.length); i++) {
    const [nv, dv2] = [csvNames[i], csvDetails[i]];
    const said1 = i === 0 ? cs.value : `Plain words from an event, row ${i}.`;
    const csv = `said,themes,people,name\n${[quote(said1), 'Paperwork', '2', quote(nv?.value ?? '')].join(',')}\n`;
    const done = await api(priya, 'POST', `/feedback/import?kind=event&detail=${encodeURIComponent(dv2?.value ?? `Event ${i}`)}`, csv, { headers: { 'content-type': 'text/csv' } });
    assert.equal(done.added, 1, `the CSV row is added: ${JSON.stringify(done).slice(0, 400)}`);
    imports.push({ said: said1, nv, dv2 });
  }
  const all = list(await api(priya, 'GET', '/feedback?limit=200'));
  const importedItem = (i) => all.find((x) => (i === 0 ? x.said.includes(cs.markers[0]) : x.said === imports[i].said));
  for (const [i, imp] of imports.entries()) {
    const item = importedItem(i);
    assert.ok(item, `the imported row ${i} is listed`);
    const url = `/you-said-we-did/${item.id}`;
    if (i === 0) sent(cs, url);
    for (const v of [imp.nv, imp.dv2]) if (v) sent(v, url);
  }
  const importedUrls = imports.map((_, i) => `/you-said-we-did/${importedItem(i).id}`);

  // ---- Outcomes: titles and stories; script addresses as links refused.
  const outcomeTitle = field('outcome title', { max: 200 });
  const story = field('outcome story (Markdown)', { max: 20_000, multiline: true });
  const outcomes = [];
  const st = whole(story);
  for (const [i, v] of values(outcomeTitle).entries()) {
    const links = i === 0 ? [`document:${docA.id}`, `feedback:${f1.id}`, `decision:${recorded.id}`] : [];
    const o = await api(priya, 'POST', '/outcomes', { title: v.value, story: i === 0 ? st.value : 'A plain story.', links });
    outcomes.push(o.id);
    sent(v, `/outcomes/${o.id}`, '/outcomes');
  }
  sent(st, `/outcomes/${outcomes[0]}`);
  for (const bad of ["javascript:__xss('zx00v16')", "document:javascript:__xss('zx00v17')", 'https://evil.example/']) {
    await api(priya, 'POST', '/outcomes', { title: 'Refused', story: 'Refused.', links: [bad] }, { expect: 'refused' });
  }
  await api(priya, 'PATCH', `/outcomes/${outcomes[0]}`, { published: true });

  // A document and an outcome whose titles try to close <title>, published: the public opens them.
  const closingTitle = titleValues.findIndex((v) => v.value.includes('</title>'));
  const titledDoc = docs[closingTitle];
  if (closingTitle > 0) {
    for (const status of ['out_for_comment', 'agreed', 'published']) {
      if (status === 'agreed') await api(priya, 'PUT', `/documents/${titledDoc.id}/consent`, { revision_id: titledDoc.revision.id, response: 'agree' });
      await api(priya, 'POST', `/documents/${titledDoc.id}/status`, { status, revision_id: titledDoc.revision.id });
    }
  }
  const titledOutcome = outcomes[values(outcomeTitle).findIndex((v) => v.value.includes('</title>'))];
  if (titledOutcome !== outcomes[0]) await api(priya, 'PATCH', `/outcomes/${titledOutcome}`, { published: true });

  // ---- Signing in keeps `next` to pages of this site.
  for (const next of ["javascript:__xss('zx00v18')", '//evil.example/', '/\\evil.example']) {
    const ctx = await playwrightRequest.newContext();
    const r = await postForm(ctx, '/sign-in', { email: 'priya@example.org', password: 'purple kettle island', next });
    const to = r.headers().location ?? '';
    if (!(to.startsWith('/') && !to.startsWith('//') && !to.startsWith('/\\'))) problems.push(`signing in with next=${next} sends the browser to ${to}`);
    await ctx.dispose();
  }
  const injected = Date.now();

  // ---- Pages, with JavaScript on: a co-chair's view of everything.
  const priyaPages = [
    '/', '/vision', '/groups', ...groups.map((g) => `/groups/${g.slug}`), `/groups/${g1.slug}/edit`, `/groups/${g1.slug}/report`, '/board/edit', '/vision/edit',
    `/members/${boardSlug}`, `/members/${g1.slug}`, `/invite/${boardSlug}`,
    `/people/${priyaId}`, ...people.map((p) => `/people/${p.id}`), '/account', '/audit', '/notifications',
    docUrl, `${docUrl}/edit`, `${docUrl}/history`, compareUrl, `${docUrl}/published`, `${docUrl}/published/easy-read`,
    `${docUrl}/easy-read`, part(sections[0]), suggestionsUrl, `${docUrl}/suggest`, `${docUrl}/live`,
    ...docs.slice(1).map((d) => `/documents/${d.id}`), '/published', `/documents/new/${boardSlug}`,
    threadUrl, `/threads/${sectionThread.id}`, ...discussions.map((t) => `/threads/${t.id}`), '/discussions',
    `/threads/${meetingThread.id}`, `/threads/${itemThread.id}`, `/threads/${feedbackThread.id}`,
    '/glossary', '/glossary/ask?from=/glossary',
    '/meetings', ...meetings.map((m) => `/meetings/${m}`), `/meetings/${m1}/edit`, `/meetings/new/${boardSlug}`, '/actions', '/actions?show=all',
    ...actions.map((a) => `/actions/${a}`), `/documents/${minutes.document_id}`,
    '/you-said-we-did', ...items2.map((i) => i.url), f2url, toldUrl, ...importedUrls,
    '/feedback', '/feedback/overview', '/feedback/import',
    '/outcomes', ...outcomes.map((o) => `/outcomes/${o}`), `/outcomes/${outcomes[0]}/edit`, '/outcomes/new',
  ];
  // Search finds the markers (the words are indexed as typed) and shows them escaped.
  for (const m of [b1.markers[0], cb.markers[0], sv.markers[0], st.markers[0], termValues[0].markers[0], whats[0].markers[0], meaningValues[0].markers[0]]) {
    const url = `/search?q=${m}`;
    priyaPages.push(url);
    expectShown(url, { field: { name: `search for ${m}` }, markers: [m] });
  }
  for (const url of new Set(priyaPages)) await checkPage(page, priyaWatched, url, problems);
  // Reflected input: the query string of a search, of the glossary question page, a 404.
  const reflected = [
    [`/search?q=${encodeURIComponent(`<script>__xss('zx00v19')</script>"><img src=x onerror=__xss('zx00v20')>`)}`, [200]],
    [`/glossary/ask?asked=${encodeURIComponent("<svg onload=__xss('zx00v21')>")}&from=${encodeURIComponent("javascript:__xss('zx00v22')")}`, [200]],
    [`/glossary/ask?from=${encodeURIComponent(`/glossary?"><svg onload=__xss('zx00v23')>`)}`, [200]],
    [`/groups/${encodeURIComponent("<script>__xss('zx00v24')</script>")}`, [404]],
    [`/documents/${encodeURIComponent(`"><img src=x onerror=__xss('zx00v25')>`)}`, [400, 404]],
    [`/you-said-we-did?theme=${encodeURIComponent(`"><svg onload=__xss('zx00v26')>`)}&year=${encodeURIComponent("'><svg onload=__xss('zx00v27')>")}`, [200, 400]],
    [`/actions?show=${encodeURIComponent(`"><svg onload=__xss('zx00v28')>`)}`, [200, 400]],
  ];
  for (const [url, status] of reflected) await checkPage(page, priyaWatched, url, problems, { status });

  // Names typed with vectors, offered by the mention helper as someone types "@zx": rendered in
  // the browser by the island, not by the server.
  await page.goto(`${base}/threads/${discussions[0].id}`);
  const box = page.getByLabel('Add a comment', { exact: true });
  await box.click();
  await box.pressSequentially('Thanks @zx');
  const offered = page.locator('.mention-list button');
  await offered.first().waitFor({ timeout: 15_000 });
  assert.match((await offered.allInnerTexts()).join('\n'), MARKER, 'the helper offers the names with vectors, as text');
  for (const f of await page.evaluate(scanDom, MARKER.source)) problems.push(`the mention helper: ${f}`);
  await offered.first().click();
  assert.match(await box.inputValue(), /Thanks @zx\d\dv\d\d /, 'the chosen name goes into the box as it was typed');
  await page.waitForTimeout(200);
  stats.pages++;

  // Forms shown again after a mistake keep what was typed, escaped: it comes back exactly.
  await page.goto(`${base}/documents/new/${boardSlug}`);
  const longTitle = docTitle.pieces.map((p) => p.text).join(' ').slice(0, 260).trim();
  await page.getByLabel('Title').fill(longTitle);
  await page.getByLabel('The text').fill(bodyText);
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Save the first version' }).click()]);
  assert.match(await page.locator('[role=alert]').first().innerText(), /200 characters/);
  const cameBack = await page.getByLabel('The text').inputValue();
  if (cameBack !== bodyText) problems.push(`a new document shown again after a mistake: the text does not come back as typed (it ends after ${JSON.stringify(cameBack.slice(-60))})`);
  if (await page.getByLabel('Title').inputValue() !== longTitle) problems.push('a new document shown again after a mistake: the title does not come back as typed');
  await page.waitForTimeout(150);
  for (const f of await page.evaluate(scanDom, MARKER.source)) problems.push(`a new document shown again after a mistake: ${f}`);
  stats.pages++;

  // ---- Pages signed out, with JavaScript on: what the public reads.
  const visitorWatched = await watchedContext();
  const visitorPage = await visitorWatched.context.newPage();
  const publicPages = ['/', '/vision', '/groups', `/groups/${g1.slug}`, `${docUrl}/published`, `${docUrl}/published/easy-read`, '/published',
    '/you-said-we-did', f1.url, f2url, toldUrl, '/outcomes', `/outcomes/${outcomes[0]}`, `/documents/${titledDoc.id}/published`, `/outcomes/${titledOutcome}`, '/glossary', `/search?q=${b1.markers[0]}`, `/search?q=${sv.markers[0]}`,
    '/tell-us', '/glossary/ask', `/sign-in?next=${encodeURIComponent("javascript:__xss('zx00v29')")}`];
  // Signed out, a handful of fields that are public, as text (names, contact details, and what
  // only members read are not shown to the public).
  const publicText = {
    '/': [lastName, bp], '/vision': [vb], [`${docUrl}/published`]: [titleValues[0], b1], [`${docUrl}/published/easy-read`]: [et], '/published': [titleValues[0]],
    '/you-said-we-did': [sv, rv], [f1.url]: [sv, rv, uv, dnv], [f2url]: [ndv], [toldUrl]: [tv], [`/outcomes/${outcomes[0]}`]: [st], '/glossary': [...termValues, ...meaningValues],
    [`/groups/${g1.slug}`]: [s],
  };
  for (const url of publicPages) {
    const expected = (publicText[url] ?? []).map((v) => ({ field: v.field.name, markers: v.markers }));
    if (url.startsWith('/search?q=')) expected.push({ field: 'search', markers: [url.split('=')[1]] });
    await checkPage(visitorPage, visitorWatched, url, problems, { what: `${url} (signed out)`, expected });
  }
  // The public form shown again after a mistake (asked to be contacted, no email): exactly as typed.
  await visitorPage.goto(`${base}/tell-us`);
  const words = visitorPage.getByLabel('What would you like to tell the board?');
  await words.fill(tv.value);
  await visitorPage.getByLabel('Your name (optional)').fill(tellNames[1]?.value ?? tellNames[0].value);
  await visitorPage.getByLabel('You may email me later to ask whether what the board did made a difference').check();
  await Promise.all([visitorPage.waitForNavigation(), visitorPage.getByRole('button', { name: 'Send it to the board' }).click()]);
  assert.match(await visitorPage.locator('[role=alert]').innerText(), /email address/);
  const wordsBack = await words.inputValue();
  if (wordsBack !== tv.value) problems.push(`the public form shown again after a mistake: the words do not come back as typed (they end after ${JSON.stringify(wordsBack.slice(-60))})`);
  if (await visitorPage.getByLabel('Your name (optional)').inputValue() !== (tellNames[1]?.value ?? tellNames[0].value)) problems.push('the public form shown again after a mistake: the name does not come back as typed');
  await visitorPage.waitForTimeout(150);
  for (const f of await visitorPage.evaluate(scanDom, MARKER.source)) problems.push(`the public form shown again after a mistake: ${f}`);
  if (tellNames[1]) sent(tellNames[1]);
  stats.pages++;

  // ---- The main pages with JavaScript off, as the server sends them.
  const noJs = await watchedContext({ javaScriptEnabled: false, storageState: await priyaWatched.context.storageState() });
  const noJsPage = await noJs.context.newPage();
  for (const url of ['/', '/vision', `/members/${boardSlug}`, '/account', docUrl, compareUrl, suggestionsUrl, `${docUrl}/edit`, `${docUrl}/easy-read`, threadUrl,
    '/glossary', meetingUrl, `/meetings/${m1}/edit`, f1.url, toldUrl, `/outcomes/${outcomes[0]}`, '/notifications', `/search?q=${b1.markers[0]}`]) {
    await checkPage(noJsPage, noJs, url, problems, { what: `${url} (without JavaScript)`, jsOff: true });
  }

  // ---- Downloads and feeds are never served as HTML.
  const downloads = [[`/documents/${docA.id}/versions/1`, /markdown|text\/plain/], [`/meetings/${m1}/calendar.ics`, /text\/calendar/],
    ['/you-said-we-did/feedback.csv', /text\/csv/], ['/you-said-we-did/feed.atom', /atom\+xml/], ['/feed.atom', /atom\+xml/], ['/sitemap.xml', /xml/]];
  for (const [url, type] of downloads) {
    const r = await priya.get(base + url, { failOnStatusCode: false });
    const contentType = r.headers()['content-type'] ?? '';
    if (r.status() !== 200) problems.push(`${url}: answered ${r.status()}`);
    if (!type.test(contentType) || /html/.test(contentType)) problems.push(`${url}: served as ${contentType}`);
  }

  // Every sign of script seen anywhere, and every answer of 500 or more, is a failure.
  for (const w of [priyaWatched, visitorWatched]) {
    for (const c of w.seen.calls) if (!problems.some((p) => p.includes(c))) problems.push(`window.__xss was called: ${c}`);
    for (const d of w.seen.dialogs) if (!problems.some((p) => p.includes(d))) problems.push(`a dialog opened: ${d}`);
    const others = w.seen.violations.filter((v) => !SCRIPT_DIRECTIVES.test(v.directive));
    const where = [...new Set(others.map((v) => `${v.directive} on ${new URL(v.url).pathname}`))];
    if (where.length) console.log(`  CSP reports not about scripts (styles): ${where.join('; ')}`);
  }
  problems.push(...stats.serverErrors.map((e) => `server error: ${e}`));

  const unused = stats.fields.filter((f) => !f.sent.length).map((f) => f.name);
  console.log(`XSS: ${stats.pairs} field × vector values accepted through ${stats.fields.length - unused.length} fields ` +
    `(${VECTORS.length} vectors, each with its own marker per field), ${stats.refusals} script addresses refused as they should be; ` +
    `${stats.pages} page views checked (${stats.pagesWithoutJs} without JavaScript); sending took ${((injected - started) / 1000).toFixed(1)} s, ` +
    `all ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  for (const f of stats.fields) console.log(`  ${f.name}: ${new Set(f.sent).size} of ${f.pieces.length} vectors that fit (of ${VECTORS.length})`);
  assert.deepEqual(unused, [], 'every field was sent');
  // Grouped by page, so a hole reads as one line per page with its first findings.
  const byPage = new Map();
  for (const p of problems) {
    const [where, ...rest] = p.split(': ');
    if (!byPage.has(where)) byPage.set(where, []);
    byPage.get(where).push(rest.join(': '));
  }
  const report = [...byPage].map(([where, found]) => `${where} (${found.length}):\n      ${found.slice(0, 4).map((f) => f.slice(0, 220)).join('\n      ')}`);
  assert.equal(problems.length, 0, `${problems.length} XSS problems on ${byPage.size} pages:\n    ${report.join('\n    ')}`);

  for (const p of people) await p.ctx.dispose();
  await visitorRequest.dispose();
  await noJs.context.close();
  await visitorWatched.context.close();
  await priyaWatched.context.close();
});
