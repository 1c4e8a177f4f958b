// jot ui: the first screen and the Clear button. With no token given, the page loads jot's
// example (a made-up token signed now, its public key, the same token encrypted and the
// decryption key, the example signing key, from /api/example) so every panel shows something, and says it is an
// example. Clear empties the token and every key field.
'use strict';
(() => {
  const { api, $, now, token, state, everything, keysChanged } = window.jotApp;
  const FIELDS = ['token', 'verify-key', 'verify-secret', 'verify-jwks_url', 'verify-oidc', 'verify-iss',
    'verify-aud', 'verify-sub', 'verify-leeway', 'verify-alg', 'verify-max_age', 'verify-require',
    'decrypt-key', 'decrypt-secret', 'decrypt-passphrase', 'sign-key', 'sign-secret'];
  const CHECKS = ['verify-allow_no_exp', 'audit-use-verify-key'];

  /** The example banner shows while the token above is the example's. */
  function showNote() {
    const t = token().trim();
    $('example-note').hidden = !state.example || (t !== state.example.token && t !== state.example.jwe);
  }

  function setSource(id, value) {
    $(id).value = value;
    $(id).dispatchEvent(new Event('change'));
  }

  function refresh() {
    showNote();
    everything();
    keysChanged();
  }

  async function load() {
    const before = token();
    try {
      const e = await api('example', { now: now() });
      // Typed or pasted while the example was on its way: what the user gave wins.
      if (token() !== before) return;
      state.example = e;
      $('token').value = e.token;
      setSource('verify-source', 'key');
      $('verify-key').value = e.key;
      $('verify-iss').value = e.iss;
      $('verify-aud').value = e.aud;
      setSource('decrypt-source', 'key');
      $('decrypt-key').value = e.jwe_key;
      setSource('sign-source', 'key');
      $('sign-key').value = e.signing_key;
      $('sign-key').dispatchEvent(new Event('input'));
      refresh();
    } catch (err) {
      // The page works without its example; the token field stays empty.
    }
  }

  function clearAll() {
    FIELDS.forEach((id) => { $(id).value = ''; });
    CHECKS.forEach((id) => { $(id).checked = false; });
    setSource('verify-source', 'key');
    setSource('decrypt-source', 'key');
    setSource('sign-source', 'key');
    refresh();
    $('token').focus();
  }

  $('example').addEventListener('click', load);
  $('clear').addEventListener('click', clearAll);
  $('token').addEventListener('input', showNote);
  if (!token().trim()) load();
})();
