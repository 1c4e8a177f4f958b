// jot ui: DOM helpers and the JSON tree. Everything from a token is attacker-controlled,
// so text goes in through textContent only — never innerHTML — and a claim such as
// <img src=x onerror=…> is shown as the characters it is.
'use strict';

/** An element with a class and text content. */
function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}

/** Empty a node. */
function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
}

/** A JSON scalar as a coloured span. */
function scalar(v) {
  if (v === null) return el('span', 'j-null', 'null');
  switch (typeof v) {
    case 'string': return el('span', 'j-str', JSON.stringify(v));
    case 'number': return el('span', 'j-num', String(v));
    case 'boolean': return el('span', 'j-bool', String(v));
    default: return el('span', 'j-str', JSON.stringify(v));
  }
}

/**
 * A foldable tree for a JSON value: objects and arrays are <details> (keyboard-operable,
 * open by default); `notes` maps a top-level key to a {text, state} annotation;
 * `explain(name)` gives a top-level name's meaning (shown on hover) or null.
 */
function jsonTree(value, notes, explain) {
  const root = el('div', 'j-root');
  const ctx = { notes: notes || {}, explain: explain || (() => null) };
  root.appendChild(node(value, null, true, ctx, 0));
  return root;
}

/** The hover text of a top-level member: its meaning, and its date for a time claim. */
function hover(key, ctx) {
  if (typeof key !== 'string') return null;
  const meaning = ctx.explain(key);
  const note = ctx.notes[key];
  if (!meaning && !note) return null;
  return [meaning ? key + ': ' + meaning : key, note ? note.text : null].filter((x) => x).join('\n');
}

function node(value, key, last, ctx, depth) {
  const comma = last ? '' : ',';
  const notes = ctx.notes;
  const label = (row) => {
    if (key !== null) {
      const k = el('span', 'j-key', typeof key === 'number' ? '' : JSON.stringify(key));
      const title = depth === 1 ? hover(key, ctx) : null;
      if (title) {
        k.title = title;
        if (ctx.explain(key)) k.classList.add('j-known');
      }
      row.appendChild(k);
      if (typeof key !== 'number') row.appendChild(el('span', 'j-punct', ': '));
    }
  };
  if (value !== null && typeof value === 'object') {
    const isArr = Array.isArray(value);
    const entries = isArr ? value.map((v, i) => [i, v]) : Object.entries(value);
    const [open, close] = isArr ? ['[', ']'] : ['{', '}'];
    if (entries.length === 0) {
      const row = el('div', 'j-row');
      label(row);
      row.appendChild(el('span', 'j-punct', open + close + comma));
      return row;
    }
    const det = el('details', 'j-node');
    det.open = depth < 6;
    const sum = el('summary', 'j-row');
    label(sum);
    sum.appendChild(el('span', 'j-punct', open));
    sum.appendChild(el('span', 'j-fold', ` ${entries.length} ${isArr ? 'items' : 'members'} ${close}${comma}`));
    det.appendChild(sum);
    const kids = el('div', 'j-kids');
    entries.forEach(([k, v], i) => {
      const inner = depth === 0 ? ctx : { notes: {}, explain: () => null };
      kids.appendChild(node(v, k, i === entries.length - 1, inner, depth + 1));
    });
    det.appendChild(kids);
    det.appendChild(el('div', 'j-punct j-close', close + comma));
    return det;
  }
  const row = el('div', 'j-row');
  label(row);
  row.appendChild(scalar(value));
  row.appendChild(el('span', 'j-punct', comma));
  const note = key !== null ? notes[key] : undefined;
  if (note) row.appendChild(el('span', 'j-note state-' + note.state, note.text));
  return row;
}

/**
 * jot's messages are worded for the command line (`pass --aud`, `use --key`); the page has
 * fields, not flags. Each flag becomes the field that does the same, and a flag the page
 * has no field for becomes its name in words, so no `--flag` reaches the page.
 */
const FLAG_WORDS = {
  aud: 'the aud field', iss: 'the iss field', sub: 'the sub field', leeway: 'the leeway field',
  alg: 'the alg field', 'max-age': 'the max age field', require: 'the require field',
  'allow-no-exp': '“allow no exp”', 'no-exp': '“no exp”', now: 'the Clock field',
  key: 'a key', jwks: 'a JWKS URL', oidc: 'an OpenID issuer', secret: 'a secret',
  'secret-file': 'a secret', 'passphrase-file': 'a passphrase', 'decrypt-key': 'a key in Decrypt',
  kid: 'a kid', 'max-lifetime': 'the maximum lifetime',
};
function words(text) {
  return String(text)
    .replace(/no --aud was given/g, 'the aud field is empty')
    .replace(/pass --allow-no-exp to/g, 'tick “allow no exp” to')
    .replace(/`?--([a-z][a-z0-9-]*)`?/g, (_, f) => FLAG_WORDS[f] || 'option “' + f.replace(/-/g, ' ') + '”');
}

/** Fill a list with one message per string (or hide it when there are none). */
function fillList(list, items, cls) {
  clear(list);
  (items || []).forEach((t) => list.appendChild(el('li', cls || '', words(t))));
  list.hidden = !items || items.length === 0;
}

/** Show an API error (with its hint) in a box, or hide the box. */
function showError(box, err) {
  clear(box);
  if (!err) {
    box.hidden = true;
    return;
  }
  box.appendChild(el('span', 'err-msg', 'error: ' + words(err.error || String(err))));
  if (err.hint) box.appendChild(el('span', 'err-hint', 'hint: ' + words(err.hint)));
  box.hidden = false;
}

/** Run `fn` `ms` after the last call; only the newest call's result is applied. */
function debounced(fn, ms) {
  let timer = null;
  let seq = 0;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const mine = ++seq;
      fn(() => mine === seq);
    }, ms);
  };
}

window.jotRender = { el, clear, jsonTree, fillList, showError, debounced, words };
