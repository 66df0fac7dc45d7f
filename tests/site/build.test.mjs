// tools/build site assembles the site afresh: a file that is no longer in
// www/ (or was left in the site by hand) does not ship and is not in the
// service worker's list. Builds into a temporary folder (STREAKBOX_SITE), so
// build/site is never touched while another suite may be serving it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);

function buildSite(site) {
  const r = spawnSync(join(ROOT, 'tools', 'build'), ['site'], { encoding: 'utf8', env: { ...process.env, STREAKBOX_SITE: site } });
  assert.equal(r.status, 0, r.stderr);
}

const shipped = (site) => JSON.parse(/const FILES = \['\.\/', \.\.\.(\[.*\])\];/.exec(readFileSync(join(site, 'sw.js'), 'utf8'))[1]);

test('a stale file in the site is gone after tools/build site, and out of the service worker list', () => {
  const dir = mkdtempSync(join(tmpdir(), 'streakbox-site-'));
  const site = join(dir, 'site');
  try {
    buildSite(site);
    const first = shipped(site);
    const stamp = readFileSync(join(site, 'version.json'), 'utf8');
    assert.ok(first.includes('index.html') && first.includes('manifest.webmanifest'));
    mkdirSync(join(site, 'old'), { recursive: true });
    writeFileSync(join(site, 'removed.js'), 'export const gone = true;\n');
    writeFileSync(join(site, 'old', 'view.js'), '\n');
    writeFileSync(join(site, 'index.html'), 'edited by hand\n');

    buildSite(site);
    assert.equal(existsSync(join(site, 'removed.js')), false, 'removed.js no longer ships');
    assert.equal(existsSync(join(site, 'old')), false, 'old/ no longer ships');
    assert.equal(readFileSync(join(site, 'index.html'), 'utf8'), readFileSync(join(ROOT, 'www', 'index.html'), 'utf8'));
    assert.deepEqual(shipped(site), first, 'the service worker lists what shipped before, no more');
    assert.equal(readFileSync(join(site, 'version.json'), 'utf8'), stamp, 'the same build stamp as the first build');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
