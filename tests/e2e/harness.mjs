// Shared setup of the browser tests: a `jot ui` process on 127.0.0.1 (OS-chosen port, it
// stops by itself), headless Debian chromium with a fresh profile, every request and page
// error recorded, and helpers to run jot and wait for text.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const JOT = process.env.JOT_BIN || path.resolve(here, '../../target/debug/jot');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const OUT = process.env.JOT_E2E_OUT || path.join(here, 'output');
export const DOCS = path.resolve(here, '../../docs/ui');
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Start jot ui and a browser on its page; `s.close()` stops both. */
export async function session() {
  const s = { requests: [], pageErrors: [] };
  s.tmp = mkdtempSync(path.join(tmpdir(), 'jot-e2e-'));
  mkdirSync(OUT, { recursive: true });
  s.jot = (...args) => execFileSync(JOT, args, { cwd: s.tmp, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  s.server = spawn(JOT, ['ui', '--addr', '127.0.0.1:0', '--timeout', '240s'], { stdio: ['ignore', 'pipe', 'pipe'] });
  s.url = await new Promise((resolve, reject) => {
    let buf = '';
    s.server.stdout.on('data', (d) => {
      buf += d;
      if (buf.includes('\n')) resolve(buf.split('\n')[0].trim());
    });
    s.server.on('exit', (c) => reject(new Error('jot ui exited with ' + c)));
  });
  s.origin = new URL(s.url).origin;
  s.context = await chromium.launchPersistentContext(path.join(s.tmp, 'profile'), {
    executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 1280, height: 800 },
  });
  s.context.on('request', (r) => s.requests.push(r.url()));
  s.pending = new Map();
  s.context.on('request', (r) => s.pending.set(r, Date.now()));
  s.context.on('requestfinished', (r) => s.pending.delete(r));
  s.context.on('requestfailed', (r) => s.pending.delete(r));
  s.page = s.context.pages()[0] || (await s.context.newPage());
  s.page.on('pageerror', (e) => s.pageErrors.push(String(e)));
  s.page.on('console', (m) => { if (m.type() === 'error') s.pageErrors.push(m.text()); });
  /** Wait until the element's text matches `re`. */
  s.waitText = async (sel, re, timeout = 30000) => {
    try {
      await s.page.waitForFunction(([q, src, flags]) => {
        const e = document.querySelector(q);
        return !!e && new RegExp(src, flags).test(e.textContent);
      }, [sel, re.source, re.flags], { timeout });
    } catch (e) {
      const now = await s.page.textContent(sel).catch(() => null);
      const pending = [...s.pending.entries()].map(([r, t]) => r.url().replace(/\?.*/, '') + ' ' + (Date.now() - t) + 'ms');
      throw new Error(`${sel} never matched ${re}: it shows ${JSON.stringify(now)}; pending: ${pending.join(', ')}`);
    }
  };
  s.close = async () => {
    if (s.context) await s.context.close();
    if (s.server) s.server.kill();
    rmSync(s.tmp, { recursive: true, force: true });
  };
  await s.page.goto(s.url);
  return s;
}
