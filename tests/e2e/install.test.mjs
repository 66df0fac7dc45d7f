// Streakbox as an installed app, in both engines: served from a sub-path, the
// manifest's start URL opens with the server gone once the service worker has
// installed, with the manifest and icons served from its cache; and Chromium
// finds nothing that stops it from installing the app.
import assert from 'node:assert/strict';
import { openApp, test, withBrowser } from './harness.mjs';

const BASE = '/apps/streakbox/';

// Waits until the service worker controls `page` (it claims its clients on
// activation), so everything it cached can be served without the network.
const controlled = (page) => page.waitForFunction(() => Boolean(navigator.serviceWorker.controller), null, { timeout: 30000 });

// The manifest as the page links it: {url, startUrl, icons: [absolute URLs]}.
const linkedManifest = (page) => page.evaluate(async () => {
  const url = document.querySelector('link[rel="manifest"]').href;
  const m = await (await fetch(url)).json();
  return {
    url,
    startUrl: new URL(m.start_url, url).href,
    icons: [...m.icons.map((i) => new URL(i.src, url).href), document.querySelector('link[rel="apple-touch-icon"]').href],
  };
});

test('the start URL opens offline from a sub-path once the service worker is installed', () => withBrowser(async ({ context, errors, url, site }) => {
  const first = await openApp(context, url);
  await controlled(first);
  const manifest = await linkedManifest(first);
  assert.equal(manifest.startUrl, url, 'the start URL is the sub-path the app was served from');
  // The database belongs to one tab at a time: close this one first.
  await first.close();
  await site.close();

  const page = await openApp(context, manifest.startUrl);
  assert.equal(await page.evaluate(() => window.streakbox.state.state), 'ready');
  const statuses = await page.evaluate(async (urls) => Promise.all(urls.map(async (u) => {
    const r = await fetch(u).catch((e) => ({ status: `not fetched (${e.message})`, headers: new Headers() }));
    return `${r.status} ${r.headers.get('content-type')}`;
  })), [manifest.url, ...manifest.icons]);
  assert.deepEqual(statuses, ['200 application/manifest+json', ...manifest.icons.map((u) => (u.endsWith('.svg') ? '200 image/svg+xml' : '200 image/png'))],
    'the manifest and every icon come from the cache');
  // The app works, not just its page: a profile can be made offline.
  await page.evaluate(() => window.streakbox.createProfile({ name: 'Mom' }));
  assert.deepEqual(await page.evaluate(async () => (await window.streakbox.listProfiles()).map((p) => p.name)), ['Mom']);
  assert.deepEqual(errors, []);
}, { base: BASE }));

test('Chromium reports no installability errors and parses the manifest cleanly (Chromium only: CDP)', { engines: ['chromium'] }, () => withBrowser(async ({ context, errors, url }) => {
  const page = await openApp(context, url);
  await controlled(page);
  const cdp = await page.raw.createCDPSession();
  const manifest = await cdp.send('Page.getAppManifest');
  assert.deepEqual(manifest.errors, [], 'no manifest parse errors');
  assert.equal(manifest.url, new URL('manifest.webmanifest', url).href);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  assert.deepEqual(installabilityErrors, []);
  assert.deepEqual(errors, []);
}, { base: BASE }));
