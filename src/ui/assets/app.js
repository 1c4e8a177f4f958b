// jot ui: the panels. Every computation is a POST to the local jot process (same origin,
// capability token in a header); the page itself parses, verifies and signs nothing.
'use strict';
(() => {
  const { el, clear, jsonTree, fillList, showError, debounced } = window.jotRender;
  const CAP = new URLSearchParams(location.search).get('token') || '';
  const $ = (id) => document.getElementById(id);
  const state = { generatedPublic: null, signToken: '' };

  async function api(name, body) {
    const r = await fetch('api/' + name, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Jot-Token': CAP },
      body: JSON.stringify(body),
      cache: 'no-store',
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
    });
    const data = await r.json().catch(() => ({ error: 'unexpected response (HTTP ' + r.status + ')' }));
    if (r.status === 403) data.hint = 'open the exact URL `jot ui` printed (it carries the access token)';
    if (!r.ok) throw data;
    return data;
  }

  const now = () => $('now').value.trim() || undefined;
  const token = () => $('token').value;
  const list = (s) => s.split(',').map((x) => x.trim()).filter((x) => x);

  // ---- tabs: click, or arrow keys / Home / End on the tab list -------------------------
  const TABS = ['decode', 'verify', 'audit', 'sign'];
  function select(name, focus) {
    TABS.forEach((t) => {
      const on = t === name;
      const tab = $('tab-' + t);
      tab.setAttribute('aria-selected', String(on));
      tab.tabIndex = on ? 0 : -1;
      $('panel-' + t).hidden = !on;
      if (on && focus) tab.focus();
    });
    if (name === 'sign') ensureSignDefaults();
  }
  TABS.forEach((t) => $('tab-' + t).addEventListener('click', () => select(t, false)));
  document.querySelector('.tabs').addEventListener('keydown', (e) => {
    const i = TABS.findIndex((t) => $('tab-' + t).getAttribute('aria-selected') === 'true');
    const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: TABS.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    select(TABS[(next + TABS.length) % TABS.length], true);
  });

  // Alt+1…4 switch panels from anywhere.
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

  const runDecode = debounced(async (current) => {
    const t = token();
    const err = $('decode-error');
    if (!t.trim()) {
      [$('decode-header'), $('decode-payload'), $('decode-times').tBodies[0]].forEach(clear);
      fillList($('decode-warnings'), []);
      showError(err, null);
      $('token-note').textContent = '';
      $('decode-sig').textContent = '';
      renderSd(null);
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
      showError(err, e);
      $('token-note').textContent = '';
    }
  }, 150);

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
    header.appendChild(jsonTree(d.header));
    fillList($('decode-warnings'), d.warnings, 'warn');
    if (d.kind === 'jwe') {
      payload.appendChild(el('p', 'note', d.note));
      $('decode-sig').textContent = '';
      renderSd(null);
      return;
    }
    const notes = timeNotes(d.times);
    (d.times || []).forEach((n) => {
      const row = el('tr', 'state-' + n.state);
      row.appendChild(el('th', '', n.claim));
      row.appendChild(el('td', 'mono', n.utc || String(n.value)));
      row.appendChild(el('td', '', n.phrase));
      times.appendChild(row);
    });
    if (d.payload !== null && d.payload !== undefined) payload.appendChild(jsonTree(d.payload, notes));
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
    if (sd.claims) $('decode-rebuilt').appendChild(jsonTree(sd.claims));
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

  function showClaims(claims, times) {
    const box = $('verify-claims');
    clear(box);
    if (claims) box.appendChild(jsonTree(claims, timeNotes(times)));
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
      verdict.textContent = v.verdict;
      fillList($('verify-warnings'), (v.warnings || []).concat(v.skipped || []), 'warn');
      showClaims(v.valid ? v.claims : null, v.times);
      $('verify-keys').textContent = 'checked against: ' + v.keys.join(', ') + (v.kid ? ' · verified by kid ' + v.kid : '');
    } catch (e) {
      if (!current()) return;
      idle('');
      verdict.className = 'verdict error';
      verdict.textContent = 'error: ' + e.error + (e.hint ? ' (hint: ' + e.hint + ')' : '');
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
    if (key && (src === 'key' || src === 'secret')) Object.assign(body, key);
    try {
      const a = await api('audit', body);
      if (!current()) return;
      showError($('audit-error'), null);
      clear(out);
      $('audit-summary').textContent = a.summary;
      a.findings.forEach((f) => {
        const li = el('li', 'finding sev-' + f.severity);
        const head = el('div', 'f-head');
        head.appendChild(el('span', 'sev', f.severity));
        head.appendChild(el('span', 'rule', f.rule));
        head.appendChild(el('span', 'title', f.title));
        li.appendChild(head);
        li.appendChild(el('p', 'f-msg', f.message));
        li.appendChild(el('p', 'f-fix', 'fix: ' + f.remediation));
        out.appendChild(li);
      });
    } catch (e) {
      if (!current()) return;
      clear(out);
      $('audit-summary').textContent = '';
      showError($('audit-error'), e);
    }
  }, 300);

  // ---- sign ----------------------------------------------------------------------------
  let defaultsLoaded = false;
  async function ensureSignDefaults() {
    if (defaultsLoaded) return;
    defaultsLoaded = true;
    try {
      const d = await api('defaults', { now: now() });
      if (!$('sign-header').value.trim()) $('sign-header').value = JSON.stringify(d.header, null, 2);
      if (!$('sign-claims').value.trim()) $('sign-claims').value = JSON.stringify(d.claims, null, 2);
      runSign();
    } catch (e) {
      defaultsLoaded = false;
      showError($('sign-json-error'), e);
    }
  }

  function showSignSource() {
    const src = $('sign-source').value;
    document.querySelectorAll('[data-sign-source]').forEach((d) => { d.hidden = d.dataset.signSource !== src; });
  }

  function jsonField(id, name) {
    const text = $(id).value.trim();
    if (!text) return {};
    const v = JSON.parse(text);
    if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new Error(name + ' must be a JSON object');
    return v;
  }

  const runSign = debounced(async (current) => {
    const out = $('sign-token');
    const err = $('sign-json-error');
    let header;
    let claims;
    try {
      header = jsonField('sign-header', 'the header');
      claims = jsonField('sign-claims', 'the claims');
      showError(err, null);
    } catch (e) {
      showError(err, { error: e.message });
      return;
    }
    const src = $('sign-source').value;
    const value = $('sign-' + src).value;
    if (!value.trim()) {
      out.textContent = 'paste or generate a key to sign';
      state.signToken = '';
      return;
    }
    try {
      const s = await api('sign', { header, claims, [src]: value, no_exp: $('sign-no_exp').checked, now: now() });
      if (!current()) return;
      out.textContent = s.token;
      state.signToken = s.token;
      fillList($('sign-warnings'), s.warnings, 'warn');
    } catch (e) {
      if (!current()) return;
      state.signToken = '';
      out.textContent = 'error: ' + e.error + (e.hint ? ' (hint: ' + e.hint + ')' : '');
      fillList($('sign-warnings'), []);
    }
  }, 250);

  $('keygen').addEventListener('click', async () => {
    try {
      const k = await api('keygen', { alg: $('keygen-alg').value });
      const priv = k.private.pem || k.private.jwk;
      $('keygen-private').textContent = priv;
      $('keygen-public-box').hidden = !k.public;
      $('keygen-public').textContent = k.public ? k.public.pem || k.public.jwk : '';
      $('keygen-desc').textContent = 'generated ' + k.alg + ' key ' + (k.kid || '') + ' (' + k.describe + '); it exists only in this page until you copy it';
      $('keygen-out').hidden = false;
      $('sign-source').value = 'key';
      showSignSource();
      $('sign-key').value = priv;
      state.generatedPublic = k.public ? k.public.pem : k.private.jwk;
      $('verify-use-generated').hidden = false;
      runSign();
    } catch (e) {
      showError($('sign-json-error'), e);
    }
  });

  $('sign-key-file').addEventListener('change', (e) => {
    const f = e.target.files && e.target.files[0];
    if (!f) return;
    f.text().then((text) => { $('sign-key').value = text; runSign(); });
  });

  $('verify-use-generated').addEventListener('click', () => {
    if (!state.generatedPublic) return;
    $('verify-source').value = 'key';
    showSource();
    $('verify-key').value = state.generatedPublic;
    runVerify();
    runAudit();
  });

  $('sign-use').addEventListener('click', () => {
    if (!state.signToken) return;
    $('token').value = state.signToken;
    everything();
    select('decode', true);
  });

  document.querySelectorAll('button.copy').forEach((b) => b.addEventListener('click', async () => {
    const text = b.dataset.copy === 'sign-token' ? state.signToken : $(b.dataset.copy).textContent;
    if (!text) return;
    try {
      await navigator.clipboard.writeText(text);
      b.textContent = 'copied';
    } catch (e) {
      b.textContent = 'copy failed';
    }
    setTimeout(() => { b.textContent = 'copy'; }, 1200);
  }));

  // ---- wiring: every input updates what depends on it, debounced -----------------------
  function everything() {
    runDecode();
    runVerify();
    runAudit();
  }
  $('token').addEventListener('input', everything);
  $('now').addEventListener('input', () => { everything(); runSign(); });
  $('verify-source').addEventListener('change', () => { showSource(); runVerify(); runAudit(); });
  SOURCES.forEach((s) => $('verify-' + s).addEventListener('input', () => { runVerify(); runAudit(); }));
  ['iss', 'aud', 'sub', 'leeway', 'alg', 'max_age', 'require'].forEach((f) => $('verify-' + f).addEventListener('input', runVerify));
  $('verify-allow_no_exp').addEventListener('change', runVerify);
  ['sign-header', 'sign-claims', 'sign-key', 'sign-secret'].forEach((id) => $(id).addEventListener('input', runSign));
  $('sign-no_exp').addEventListener('change', runSign);
  $('sign-source').addEventListener('change', () => { showSignSource(); runSign(); });

  showSource();
  showSignSource();
  if (token().trim()) everything();
  $('token').focus();
})();
