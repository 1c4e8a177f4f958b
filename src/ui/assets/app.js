// jot ui: the panels. Every computation is a POST to the local jot process (same origin,
// capability token in a header); the page itself parses, verifies and signs nothing.
'use strict';
(() => {
  const { el, clear, jsonTree, fillList, showError, debounced, words } = window.jotRender;
  const { explain } = window.jotClaims;
  const CAP = new URLSearchParams(location.search).get('token') || '';
  const $ = (id) => document.getElementById(id);
  // `example`: the first screen's token and keys (from /api/example), so each panel can say
  // when it is using an example key.
  const state = { generatedPublic: null, signToken: '', example: null };

  // One request in flight: the browser then reuses a connection the page loaded on
  // instead of opening a burst of new ones, which jot's server library (see server.rs)
  // can leave queued behind kept-alive connections for good (a hung panel). Answers are
  // local and fast; only a JWKS or issuer fetch makes the others wait, up to its timeout.
  const MAX_IN_FLIGHT = 1;
  let inFlight = 0;
  const waiting = [];
  async function api(name, body) {
    if (inFlight >= MAX_IN_FLIGHT) await new Promise((go) => waiting.push(go));
    inFlight += 1;
    try {
      return await request(name, body);
    } finally {
      inFlight -= 1;
      const next = waiting.shift();
      if (next) next();
    }
  }

  async function request(name, body) {
    const r = await fetch('api/' + name, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Jot-Token': CAP },
      body: JSON.stringify(body),
      cache: 'no-store',
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
    });
    const data = await r.json().catch(() => ({ error: 'unexpected response (HTTP ' + r.status + ')' }));
    if (r.status === 403) data.hint = 'open the exact address jot ui printed (it carries the access token)';
    if (!r.ok) throw data;
    return data;
  }

  const now = () => $('now').value.trim() || undefined;
  const token = () => $('token').value;
  const list = (s) => s.split(',').map((x) => x.trim()).filter((x) => x);

  // ---- tabs: click, or arrow keys / Home / End on the tab list -------------------------
  const onSelect = [];
  const TABS = ['decode', 'verify', 'audit', 'decrypt', 'sign'];
  function select(name, focus) {
    TABS.forEach((t) => {
      const on = t === name;
      const tab = $('tab-' + t);
      tab.setAttribute('aria-selected', String(on));
      tab.tabIndex = on ? 0 : -1;
      $('panel-' + t).hidden = !on;
      if (on && focus) tab.focus();
    });
    onSelect.forEach((f) => f(name));
  }
  TABS.forEach((t) => $('tab-' + t).addEventListener('click', () => select(t, false)));
  document.querySelector('.tabs').addEventListener('keydown', (e) => {
    const i = TABS.findIndex((t) => $('tab-' + t).getAttribute('aria-selected') === 'true');
    const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: TABS.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    select(TABS[(next + TABS.length) % TABS.length], true);
  });

  // Alt+1…5 switch panels from anywhere.
  document.addEventListener('keydown', (e) => {
    const i = Number(e.key) - 1;
    if (e.altKey && !e.ctrlKey && !e.metaKey && i >= 0 && i < TABS.length) {
      e.preventDefault();
      select(TABS[i], true);
    }
  });
  TABS.forEach((t, i) => { $('tab-' + t).title = 'Alt+' + (i + 1); });

  // ---- decode --------------------------------------------------------------------------
  function tokenParts(t) {
    const box = $('token-parts');
    clear(box);
    const parts = t.trim().split('.');
    if (parts.length < 3) return;
    parts.forEach((p, i) => {
      if (i) box.appendChild(el('span', 'dot', '.'));
      box.appendChild(el('span', 'part part-' + Math.min(i, 4), p));
    });
  }

  /** Empty every Decode output, so nothing of a token that no longer decodes stays. */
  function clearDecode() {
    [$('decode-header'), $('decode-payload'), $('decode-times').tBodies[0], $('token-parts')].forEach(clear);
    fillList($('decode-warnings'), []);
    $('token-note').textContent = '';
    $('decode-sig').textContent = '';
    renderSd(null);
  }

  const runDecode = debounced(async (current) => {
    const t = token();
    const err = $('decode-error');
    if (!t.trim()) {
      clearDecode();
      showError(err, null);
      return;
    }
    try {
      const d = await api('decode', { token: t, now: now() });
      if (!current()) return;
      showError(err, null);
      $('token-note').textContent = d.stripped ? 'read the token after removing ' + d.stripped : '';
      tokenParts(t.trim().split(/\s+/).pop().replace(/^["']|["']$/g, ''));
      renderDecode(d);
    } catch (e) {
      if (!current()) return;
      clearDecode();
      showError(err, e);
    }
  }, 150);

  const explainHeader = (k) => explain(k, 'header');
  const explainClaim = (k) => explain(k, 'payload');

  /** Annotations for the JSON tree: each time claim's date and phrase. */
  function timeNotes(times) {
    const notes = {};
    (times || []).forEach((n) => {
      notes[n.claim] = { text: (n.utc ? n.utc + ' · ' : '') + n.phrase, state: n.state };
    });
    return notes;
  }

  function renderDecode(d) {
    const header = $('decode-header');
    const payload = $('decode-payload');
    const times = $('decode-times').tBodies[0];
    [header, payload, times].forEach(clear);
    header.appendChild(jsonTree(d.header, {}, explainHeader));
    fillList($('decode-warnings'), d.warnings, 'warn');
    if (d.kind === 'jwe') {
      payload.appendChild(el('p', 'note', d.note + '; the Decrypt panel opens it with its key'));
      $('decode-sig').textContent = '';
      renderSd(null);
      return;
    }
    const notes = timeNotes(d.times);
    (d.times || []).forEach((n) => {
      const row = el('tr', 'state-' + n.state);
      const th = el('th', '', n.claim);
      th.title = explainClaim(n.claim) || '';
      row.appendChild(th);
      row.appendChild(el('td', 'mono', n.utc || String(n.value)));
      row.appendChild(el('td', '', n.phrase));
      times.appendChild(row);
    });
    if (d.payload !== null && d.payload !== undefined) payload.appendChild(jsonTree(d.payload, notes, explainClaim));
    else payload.appendChild(el('pre', 'code', d.payload_text));
    $('decode-sig').textContent = 'signature: ' + d.signature_bytes + ' bytes (' + (d.alg || '?') + ')';
    renderSd(d.sd);
  }

  // An SD-JWT's disclosures, the claims rebuilt from them and its KB-JWT (all as text).
  function renderSd(sd) {
    const box = $('decode-sd');
    const rows = $('decode-disclosures').tBodies[0];
    [rows, $('decode-rebuilt'), $('decode-kb')].forEach(clear);
    box.hidden = !sd;
    if (!sd) return;
    (sd.disclosures || []).forEach((x) => {
      const row = el('tr', '');
      row.appendChild(el('th', '', x.path || x.name || '(array element)'));
      row.appendChild(el('td', 'mono', JSON.stringify(x.value)));
      row.appendChild(el('td', 'mono', x.digest));
      rows.appendChild(row);
    });
    const hidden = (sd.undisclosed_digests || []).length;
    $('decode-undisclosed').textContent = hidden + ' digest(s) without a disclosure (undisclosed claims or decoys)';
    if (sd.claims) $('decode-rebuilt').appendChild(jsonTree(sd.claims, {}, explainClaim));
    else $('decode-rebuilt').appendChild(el('p', 'note', 'cannot rebuild: ' + sd.rebuild_error));
    if (sd.kb_jwt) $('decode-kb').appendChild(jsonTree(sd.kb_jwt));
    else $('decode-kb').appendChild(el('p', 'note', 'none'));
  }

  // ---- verify --------------------------------------------------------------------------
  const SOURCES = ['key', 'secret', 'jwks_url', 'oidc'];
  function showSource() {
    const src = $('verify-source').value;
    document.querySelectorAll('[data-source]').forEach((d) => { d.hidden = d.dataset.source !== src; });
  }

  function keySource() {
    const src = $('verify-source').value;
    const value = $('verify-' + src).value;
    return value.trim() ? { [src]: value } : null;
  }

  /** Which key the Verify panel uses, in words (the example's is named as such). */
  function verifyKeyWords() {
    const src = $('verify-source').value;
    const value = $('verify-' + src).value.trim();
    if (!value) return null;
    if (src === 'key' && state.example && value === state.example.key.trim()) return 'the example public key (ships with jot)';
    return {
      key: 'the key pasted in Verify',
      secret: 'the secret typed in Verify',
      jwks_url: 'the keys at the JWKS URL given in Verify (fetched by jot)',
      oidc: 'the keys of the OpenID issuer given in Verify (fetched by jot)',
    }[src];
  }

  function showUses() {
    const v = verifyKeyWords();
    $('verify-uses').textContent = 'key: ' + (v || 'none yet');
    const a = $('audit-use-verify-key').checked;
    const src = $('verify-source').value;
    let audit = 'key: none, the signature is not checked (tick the box to use the key given in Verify)';
    if (a && !v) audit = 'key: none yet, Verify has no key';
    else if (a && (src === 'jwks_url' || src === 'oidc')) audit = 'key: none, Audit checks signatures with a pasted key or secret, not a URL';
    else if (a) audit = 'key: ' + v + ', to check the signature';
    $('audit-uses').textContent = audit;
  }

  function showClaims(claims, times) {
    const box = $('verify-claims');
    clear(box);
    if (claims) box.appendChild(jsonTree(claims, timeNotes(times), explainClaim));
    $('verify-claims-box').hidden = !claims;
  }

  const runVerify = debounced(async (current) => {
    const verdict = $('verify-verdict');
    const t = token();
    const key = keySource();
    const idle = (msg) => {
      verdict.className = 'verdict';
      verdict.textContent = msg;
      fillList($('verify-warnings'), []);
      $('verify-keys').textContent = '';
      showClaims(null);
    };
    if (!t.trim()) return idle('paste a token');
    if (!key) return idle('paste a key, a secret, a JWKS URL or an issuer');
    const body = Object.assign({
      token: t,
      now: now(),
      iss: $('verify-iss').value,
      sub: $('verify-sub').value,
      aud: list($('verify-aud').value),
      leeway: $('verify-leeway').value,
      alg: list($('verify-alg').value),
      max_age: $('verify-max_age').value,
      require: list($('verify-require').value),
      allow_no_exp: $('verify-allow_no_exp').checked,
    }, key);
    try {
      const v = await api('verify', body);
      if (!current()) return;
      verdict.className = 'verdict ' + (v.valid ? 'valid' : 'invalid');
      verdict.textContent = words(v.verdict);
      fillList($('verify-warnings'), (v.warnings || []).concat(v.skipped || []), 'warn');
      showClaims(v.valid ? v.claims : null, v.times);
      $('verify-keys').textContent = 'checked against: ' + v.keys.join(', ') + (v.kid ? ' · verified by kid ' + v.kid : '');
    } catch (e) {
      if (!current()) return;
      idle('');
      verdict.className = 'verdict error';
      verdict.textContent = words('error: ' + e.error + (e.hint ? ' (hint: ' + e.hint + ')' : ''));
    }
  }, 250);

  // ---- audit ---------------------------------------------------------------------------
  const runAudit = debounced(async (current) => {
    const t = token();
    const out = $('audit-findings');
    if (!t.trim()) {
      clear(out);
      $('audit-summary').textContent = '';
      return;
    }
    const body = { token: t, now: now() };
    const src = $('verify-source').value;
    const key = keySource();
    // Only when asked: a key typed in Verify never feeds Audit on its own.
    if ($('audit-use-verify-key').checked && key && (src === 'key' || src === 'secret')) Object.assign(body, key);
    try {
      const a = await api('audit', body);
      if (!current()) return;
      showError($('audit-error'), null);
      clear(out);
      $('audit-summary').textContent = words(a.summary);
      a.findings.forEach((f) => {
        const li = el('li', 'finding sev-' + f.severity);
        const head = el('div', 'f-head');
        head.appendChild(el('span', 'sev', f.severity));
        head.appendChild(el('span', 'rule', f.rule));
        head.appendChild(el('span', 'title', words(f.title)));
        li.appendChild(head);
        li.appendChild(el('p', 'f-msg', words(f.message)));
        li.appendChild(el('p', 'f-fix', 'fix: ' + words(f.remediation)));
        out.appendChild(li);
      });
    } catch (e) {
      if (!current()) return;
      clear(out);
      $('audit-summary').textContent = '';
      showError($('audit-error'), e);
    }
  }, 300);

  $('verify-use-generated').addEventListener('click', () => {
    if (!state.generatedPublic) return;
    $('verify-source').value = 'key';
    showSource();
    $('verify-key').value = state.generatedPublic;
    keysChanged();
  });

  // ---- wiring: every input updates what depends on it, debounced -----------------------
  // Other panels (decrypt.js) add what they run when the token or the clock changes.
  const onToken = [];
  function everything() {
    runDecode();
    runVerify();
    runAudit();
    onToken.forEach((f) => f());
  }
  function keysChanged() {
    showUses();
    runVerify();
    runAudit();
  }
  $('token').addEventListener('input', everything);
  $('now').addEventListener('input', everything);
  $('verify-source').addEventListener('change', () => { showSource(); keysChanged(); });
  SOURCES.forEach((s) => $('verify-' + s).addEventListener('input', keysChanged));
  $('audit-use-verify-key').addEventListener('change', keysChanged);
  ['iss', 'aud', 'sub', 'leeway', 'alg', 'max_age', 'require'].forEach((f) => $('verify-' + f).addEventListener('input', runVerify));
  $('verify-allow_no_exp').addEventListener('change', runVerify);

  showSource();
  showUses();
  $('token').focus();
  window.jotApp = { api, $, now, token, state, select, everything, keysChanged, onToken, onSelect };
})();
