// End-to-end tests of `jot ui` in headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core): decode, verify, the clock, audit, sign, HTML injection shown as text,
// and no request to any origin but the page's own. Screenshots go to output/ (gitignored).
// Run: `node --test` here (cargo test runs it too, see tests/cli/ui_e2e.rs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const JOT = process.env.JOT_BIN || path.resolve(here, '../../target/debug/jot');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const OUT = process.env.JOT_E2E_OUT || path.join(here, 'output');
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const NOW = '2026-01-01T00:00:00Z';
const INJECTION = '<img src=x onerror=window.__pwned=1>';

let tmp, server, origin, url, context, page, signed;
const requests = [];
const pageErrors = [];

const jot = (...args) => execFileSync(JOT, args, { cwd: tmp, env: { ...process.env, NO_COLOR: '1' } }).toString().trim();

/** Wait until the element's text matches `re`. */
async function waitText(sel, re, timeout = 15000) {
  await page.waitForFunction(([s, src, flags]) => {
    const e = document.querySelector(s);
    return !!e && new RegExp(src, flags).test(e.textContent);
  }, [sel, re.source, re.flags], { timeout });
}

const shot = (name) => page.screenshot({ path: path.join(OUT, name + '.png'), fullPage: true });

before(async () => {
  tmp = mkdtempSync(path.join(tmpdir(), 'jot-e2e-'));
  mkdirSync(OUT, { recursive: true });
  jot('keygen', 'ES256', '--out', 'k.pem', '--public-out', 'k.pub.pem');
  server = spawn(JOT, ['ui', '--addr', '127.0.0.1:0', '--timeout', '180s'], { stdio: ['ignore', 'pipe', 'pipe'] });
  url = await new Promise((resolve, reject) => {
    let buf = '';
    server.stdout.on('data', (d) => {
      buf += d;
      if (buf.includes('\n')) resolve(buf.split('\n')[0].trim());
    });
    server.on('exit', (c) => reject(new Error('jot ui exited with ' + c)));
  });
  origin = new URL(url).origin;
  context = await chromium.launchPersistentContext(path.join(tmp, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: 1280, height: 800 },
  });
  context.on('request', (r) => requests.push(r.url()));
  page = context.pages()[0] || (await context.newPage());
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') pageErrors.push(m.text()); });
  await page.goto(url);
});

after(async () => {
  if (context) await context.close();
  if (server) server.kill();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

test('the printed URL is loopback with a capability token', () => {
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{64}$/);
});

test('a pasted token shows its claims, dates and relative times', async () => {
  signed = jot('sign', '--key', 'k.pem', '--sub', 'alice', '--iss', 'https://id.example',
    '--now', NOW, '--exp', '1h', '--claim', 'name=' + INJECTION);
  // The page starts with jot's example in every panel (debugger.test.mjs); start empty.
  await page.click('#clear');
  await page.fill('#now', '2026-01-01T00:10:00Z');
  await page.fill('#token', signed);
  await waitText('#decode-payload', /"alice"/);
  await waitText('#decode-times', /2026-01-01T01:00:00Z/);
  await waitText('#decode-times', /expires in 50m/);
  await waitText('#decode-header', /"ES256"/);
  await shot('decode');
});

test('a claim holding HTML is rendered as text, never as markup', async () => {
  await waitText('#decode-payload', /<img src=x onerror=window\.__pwned=1>/);
  assert.equal(await page.locator('#decode-payload img').count(), 0);
  assert.equal(await page.locator('img').count(), 0);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
});

test('a Bearer prefix or a whole Authorization line is accepted; a JWE shows its header', async () => {
  const token = await page.inputValue('#token');
  await page.fill('#token', 'Authorization: Bearer ' + token);
  await waitText('#token-note', /Authorization/);
  await waitText('#decode-payload', /"alice"/);
  await page.fill('#token', 'eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.a.b.c.d');
  await waitText('#decode-header', /"A256GCM"/);
  await waitText('#decode-payload', /only its protected header/);
  await page.fill('#token', token);
  await waitText('#decode-payload', /"alice"/);
});

test('an SD-JWT shows its disclosures and the claims rebuilt from them', async () => {
  const token = await page.inputValue('#token');
  const sd = jot('sign', '--key', 'k.pem', '--now', NOW, '--exp', '1h', '--claim', 'given_name=Ama',
    '--claim', 'role=x', '--sd', 'given_name', '--decoys', '1');
  await page.fill('#token', sd);
  await waitText('#decode-disclosures', /given_name/);
  await waitText('#decode-rebuilt', /"Ama"/);
  await waitText('#decode-undisclosed', /^1 digest/);
  await waitText('#decode-kb', /none/);
  await shot('decode-sd-jwt');
  await page.fill('#token', token);
  await waitText('#decode-payload', /"alice"/);
  assert.equal(await page.locator('#decode-sd').isHidden(), true);
});

test('the public key verifies the token: "valid"', async () => {
  await page.click('#tab-verify');
  await page.fill('#verify-key', readFileSync(path.join(tmp, 'k.pub.pem'), 'utf8'));
  await page.fill('#verify-iss', 'https://id.example');
  await waitText('#verify-verdict', /^valid$/);
  await shot('verify-valid');
});

test('moving the clock past exp gives "invalid: expired", as jot verify says it', async () => {
  await page.fill('#now', '2026-01-03T00:00:00Z');
  await waitText('#verify-verdict', /^invalid: expired at 2026-01-01T01:00:00Z/);
  let cli;
  try {
    cli = jot('verify', signed, '--key', 'k.pub.pem', '--iss', 'https://id.example', '--now', '2026-01-03T00:00:00Z');
  } catch (e) {
    cli = e.stdout.toString().trim();
  }
  const shown = await page.textContent('#verify-verdict');
  assert.equal(shown, cli);
  await shot('verify-expired');
});

test('a token signed with a weak secret shows the audit finding', async () => {
  await page.fill('#verify-key', '');
  const weak = jot('sign', '--secret', 'secret', '--insecure-short-key', '--sub', 'bob', '--now', NOW);
  await page.fill('#now', '2026-01-01T00:05:00Z');
  await page.fill('#token', weak);
  await page.click('#tab-audit');
  await waitText('#audit-findings', /JOT002/);
  await waitText('#audit-findings', /HMAC secret cracked/);
  await waitText('#audit-findings', /"secret"/);
  await shot('audit');
});

test('sign: defaults prefilled, a generated key signs, the token decodes', async () => {
  await page.click('#tab-sign');
  await page.waitForFunction(() => /"exp"/.test(document.querySelector('#sign-claims').value));
  const claims = JSON.parse(await page.inputValue('#sign-claims'));
  assert.equal(claims.exp - claims.iat, 15 * 60);
  await page.selectOption('#keygen-alg', 'ES256');
  await page.click('#keygen');
  await waitText('#sign-token', /^eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
  await waitText('#keygen-public', /BEGIN PUBLIC KEY/);
  await shot('sign');
  await page.click('#sign-use');
  await waitText('#decode-payload', /"alice"/);
  await page.click('#tab-verify');
  await page.fill('#verify-iss', '');
  await page.click('#verify-use-generated');
  await waitText('#verify-verdict', /^valid$/);
});

test('dark mode and a narrow window', async () => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.click('#tab-decode');
  await shot('decode-dark');
  await page.setViewportSize({ width: 420, height: 800 });
  await shot('decode-narrow');
  await page.click('#tab-sign');
  await shot('sign-narrow-dark');
  await page.click('#tab-audit');
  await shot('audit-narrow-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 800 });
});

test('keyboard: arrow keys move between tabs', async () => {
  await page.click('#tab-decode');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.getAttribute('#tab-verify', 'aria-selected'), 'true');
  assert.equal(await page.isVisible('#panel-verify'), true);
  await page.keyboard.press('End');
  assert.equal(await page.getAttribute('#tab-sign', 'aria-selected'), 'true');
  await page.focus('#token');
  await page.keyboard.press('Alt+3');
  assert.equal(await page.isVisible('#panel-audit'), true);
});

test('a screenshot for the README', async () => {
  const token = jot('sign', '--key', 'k.pem', '--iss', 'https://id.example', '--sub', 'alice',
    '--aud', 'api', '--claim', 'scope=read:orders', '--now', NOW, '--exp', '15m', '--jti');
  await page.fill('#now', '2026-01-01T00:01:00Z');
  await page.fill('#token', token);
  await page.click('#tab-verify');
  await page.selectOption('#verify-source', 'key');
  await page.fill('#verify-key', readFileSync(path.join(tmp, 'k.pub.pem'), 'utf8'));
  await page.fill('#verify-iss', 'https://id.example');
  await page.fill('#verify-aud', 'api');
  await waitText('#verify-verdict', /^valid$/);
  await waitText('#verify-claims', /read:orders/);
  await waitText('#verify-claims', /expires in 14m/);
  await page.screenshot({ path: path.join(OUT, 'readme.png') });
});

test('the page made no request to any other origin, and no script error', () => {
  assert.ok(requests.length > 5, 'requests were logged');
  const foreign = requests.filter((u) => !u.startsWith(origin + '/'));
  assert.deepEqual(foreign, []);
  assert.deepEqual(pageErrors, []);
});
