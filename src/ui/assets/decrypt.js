// jot ui: the Decrypt panel, `jot decode --decrypt-key` for the token above when it is a
// JWE: its protected header, then the nested token (decoded, not verified) or the
// plaintext. Decryption is a POST to the local jot process; the key never leaves it.
'use strict';
(() => {
  const { el, clear, jsonTree, fillList, debounced, words } = window.jotRender;
  const { explain } = window.jotClaims;
  const { api, $, now, token, state, select, everything, onToken } = window.jotApp;
  const SOURCES = ['key', 'secret', 'passphrase'];
  const explainHeader = (k) => explain(k, 'header');
  const explainClaim = (k) => explain(k, 'payload');

  function showSource() {
    const src = $('decrypt-source').value;
    document.querySelectorAll('[data-decrypt-source]').forEach((d) => { d.hidden = d.dataset.decryptSource !== src; });
  }

  /** Which key the panel uses, in words (the example's is named as such). */
  function keyWords() {
    const src = $('decrypt-source').value;
    const value = $('decrypt-' + src).value.trim();
    if (!value) return null;
    if (src === 'key' && state.example && value === state.example.jwe_key.trim()) return 'the example decryption key (ships with jot)';
    return { key: 'the key pasted in Decrypt', secret: 'the symmetric key typed in Decrypt', passphrase: 'the passphrase typed in Decrypt' }[src];
  }

  /** Empty every output and show `msg`: nothing of an earlier token stays. */
  function reset(msg, cls) {
    const verdict = $('decrypt-verdict');
    verdict.className = 'verdict' + (cls ? ' ' + cls : '');
    verdict.textContent = words(msg);
    ['decrypt-header', 'decrypt-inner-token', 'decrypt-inner-header', 'decrypt-inner-payload', 'decrypt-plaintext'].forEach((id) => clear($(id)));
    fillList($('decrypt-inner-warnings'), []);
    ['decrypt-header-box', 'decrypt-inner-box', 'decrypt-plaintext-box'].forEach((id) => { $(id).hidden = true; });
    state.innerToken = '';
  }

  function showPlaintext(p) {
    const box = $('decrypt-plaintext');
    if (p.kind === 'nested') {
      const inner = p.inner;
      state.innerToken = p.token;
      $('decrypt-inner-token').textContent = p.token;
      fillList($('decrypt-inner-warnings'), inner.warnings, 'warn');
      $('decrypt-inner-header').appendChild(jsonTree(inner.header, {}, explainHeader));
      const notes = {};
      (inner.times || []).forEach((n) => { notes[n.claim] = { text: (n.utc ? n.utc + ' · ' : '') + n.phrase, state: n.state }; });
      $('decrypt-inner-payload').appendChild(jsonTree(inner.payload, notes, explainClaim));
      $('decrypt-inner-box').hidden = false;
      return 'a nested token (below, not yet verified: use it above and check it in Verify)';
    }
    $('decrypt-plaintext-box').hidden = false;
    if (p.kind === 'json') box.appendChild(jsonTree(p.value));
    else if (p.kind === 'text') box.appendChild(el('pre', 'code', p.value));
    else {
      box.appendChild(el('p', 'note', p.bytes + ' bytes of binary data, shown as base64url:'));
      box.appendChild(el('pre', 'code', p.value));
    }
    return 'the plaintext below';
  }

  const run = debounced(async (current) => {
    $('decrypt-uses').textContent = 'key: ' + (keyWords() || 'none yet');
    let t = token();
    const src = $('decrypt-source').value;
    const value = $('decrypt-' + src).value;
    const exampleJwe = state.example ? state.example.jwe : null;
    $('decrypt-try-example').hidden = !exampleJwe || t.trim() === exampleJwe;
    // The example token is signed; its encrypted twin shows what this panel does.
    const twin = !!state.example && t.trim() === state.example.token;
    $('decrypt-from').hidden = !twin;
    if (twin) t = exampleJwe;
    if (!t.trim()) return reset('paste an encrypted token above');
    if (!value.trim()) return reset('paste the key that decrypts it');
    try {
      const d = await api('decrypt', { token: t, now: now(), [src]: value });
      if (!current()) return;
      reset('');
      if (d.header) {
        $('decrypt-header').appendChild(jsonTree(d.header, {}, explainHeader));
        $('decrypt-header-box').hidden = false;
      }
      const verdict = $('decrypt-verdict');
      if (!d.encrypted) {
        verdict.textContent = words(d.reason + ' (hint: ' + d.hint + ')');
        return;
      }
      if (!d.decrypted) {
        verdict.className = 'verdict invalid';
        verdict.textContent = words('cannot decrypt: ' + d.reason + (d.hint ? ' (hint: ' + d.hint + ')' : ''));
        return;
      }
      const what = showPlaintext(d.plaintext);
      verdict.className = 'verdict valid';
      verdict.textContent = 'decrypted (' + d.alg + ', ' + d.enc + ') with ' + d.keys.join(', ') + ': ' + what;
    } catch (e) {
      if (!current()) return;
      reset('error: ' + e.error + (e.hint ? ' (hint: ' + e.hint + ')' : ''), 'error');
    }
  }, 250);

  $('decrypt-source').addEventListener('change', () => { showSource(); run(); });
  SOURCES.forEach((s) => $('decrypt-' + s).addEventListener('input', run));
  $('decrypt-use-inner').addEventListener('click', () => {
    if (!state.innerToken) return;
    $('token').value = state.innerToken;
    everything();
    select('decode', true);
  });
  $('decrypt-try-example').addEventListener('click', () => {
    if (!state.example) return;
    $('token').value = state.example.jwe;
    $('decrypt-source').value = 'key';
    showSource();
    $('decrypt-key').value = state.example.jwe_key;
    $('token').dispatchEvent(new Event('input'));
  });
  onToken.push(run);
  showSource();
  run();
})();
