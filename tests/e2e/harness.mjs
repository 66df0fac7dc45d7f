// Shared set-up for the browser tests: Debian's Chromium driven by
// playwright-core, a persistent profile (so OPFS survives a browser restart),
// and the built site served on a fixed port (OPFS is per origin, so the port
// must not change between restarts of one test).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { serveStatic } from '../../tools/lib/static-server.mjs';

export const ROOT = resolve(new URL('../..', import.meta.url).pathname);
export const SITE = join(ROOT, 'build', 'site');

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let nextPort = 18000 + (process.pid % 1000) * 10;

/** Serves the site on a fresh port under `base`. Returns {url, close()}. */
export async function serveSite(base = '/') {
  const { server, url } = await serveStatic(SITE, { port: nextPort++, base });
  return { url, close: () => new Promise((r) => server.close(r)) };
}

/** A new, empty Chromium user data dir; remove() deletes it. */
export function newProfileDir() {
  const dir = mkdtempSync(join(tmpdir(), 'streakbox-e2e-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Launches Chromium on `userDataDir`. Page errors fail loudly through `errors`. */
export async function launch(userDataDir, options = {}) {
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium', headless: true, args: ARGS,
    acceptDownloads: true, viewport: { width: 1100, height: 800 }, ...options,
  });
  const errors = [];
  context.on('page', (p) => watch(p, errors));
  for (const p of context.pages()) watch(p, errors);
  return { context, errors };
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
 * Serves the site (under `base`), launches Chromium on a fresh profile, runs
 * fn({context, errors, url}) and always cleans up: the set-up every test shares.
 */
export async function withBrowser(fn, { base = '/' } = {}) {
  const site = await serveSite(base);
  const profile = newProfileDir();
  const { context, errors } = await launch(profile.dir);
  try {
    return await fn({ context, errors, url: site.url, profileDir: profile.dir });
  } finally {
    await context.close();
    profile.remove();
    await site.close();
  }
}
