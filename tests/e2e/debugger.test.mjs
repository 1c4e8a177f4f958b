// The debugger as jwt.io users expect it (issue 22): the first screen shows jot's example in
// every panel (marked as an example) and Clear empties it; a token that stops decoding
// leaves nothing behind; Audit uses the Verify key only when asked and every panel names
// its key; claim names explained on hover; the Decrypt panel against `jot decrypt` and
// `jot decode --decrypt-key`; page wording without command-line flags; the Clock field at
// 1280 px; a screenshot of each panel from the fixed example (copied to docs/ui/ only with
// UPDATE_SCREENSHOTS=1, so a test run never rewrites the committed pictures).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { session, OUT, DOCS } from './harness.mjs';

const NOW = '2026-01-01T00:00:00Z';
const PANELS = ['decode', 'verify', 'audit', 'decrypt', 'sign'];
let s;
let page;

before(async () => {
  s = await session();
  page = s.page;
});
after(async () => { if (s) await s.close(); });

const keyTitles = (sel) => page.evaluate((q) => Array.from(document.querySelectorAll(q + ' .j-key'))
  .map((e) => [JSON.parse(e.textContent || '""'), e.title, e.classList.contains('j-known')]), sel);
const hidden = (sel) => page.locator(sel).isHidden();
/** Press Example and wait until the example token is in the token field. */
async function loadExample() {
  await page.click('#example');
  await page.waitForFunction(() => document.querySelector('#token').value.startsWith('eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6ImV4YW1wbGUt'));
  await page.waitForSelector('#example-note:not([hidden])');
}
const text = (sel) => page.textContent(sel);
/** Wait until the element is empty (the panels update a moment after each input). */
const waitEmpty = (sel) => page.waitForFunction((q) => document.querySelector(q).textContent === '', sel, { timeout: 30000 })
  .catch(async () => assert.equal(await text(sel), '', sel));

test('first screen: the example token and keys, marked as an example, fill every panel', async () => {
  await s.waitText('#decode-payload', /"Jane Doe"/);
  assert.equal(await hidden('#example-note'), false);
  await s.waitText('#example-note', /EXAMPLE/);
  await page.click('#tab-verify');
  await s.waitText('#verify-verdict', /^valid$/);
  await s.waitText('#verify-uses', /the example public key/);
  await page.click('#tab-audit');
  await s.waitText('#audit-findings', /JOT0\d\d/);
  await page.click('#tab-decrypt');
  await s.waitText('#decrypt-verdict', /^decrypted \(ECDH-ES, A256GCM\)/);
  await s.waitText('#decrypt-inner-payload', /"Jane Doe"/);
  await s.waitText('#decrypt-uses', /the example decryption key/);
  assert.equal(await hidden('#decrypt-from'), false);
  await page.click('#tab-sign');
  await s.waitText('#sign-token', /^eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
  await s.waitText('#sign-uses', /the example private key/);
});

test('Clear empties the token, every key field and every panel', async () => {
  await page.click('#clear');
  for (const id of ['#token', '#verify-key', '#verify-iss', '#verify-aud', '#decrypt-key', '#sign-key']) {
    assert.equal(await page.inputValue(id), '', id);
  }
  assert.equal(await hidden('#example-note'), true);
  await s.waitText('#verify-verdict', /^paste a token$/);
  await s.waitText('#decrypt-verdict', /^paste an encrypted token above$/);
  await s.waitText('#sign-token', /paste or generate a key/);
  await waitEmpty('#decode-payload');
  await waitEmpty('#audit-findings');
  assert.equal(await hidden('#verify-claims-box'), true);
  await loadExample();
  await s.waitText('#decode-payload', /"Jane Doe"/);
});

test('a pasted token that no longer decodes clears every panel it fed', async () => {
  await page.click('#tab-decrypt');
  await page.click('#decrypt-try-example');
  await s.waitText('#decrypt-inner-payload', /"Jane Doe"/);
  await page.click('#tab-verify');
  await loadExample();
  await s.waitText('#verify-verdict', /^valid$/);
  await s.waitText('#verify-claims', /"Jane Doe"/);
  await page.fill('#token', 'eyJhbGciOiJSUzI1NiJ9.not-a-token');
  await s.waitText('#decode-error', /error:/);
  for (const sel of ['#decode-header', '#decode-payload', '#decode-times', '#token-parts', '#decode-sig',
    '#decrypt-header', '#decrypt-inner-payload']) {
    await waitEmpty(sel);
  }
  await s.waitText('#verify-verdict', /^(error|invalid)/);
  assert.equal(await hidden('#verify-claims-box'), true);
  // Audit rates what is there now (not a JWT), nothing of the example's findings.
  await s.waitText('#audit-findings', /JOT020/);
  assert.doesNotMatch(await text('#audit-findings'), /JOT017|JOT030/);
  assert.equal(await hidden('#decrypt-inner-box'), true);
  assert.equal(await hidden('#example-note'), true);
});

test('a key in Verify never feeds Audit unless asked; each panel says which key it uses', async () => {
  const token = s.jot('sign', '--secret', 'a-long-enough-secret-for-hs256-0123456789', '--sub', 'x', '--now', NOW);
  await page.click('#clear');
  await page.fill('#now', '2026-01-01T00:01:00Z');
  await page.fill('#token', token);
  await page.click('#tab-verify');
  await page.selectOption('#verify-source', 'secret');
  await page.fill('#verify-secret', 'the-wrong-secret-but-also-long-enough-0123456789');
  await s.waitText('#verify-verdict', /^invalid: .*signature/);
  await s.waitText('#verify-uses', /^key: the secret typed in Verify$/);
  await page.click('#tab-audit');
  await s.waitText('#audit-uses', /key: none, the signature is not checked/);
  await s.waitText('#audit-summary', /finding/);
  assert.doesNotMatch(await text('#audit-findings'), /JOT019/);
  await page.check('#audit-use-verify-key');
  await s.waitText('#audit-uses', /key: the secret typed in Verify/);
  await s.waitText('#audit-findings', /JOT019/);
  await page.uncheck('#audit-use-verify-key');
  await page.waitForFunction(() => !/JOT019/.test(document.querySelector('#audit-findings').textContent));
  await page.click('#tab-decrypt');
  await s.waitText('#decrypt-uses', /^key: none yet$/);
});

test('claim and header names are explained on hover, provider claims too; unknown claims plain', async () => {
  const claims = ['oid=00000000-0000-0000-0000-000000000001', 'tid=t', 'upn=a@contoso.example', 'scp=User.Read',
    'ver="2.0"', 'appid=x', 'permissions=["read:orders"]', 'org_id=org_1', 'https://example.com/roles=["admin"]',
    'realm_access={"roles":["user"]}', 'resource_access={}', 'preferred_username=jd', 'typ=Bearer', 'sid=s', 'acr="1"',
    'hd=example.com', 'email_verified=true', 'at_hash=h', 'azp=c', 'zz_custom=plain'];
  const token = s.jot('sign', '--secret', 'a-long-enough-secret-for-hs256-0123456789', '--sub', 'x', '--now', NOW,
    '--exp', '1h', ...claims.flatMap((c) => ['--claim', c]));
  await page.fill('#now', '2026-01-01T00:10:00Z');
  await page.fill('#token', token);
  await page.click('#tab-decode');
  await s.waitText('#decode-payload', /zz_custom/);
  const t = new Map((await keyTitles('#decode-payload')).map(([k, title, known]) => [k, { title, known }]));
  const says = (k, re) => assert.match(t.get(k).title, re, k);
  says('oid', /Entra ID/); says('tid', /tenant/); says('upn', /Entra ID/); says('scp', /scopes/);
  says('ver', /version/); says('appid', /v1/); says('permissions', /Auth0/); says('org_id', /Auth0/);
  says('https://example.com/roles', /namespaced/); says('realm_access', /Keycloak/); says('resource_access', /Keycloak/);
  says('preferred_username', /never an id/); says('typ', /Keycloak/); says('sid', /session/); says('acr', /authentication context/);
  says('hd', /Google/); says('email_verified', /verified/); says('at_hash', /access token hash/); says('azp', /authorized party/);
  says('sub', /RFC 7519/); says('iat', /issued at/);
  // Times: the meaning, the ISO date and the relative phrase.
  says('exp', /expiration[\s\S]*2026-01-01T01:00:00Z · expires in 50m/);
  assert.deepEqual(t.get('zz_custom'), { title: '', known: false });
  const h = new Map((await keyTitles('#decode-header')).map(([k, title]) => [k, title]));
  assert.match(h.get('alg'), /algorithm/);
  assert.match(h.get('typ'), /media type/);
  await s.waitText('#decode-times', /2026-01-01T01:00:00Z\s*expires in 50m/);
});

test('Decrypt: key in, plaintext out, as `jot decrypt`; a nested token as `jot decode --decrypt-key`', async () => {
  // ECDH-ES: both builds decrypt it (RSA decryption needs the aws-lc feature).
  s.jot('keygen', 'ECDH-ES+A256KW', '--format', 'jwk', '--out', 'enc.jwk', '--public-out', 'enc.pub.jwk');
  s.jot('keygen', 'ES256', '--out', 'sig.pem', '--public-out', 'sig.pub.pem');
  const key = readFileSync(path.join(s.tmp, 'enc.jwk'), 'utf8');
  const plain = s.jot('encrypt', '--key', 'enc.pub.jwk', '{"card":"4111 <b>x</b>"}');
  await page.click('#clear');
  await page.fill('#token', plain);
  await page.click('#tab-decrypt');
  await page.fill('#decrypt-key', key);
  await s.waitText('#decrypt-verdict', /^decrypted \(ECDH-ES\+A256KW, A256GCM\) with /);
  await s.waitText('#decrypt-uses', /^key: the key pasted in Decrypt$/);
  await s.waitText('#decrypt-plaintext', /"card": "4111 <b>x<\/b>"/);
  assert.equal(await page.locator('#decrypt-plaintext b').count(), 0);
  assert.deepEqual(JSON.parse(s.jot('decrypt', '--key', 'enc.jwk', plain)), { card: '4111 <b>x</b>' });
  const inner = s.jot('sign', '--key', 'sig.pem', '--sub', 'nested-alice', '--now', NOW, '--exp', '1h');
  const nested = s.jot('encrypt', '--key', 'enc.pub.jwk', '--cty', 'JWT', inner);
  await page.fill('#now', '2026-01-01T00:10:00Z');
  await page.fill('#token', nested);
  await s.waitText('#decrypt-inner-token', new RegExp('^' + inner.replace(/[.]/g, '\\.') + '$'));
  await s.waitText('#decrypt-inner-payload', /"nested-alice"/);
  await s.waitText('#decrypt-inner-payload', /expires in 50m/);
  const cli = JSON.parse(s.jot('decode', '--decrypt-key', 'enc.jwk', '--json', nested));
  const shown = await page.evaluate(() => document.querySelector('#decrypt-inner-header').textContent);
  for (const [k, v] of Object.entries(cli.inner.header)) assert.ok(shown.includes(JSON.stringify(k) + ': ' + JSON.stringify(v)), k);
  // The wrong key: a verdict, and the header still shown.
  s.jot('keygen', 'ECDH-ES+A256KW', '--format', 'jwk', '--out', 'other.jwk');
  await page.fill('#decrypt-key', readFileSync(path.join(s.tmp, 'other.jwk'), 'utf8'));
  await s.waitText('#decrypt-verdict', /^cannot decrypt: /);
  assert.equal(await hidden('#decrypt-inner-box'), true);
  await s.waitText('#decrypt-header', /"ECDH-ES\+A256KW"/);
  await page.fill('#decrypt-key', key);
  await s.waitText('#decrypt-inner-payload', /"nested-alice"/);
  await page.click('#decrypt-use-inner');
  await s.waitText('#decode-payload', /"nested-alice"/);
});

/** Page text that names a command-line flag, in every panel. */
async function flagsInPage() {
  const found = [];
  for (const p of PANELS) {
    await page.click('#tab-' + p);
    const t = await page.evaluate(() => document.body.innerText);
    const m = t.match(/(^|[\s(`'"“])--[a-z][a-z-]*/gm);
    if (m) found.push(p + ': ' + m.join(' '));
  }
  return found;
}

test('page wording names fields, never a command-line flag', async () => {
  await page.click('#clear');
  s.jot('keygen', 'ES256', '--out', 'w.pem', '--public-out', 'w.pub.pem');
  const noExp = s.jot('sign', '--key', 'w.pem', '--aud', 'api', '--no-exp', '--now', NOW);
  // What `jot verify` says names flags; the page says the same with its field names.
  let cli = '';
  try { s.jot('verify', noExp, '--key', 'w.pub.pem', '--now', NOW); } catch (e) { cli = e.stdout.toString(); }
  assert.match(cli, /--aud|--allow-no-exp/);
  await page.fill('#now', NOW);
  await page.fill('#token', noExp);
  await page.click('#tab-verify');
  await page.fill('#verify-key', readFileSync(path.join(s.tmp, 'w.pub.pem'), 'utf8'));
  await s.waitText('#verify-verdict', /^invalid: .*aud field/);
  await page.fill('#verify-aud', 'api');
  await s.waitText('#verify-verdict', /^invalid: no exp claim \(tick “allow no exp” to accept/);
  await page.click('#tab-audit');
  await s.waitText('#audit-findings', /JOT0\d\d/);
  await page.click('#tab-sign');
  await page.waitForFunction(() => /"exp"/.test(document.querySelector('#sign-claims').value));
  const claims = await page.inputValue('#sign-claims');
  await page.fill('#sign-claims', '{"sub": 1');
  await page.waitForSelector('#sign-json-error:not([hidden])');
  assert.deepEqual(await flagsInPage(), []);
  await page.fill('#sign-claims', claims);
});

test('the Clock field and its hint fit at 1280 px', async () => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.fill('#now', '');
  const m = await page.evaluate(() => {
    const input = document.querySelector('#now');
    const cs = getComputedStyle(input);
    const ctx = document.createElement('canvas').getContext('2d');
    ctx.font = cs.font;
    const r = input.getBoundingClientRect();
    const bar = document.querySelector('.bar').getBoundingClientRect();
    return {
      text: ctx.measureText(input.placeholder).width,
      room: input.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight),
      right: r.right, top: r.top, barHeight: bar.height, width: window.innerWidth,
    };
  });
  assert.ok(m.text <= m.room, `the hint needs ${m.text}px, the field has ${m.room}px`);
  assert.ok(m.right <= m.width, 'the field is inside the window');
  assert.ok(m.barHeight < 70, `the top bar is one line (${m.barHeight}px)`);
  await page.fill('#now', '2026-01-02T03:04:05Z');
  assert.equal(await page.evaluate(() => { const i = document.querySelector('#now'); return i.scrollWidth <= i.clientWidth; }), true);
});

test('a screenshot of each panel from the fixed example', async () => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.fill('#now', NOW);
  await loadExample();
  await s.waitText('#decode-times', /2026-01-01T01:00:00Z/);
  const update = process.env.UPDATE_SCREENSHOTS === '1';
  if (update) mkdirSync(DOCS, { recursive: true });
  for (const p of PANELS) {
    await page.click('#tab-' + p);
    if (p === 'verify') await s.waitText('#verify-verdict', /^valid$/);
    if (p === 'audit') await s.waitText('#audit-findings', /JOT0\d\d/);
    if (p === 'decrypt') await s.waitText('#decrypt-inner-payload', /"Jane Doe"/);
    if (p === 'sign') await s.waitText('#sign-token', /^eyJ/);
    await page.mouse.move(0, 0);
    const file = path.join(OUT, 'panel-' + p + '.png');
    // The panel column only, at most 900 px high: small files that still show the panel.
    const box = await page.locator('.panels').boundingBox();
    await page.screenshot({ path: file, fullPage: true, clip: { x: box.x, y: box.y, width: box.width, height: Math.min(box.height, 900) } });
    if (update) copyFileSync(file, path.join(DOCS, p + '.png'));
    assert.ok(existsSync(path.join(DOCS, p + '.png')), `docs/ui/${p}.png is missing: run with UPDATE_SCREENSHOTS=1`);
  }
  if (update) writeFileSync(path.join(OUT, 'updated'), 'docs/ui screenshots copied\n');
});

test('the debugger made no request to any other origin, and no script error', () => {
  assert.ok(s.requests.length > 5, 'requests were logged');
  assert.deepEqual(s.requests.filter((u) => !u.startsWith(s.origin + '/')), []);
  // A 400 is the API's answer to the malformed token pasted above, not a script error.
  assert.deepEqual(s.pageErrors.filter((e) => !/status of 400 \(Bad Request\)/.test(e)), []);
});
