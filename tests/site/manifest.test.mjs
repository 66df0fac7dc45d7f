// The built site (build/site) as an installable web app: the manifest is
// linked, served as a web manifest and valid, its icons are the PNGs it
// declares (a maskable one with its safe zone respected), its start URL and
// scope stay inside the sub-path the site is served from, and the service
// worker caches the manifest and the icons. Served under /apps/streakbox/ as
// any static host could (tools/lib/static-server.mjs, the server tools/serve uses).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serveStatic } from '../../tools/lib/static-server.mjs';
import { pngHeader, pngPixels } from './png.mjs';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const SITE = join(ROOT, 'build', 'site');
const BASE = '/apps/streakbox/';

let server, base, page, manifestUrl, manifestResponse, manifest;

before(async () => {
  ({ server, url: base } = await serveStatic(SITE, { port: 0, base: BASE }));
  page = await (await fetch(base)).text();
  const link = /<link rel="manifest" href="([^"]+)">/.exec(page);
  assert.ok(link, 'index.html links a manifest');
  manifestUrl = new URL(link[1], base).href;
  manifestResponse = await fetch(manifestUrl);
  manifest = await manifestResponse.clone().json();
});
after(() => new Promise((r) => server.close(r)));

const bytes = async (url) => {
  const r = await fetch(url);
  assert.equal(r.status, 200, url);
  return { type: r.headers.get('content-type'), body: Buffer.from(await r.arrayBuffer()) };
};

test('the manifest is served with the web manifest content type', () => {
  assert.equal(manifestResponse.status, 200);
  assert.equal(manifestResponse.headers.get('content-type').split(';')[0], 'application/manifest+json');
});

test('the manifest has the members that make it installable', () => {
  for (const key of ['id', 'name', 'short_name', 'description', 'start_url', 'scope', 'theme_color', 'background_color']) {
    assert.equal(typeof manifest[key], 'string', key);
    assert.ok(manifest[key].length > 0, key);
  }
  assert.ok(manifest.short_name.length <= 12, 'short_name fits under a home-screen icon');
  assert.equal(manifest.display, 'standalone');
  for (const key of ['theme_color', 'background_color']) assert.match(manifest[key], /^#[0-9a-f]{6}$/i, key);
  assert.equal(manifest.theme_color, /<meta name="theme-color" content="([^"]+)">/.exec(page)[1], 'the page and the manifest agree on the theme colour');
});

test('start_url and scope resolve inside the sub-path the site is served from', () => {
  const start = new URL(manifest.start_url, manifestUrl);
  const scope = new URL(manifest.scope, manifestUrl);
  assert.equal(scope.href, base, 'the scope is the folder the site is served from');
  assert.ok(start.href.startsWith(scope.href), `${start.href} is within ${scope.href}`);
  // id resolves against the start URL's origin (the spec): same origin, so it
  // names one Streakbox per origin, which is also what shares one database.
  assert.equal(new URL(manifest.id, start.origin).origin, start.origin);
});

test('the start URL serves the app', async () => {
  const r = await fetch(new URL(manifest.start_url, manifestUrl));
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^text\/html/);
  assert.equal(await r.text(), page);
});

test('every icon fetches and is a PNG of its declared size, or the SVG', async () => {
  assert.ok(manifest.icons.length > 0);
  for (const icon of manifest.icons) {
    const { type, body } = await bytes(new URL(icon.src, manifestUrl));
    assert.equal(type.split(';')[0], icon.type, icon.src);
    if (icon.type === 'image/svg+xml') {
      assert.equal(icon.sizes, 'any');
      assert.match(body.toString('utf8'), /^<svg[\s>]/, icon.src);
      continue;
    }
    assert.equal(icon.type, 'image/png', icon.src);
    const { width, height } = pngHeader(body);
    assert.equal(`${width}x${height}`, icon.sizes, icon.src);
  }
  const sizes = (purpose) => manifest.icons.filter((i) => i.type === 'image/png' && (i.purpose ?? 'any').split(' ').includes(purpose)).map((i) => i.sizes);
  assert.ok(sizes('any').includes('192x192') && sizes('any').includes('512x512'), 'PNG icons at 192 and 512');
  assert.ok(sizes('maskable').includes('512x512'), 'a maskable icon at 512');
});

test('the maskable icon keeps everything but its background inside the safe zone', async () => {
  const icon = manifest.icons.find((i) => (i.purpose ?? '').split(' ').includes('maskable'));
  const img = pngPixels((await bytes(new URL(icon.src, manifestUrl))).body);
  // Full bleed: opaque to the corners, one background colour; the safe zone is
  // the centred circle whose radius is 40% of the icon's size.
  const bg = img.pixel(0, 0);
  assert.equal(bg[3], 255, 'opaque corners');
  const r = 0.4 * img.width, c = (img.width - 1) / 2;
  let inside = 0, outsideWrong = 0;
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      const same = img.pixel(x, y).every((v, i) => Math.abs(v - bg[i]) <= 2);
      if (Math.hypot(x - c, y - (img.height - 1) / 2) > r) outsideWrong += same ? 0 : 1;
      else inside += same ? 0 : 1;
    }
  }
  assert.equal(outsideWrong, 0, 'nothing but the background outside the safe zone');
  assert.ok(inside > img.width * img.height * 0.05, 'the artwork is inside the safe zone');
});

test('the apple-touch-icon is an opaque 180 PNG', async () => {
  const link = /<link rel="apple-touch-icon" href="([^"]+)" sizes="180x180">/.exec(page);
  assert.ok(link, 'index.html links an apple-touch-icon');
  const { type, body } = await bytes(new URL(link[1], base));
  assert.equal(type, 'image/png');
  const head = pngHeader(body);
  assert.deepEqual([head.width, head.height], [180, 180]);
  // iOS fills transparency with black: the icon must have no alpha channel.
  assert.equal(head.colorType, 2, 'RGB without alpha');
  assert.match(page, /<meta name="apple-mobile-web-app-capable" content="yes">/);
  assert.match(page, /<meta name="apple-mobile-web-app-title" content="Streakbox">/);
});

test('the service worker caches the manifest and every icon', () => {
  const sw = readFileSync(join(SITE, 'sw.js'), 'utf8');
  const files = JSON.parse(/const FILES = \['\.\/', \.\.\.(\[.*\])\];/.exec(sw)[1]);
  const rel = (u) => new URL(u, base).href.slice(base.length);
  const needed = [rel(manifestUrl), ...manifest.icons.map((i) => rel(new URL(i.src, manifestUrl))),
    rel(/<link rel="apple-touch-icon" href="([^"]+)"/.exec(page)[1])];
  for (const f of needed) assert.ok(files.includes(f), `sw.js caches ${f}`);
});
