// Shared set-up for the browser tests, one harness for both engines: each test
// is written once and runs in Chromium (CDP) and in Firefox ESR (WebDriver
// BiDi), both driven by puppeteer-core (tools/lib/browsers.mjs). The engine of
// a run is STREAKBOX_ENGINE ('chromium' by default); tools/test runs the suite
// once per engine.
//
// Browsers get a persistent profile (so OPFS survives a restart) and the built
// site is served on a port of its own per test (OPFS is per origin, so the port
// stays the same between restarts of one test).
//
// Pages are wrapped (AppPage below) with the small, Playwright-like API the
// tests use; selectors are CSS plus `X:has-text("T")` (case-insensitive,
// whitespace-normalized substring of X's text; later parts of the selector are
// searched inside X).
import { after, test as nodeTest } from 'node:test';
import { mkdtempSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ENGINES, launchBrowser } from '../../tools/lib/browsers.mjs';
import { serveStatic } from '../../tools/lib/static-server.mjs';

export const ROOT = resolve(new URL('../..', import.meta.url).pathname);
export const SITE = join(ROOT, 'build', 'site');
export const ENGINE = process.env.STREAKBOX_ENGINE || 'chromium';
if (!ENGINES.includes(ENGINE)) throw new Error(`STREAKBOX_ENGINE=${ENGINE}: not one of ${ENGINES.join(', ')}`);

const VIEWPORT = { width: 1100, height: 800 };
const DEFAULT_TIMEOUT = 30000;

/**
 * node:test's test, registered only where it can run: `options.engines` lists
 * the engines a test needs (all by default). A test limited to some engines
 * must say so in its name, e.g. "… (Chromium only: showDirectoryPicker)".
 */
export function test(name, options, fn) {
  if (typeof options === 'function') return nodeTest(name, options);
  const { engines = ENGINES, ...rest } = options;
  if (!engines.includes(ENGINE)) return undefined;
  return nodeTest(name, rest, fn);
}

/**
 * Serves the site on a free port under `base`. Returns {url, close(), reopen()}:
 * close() stops serving (the browser is then offline for this origin), reopen()
 * serves again on the same port, so the same origin.
 */
export async function serveSite(base = '/') {
  let port = 0;  // the system picks a free one; reopen() keeps it
  let server = null;
  const site = {
    url: null,
    async reopen() {
      ({ server, url: site.url } = await serveStatic(SITE, { port, base }));
      port = server.address().port;
    },
    close() {
      const s = server;
      server = null;
      if (!s) return Promise.resolve();
      s.closeAllConnections?.();
      return new Promise((r) => s.close(r));
    },
  };
  await site.reopen();
  return site;
}

/** A new, empty browser profile dir (the browser's data in `profile/`, downloads in `downloads/`); remove() deletes it. */
export function newProfileDir() {
  const dir = mkdtempSync(join(tmpdir(), `streakbox-e2e-${ENGINE}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Launches this run's engine on the profile dir `dir` (see newProfileDir).
 * `private: true` (Firefox) opens private windows, where OPFS is refused.
 * Returns {context, errors}: page errors, console errors and failed requests
 * of every page collect in `errors`.
 */
export async function launch(dir, options = {}) {
  const { browser, downloadDir } = await launchIn(dir, options);
  const errors = [];
  return { context: new Context(browser, { downloadDir, scratchDir: dir, errors, ownsBrowser: true }), errors };
}

async function launchIn(dir, { private: privateMode = false, prefs = {} } = {}) {
  const userDataDir = join(dir, 'profile');
  const downloadDir = join(dir, 'downloads');
  mkdirSync(userDataDir, { recursive: true });
  mkdirSync(downloadDir, { recursive: true });
  return { browser: await launchBrowser(ENGINE, { userDataDir, downloadDir, privateMode, prefs }), downloadDir };
}

// One browser per test file for withBrowser() without launch options (a
// launch costs seconds, Firefox's the most). Tests stay apart because each
// serves the site on a port of its own, so each is a new origin with empty
// storage (OPFS, IndexedDB, locks, service worker); a test's pages are closed
// after it. Closed when the file's tests are done.
let shared = null;
function sharedBrowser() {
  if (!shared) {
    const profile = newProfileDir();
    // A blank tab stays open throughout: a browser whose last tab closes quits.
    shared = { profile, launched: launchIn(profile.dir).then(async (l) => { await l.browser.newPage(); return l; }) };
  }
  return shared.launched;
}

// Registered when the file loads (a hook registered inside a test would run after that test).
after(async () => {
  if (!shared) return;
  await (await shared.launched).browser.close().catch(() => {});
  shared.profile.remove();
});

// One running browser: its pages share the origin's storage (tabs of one window).
// Pages of one browser opened by one test. `ownsBrowser`: close() closes the
// browser itself; otherwise (the shared browser) only the pages opened here.
class Context {
  constructor(browser, { downloadDir, scratchDir, errors, ownsBrowser }) {
    this.browser = browser;
    this.downloadDir = downloadDir;
    this.scratchDir = scratchDir;
    this.errors = errors;
    this.ownsBrowser = ownsBrowser;
    this.wrapped = new Map();
    this.scratchCount = 0;  // numbers the scratch folders of uploads and downloads
  }

  async newPage() {
    const raw = await this.browser.newPage();
    await raw.setViewport(VIEWPORT);
    return this.wrap(raw);
  }

  wrap(raw) {
    if (!this.wrapped.has(raw)) {
      watch(raw, this.errors);
      this.wrapped.set(raw, new AppPage(raw, this));
    }
    return this.wrapped.get(raw);
  }

  /** Closes the browser (or this test's pages of the shared one) as a user would: it may finish what it is doing. */
  async close() {
    if (this.ownsBrowser) {
      await this.browser.close();
      return;
    }
    await Promise.all([...this.wrapped.keys()].map((raw) => raw.close().catch(() => {})));
    // Anything this test downloaded without download() goes too, so the next test's file keeps its name.
    for (const name of readdirSync(this.downloadDir)) rmSync(join(this.downloadDir, name), { recursive: true, force: true });
  }

  /** Kills the browser process at once: a crash, a power cut. Only for a browser of its own (launch()). */
  async kill() {
    if (!this.ownsBrowser) throw new Error('kill() needs a browser of its own: use launch()');
    const proc = this.browser.process();
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGKILL');
    await exited;
    await this.browser.disconnect().catch(() => {});
  }
}

// Collects what a user would call a broken page: uncaught errors, console
// errors, and failed requests (by URL; the browser's own favicon probe aside).
function watch(page, errors) {
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/^Failed to load resource/.test(m.text())) errors.push(`console: ${m.text()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && !/\/favicon\.ico$/.test(r.url())) errors.push(`http ${r.status()}: ${r.url()}`);
  });
}

// In-page: the elements `spec` names. spec.parts alternates CSS and text
// filters: [css0, text0, css1, text1, …, cssN]; each later CSS part searches
// inside the elements found so far (an empty part keeps them).
function findAll(spec) {
  const norm = (s) => s.replace(/\s+/g, ' ').trim().toLowerCase();
  let found = [document];
  spec.parts.forEach((part, i) => {
    if (i % 2 === 1) {
      const want = norm(part);
      found = found.filter((el) => norm(el.textContent || '').includes(want));
    } else if (part.trim()) {
      const css = i === 0 ? part : `:scope ${part}`;
      found = [...new Set(found.flatMap((root) => [...root.querySelectorAll(css)]))];
    }
  });
  return found.filter((el) => el !== document);
}

// In-page: whether `el` would be seen (Playwright's notion of visible).
function isShown(el) {
  if (!el || !el.isConnected) return false;
  const style = getComputedStyle(el);
  if (style.visibility === 'hidden') return false;
  const box = el.getBoundingClientRect();
  return box.width > 0 && box.height > 0;
}

// An in-page expression calling fn(...args) with findAll and isShown in scope
// (composed as source, so no eval runs in the page).
function inPage(fn, ...args) {
  return `(() => { const findAll = ${findAll}; const isShown = ${isShown}; return (${fn})(...${JSON.stringify(args)}); })()`;
}

const HAS_TEXT = /:has-text\((["'])(.*?)\1\)/;

function parseSelector(selector) {
  const parts = [];
  let rest = selector;
  for (let m = rest.match(HAS_TEXT); m; m = rest.match(HAS_TEXT)) {
    parts.push(rest.slice(0, m.index) || '*', m[2]);
    rest = rest.slice(m.index + m[0].length);
  }
  parts.push(rest);
  return { parts };
}

// The page a test drives. Actions wait (up to `timeout`) for their element the
// way a person would: present, visible and, for clicks, enabled.
class AppPage {
  constructor(raw, context) {
    this.raw = raw;
    this.context = context;
    // Keys go to the focused element of the front tab.
    // 'Space' is the space bar's key (BiDi knows it only as ' ').
    this.keyboard = { press: async (key) => { await this.toFront(); await raw.keyboard.press(key === 'Space' ? ' ' : key); } };
  }

  url() { return this.raw.url(); }
  goto(url) { return this.raw.goto(url, { waitUntil: 'load' }); }
  reload() { return this.raw.reload({ waitUntil: 'load' }); }
  close() { return this.raw.close(); }
  setViewport(size) { return this.raw.setViewport(size); }
  screenshot(options) { return this.raw.screenshot(options); }
  evaluate(fn, arg) { return this.raw.evaluate(fn, arg); }
  /** fn(element) / fn(elements) for a plain CSS selector, at once (no waiting). */
  $eval(selector, fn, arg) { return this.raw.$eval(selector, fn, arg); }
  $$eval(selector, fn, arg) { return this.raw.$$eval(selector, fn, arg); }

  /** Runs `fn(arg)` in every new document of this page before its scripts. */
  evaluateOnNewDocument(fn, arg) { return this.raw.evaluateOnNewDocument(fn, arg); }

  waitForFunction(fn, arg, { timeout = DEFAULT_TIMEOUT } = {}) {
    return this.raw.waitForFunction(fn, { timeout, polling: 50 }, arg);
  }

  /** Waits until `selector` is in `state`: 'visible' (default), 'attached', 'hidden' or 'detached'. */
  async waitForSelector(selector, { state = 'visible', timeout = DEFAULT_TIMEOUT } = {}) {
    const spec = parseSelector(selector);
    try {
      await this.raw.waitForFunction(inPage((spec, state) => {
        const els = findAll(spec);
        if (state === 'attached') return els.length > 0;
        if (state === 'detached') return els.length === 0;
        const anyShown = els.some(isShown);
        return state === 'hidden' ? !anyShown : anyShown;
      }, spec, state), { timeout, polling: 50 });
    } catch (e) {
      throw new Error(`waitForSelector(${selector}, ${state}): ${e.message}`);
    }
  }

  // Input goes to the front tab (a background tab gets no animation frames, so
  // a click there never lands): the page acted on is brought to the front
  // first, every time (closing a tab brings another one forward).
  async toFront() {
    await this.raw.bringToFront();
  }

  // The first element of `selector` once it is in `state`, as a puppeteer handle.
  async handle(selector, { state = 'attached', enabled = false, timeout = DEFAULT_TIMEOUT } = {}) {
    const spec = parseSelector(selector);
    try {
      const h = await this.raw.waitForFunction(inPage((spec, state, enabled) =>
        findAll(spec).find((el) => (state !== 'visible' || isShown(el)) && !(enabled && el.disabled)) || null,
      spec, state, enabled), { timeout, polling: 50 });
      return h.asElement();
    } catch (e) {
      throw new Error(`${selector} (${state}${enabled ? ', enabled' : ''}): ${e.message}`);
    }
  }

  async click(selector, options = {}) {
    const h = await this.handle(selector, { state: 'visible', enabled: true, ...options });
    await this.toFront();
    await h.click();
  }

  /** Replaces the value of an input or textarea, as typing would (input and change events). */
  async fill(selector, text) {
    const h = await this.handle(selector, { state: 'visible', enabled: true });
    await h.evaluate((el, value) => {
      el.focus();
      el.value = value;
      el.dispatchEvent(new Event('input', { bubbles: true }));
      el.dispatchEvent(new Event('change', { bubbles: true }));
    }, text);
  }

  async setChecked(selector, want) {
    const h = await this.handle(selector, { state: 'visible', enabled: true });
    await this.toFront();
    if ((await h.evaluate((el) => el.checked)) !== want) await h.click();
    if ((await h.evaluate((el) => el.checked)) !== want) throw new Error(`${selector}: still ${want ? 'unchecked' : 'checked'} after a click`);
  }

  check(selector) { return this.setChecked(selector, true); }
  uncheck(selector) { return this.setChecked(selector, false); }

  async focus(selector) {
    const h = await this.handle(selector, { state: 'visible' });
    await this.toFront();
    await h.focus();
  }

  async textContent(selector) {
    return (await this.handle(selector)).evaluate((el) => el.textContent);
  }

  async getAttribute(selector, name) {
    return (await this.handle(selector)).evaluate((el, n) => el.getAttribute(n), name);
  }

  async inputValue(selector) {
    return (await this.handle(selector)).evaluate((el) => el.value);
  }

  async isChecked(selector) {
    return (await this.handle(selector)).evaluate((el) => el.checked);
  }

  /** Whether `selector` is visible now (no waiting). */
  isVisible(selector) {
    return this.raw.evaluate(inPage((spec) => findAll(spec).some(isShown), parseSelector(selector)));
  }

  async isHidden(selector) {
    return !(await this.isVisible(selector));
  }

  /** How many elements `selector` names now. */
  count(selector) {
    return this.raw.evaluate(inPage((spec) => findAll(spec).length, parseSelector(selector)));
  }

  /**
   * Puts files into a file input, as the file picker would. `files`: a path,
   * paths, or {name, mimeType, buffer} (written to a scratch file of that name).
   */
  async setInputFiles(selector, files) {
    const list = (Array.isArray(files) ? files : [files]).map((f) => {
      if (typeof f === 'string') return f;
      const dir = join(this.context.scratchDir, `upload-${++this.context.scratchCount}`);
      mkdirSync(dir, { recursive: true });
      const path = join(dir, f.name);
      writeFileSync(path, f.buffer);
      return path;
    });
    const h = await this.handle(selector);
    await h.uploadFile(...list);
  }

  /**
   * Runs `action` (which should make the browser download a file) and resolves
   * to the downloaded file, {name, path}, once the browser has finished saving
   * it. The file is moved into the test's scratch folder (the browser's
   * download folder stays empty, so a later file of the same name keeps it).
   */
  async download(action, { timeout = DEFAULT_TIMEOUT } = {}) {
    const dir = this.context.downloadDir;
    const before = new Set(readdirSync(dir));
    await action();
    const deadline = Date.now() + timeout;
    let seen = null;
    for (;;) {
      const done = readdirSync(dir).filter((n) => !before.has(n) && !/\.(crdownload|part)$/.test(n));
      const partial = readdirSync(dir).some((n) => /\.(crdownload|part)$/.test(n));
      if (done.length > 1) throw new Error(`more than one download: ${done.join(', ')}`);
      if (done.length === 1 && !partial) {
        const path = join(dir, done[0]);
        const size = statSync(path).size;
        if (seen && seen.name === done[0] && seen.size === size) {
          const kept = join(this.context.scratchDir, `download-${++this.context.scratchCount}`);
          mkdirSync(kept, { recursive: true });
          renameSync(path, join(kept, done[0]));
          return { name: done[0], path: join(kept, done[0]) };
        }
        seen = { name: done[0], size };
      }
      if (Date.now() > deadline) throw new Error(`no download finished within ${timeout} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** Opens `url` in a new page and waits until window.streakbox is ready (or not the owner). */
export async function openApp(context, url) {
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => window.streakbox && window.streakbox.state.state !== 'opening', null, { timeout: 30000 });
  return page;
}

/**
 * Opens the app with one profile, "Mom", holding a task "Run" checked today,
 * reloaded so the UI shows it. Returns the page.
 */
export async function openWithMom(context, url) {
  const page = await openApp(context, url);
  await page.evaluate(async () => {
    const s = window.streakbox;
    const p = await s.createProfile({ name: 'Mom' });
    const t = await s.createTask(p, { title: 'Run' });
    await s.setCheck(p, t, s.today(), true);
  });
  await page.reload();
  await page.waitForFunction(() => window.streakbox.state.state === 'ready');
  return page;
}

/**
 * Serves the site (under `base`) on a new origin, opens this run's engine
 * (the file's shared browser, or with `private`/`prefs` as for launch() one of
 * its own), runs fn({context, errors, url, profileDir, site, engine}) and
 * always cleans up: the set-up every test shares. `profileDir` is the test's
 * scratch folder.
 */
export async function withBrowser(fn, { base = '/', ...launchOptions } = {}) {
  const site = await serveSite(base);
  const profile = newProfileDir();
  let context, errors;
  if (Object.keys(launchOptions).length > 0) {
    ({ context, errors } = await launch(profile.dir, launchOptions));
  } else {
    const { browser, downloadDir } = await sharedBrowser();
    errors = [];
    context = new Context(browser, { downloadDir, scratchDir: profile.dir, errors, ownsBrowser: false });
  }
  try {
    return await fn({ context, errors, url: site.url, profileDir: profile.dir, site, engine: ENGINE });
  } finally {
    await context.close().catch(() => {});
    profile.remove();
    await site.close();
  }
}
