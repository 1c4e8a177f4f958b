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
 * open by default); `notes` maps a top-level key to a {text, state} annotation.
 */
function jsonTree(value, notes) {
  const root = el('div', 'j-root');
  root.appendChild(node(value, null, true, notes || {}, 0));
  return root;
}

function node(value, key, last, notes, depth) {
  const comma = last ? '' : ',';
  const label = (row) => {
    if (key !== null) {
      row.appendChild(el('span', 'j-key', typeof key === 'number' ? '' : JSON.stringify(key)));
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
      kids.appendChild(node(v, k, i === entries.length - 1, depth === 0 ? notes : {}, depth + 1));
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

/** Fill a list with one item per string (or hide it when there are none). */
function fillList(list, items, cls) {
  clear(list);
  (items || []).forEach((t) => list.appendChild(el('li', cls || '', t)));
  list.hidden = !items || items.length === 0;
}

/** Show an API error (with its hint) in a box, or hide the box. */
function showError(box, err) {
  clear(box);
  if (!err) {
    box.hidden = true;
    return;
  }
  box.appendChild(el('span', 'err-msg', 'error: ' + (err.error || String(err))));
  if (err.hint) box.appendChild(el('span', 'err-hint', 'hint: ' + err.hint));
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

window.jotRender = { el, clear, jsonTree, fillList, showError, debounced };
