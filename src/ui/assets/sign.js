// jot ui: the Sign panel (header and claims as JSON, a pasted, loaded or generated key) and
// the copy buttons. Signing is a POST to the local jot process, as every panel's work is.
'use strict';
(() => {
  const { showError, fillList, debounced, words } = window.jotRender;
  const { api, $, now, state, select, everything, onSelect } = window.jotApp;

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

  /** Which key Sign uses, in words (the example's is named as such). */
  function showUses() {
    const src = $('sign-source').value;
    const value = $('sign-' + src).value.trim();
    let w = value ? { key: 'the private key pasted or generated here', secret: 'the secret typed here' }[src] : 'none yet';
    if (src === 'key' && state.example && value === state.example.signing_key.trim()) {
      w = 'the example private key (ships with jot: anyone can sign with it, never use it for real tokens)';
    }
    $('sign-uses').textContent = 'key: ' + w;
  }

  const runSign = debounced(async (current) => {
    showUses();
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
      out.textContent = words('error: ' + e.error + (e.hint ? ' (hint: ' + e.hint + ')' : ''));
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


  ['sign-header', 'sign-claims', 'sign-key', 'sign-secret'].forEach((id) => $(id).addEventListener('input', runSign));
  $('sign-no_exp').addEventListener('change', runSign);
  $('sign-source').addEventListener('change', () => { showSignSource(); runSign(); });
  $('now').addEventListener('input', runSign);
  onSelect.push((name) => { if (name === 'sign') ensureSignDefaults(); });
  showSignSource();
})();
