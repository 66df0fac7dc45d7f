// The .ttbak vectors against the second implementation (libsodium.js, written
// from docs/FORMAT.md), and the generator's determinism.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { decryptTtbak } from './ttbak_libsodiumjs.mjs';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const VECTORS = join(ROOT, 'tests', 'vectors', 'ttbak');
const manifest = JSON.parse(readFileSync(join(VECTORS, 'vectors.json'), 'utf8'));

test('the manifest covers every scenario of the spec, one file each', () => {
  const expects = new Set(manifest.map((v) => v.expect));
  for (const e of ['success', 'wrong_password', 'damaged', 'not_a_backup', 'unsupported_version', 'kdf_out_of_bounds'])
    assert.ok(expects.has(e), e);
  assert.equal(new Set(manifest.map((v) => v.file)).size, manifest.length);
  assert.deepEqual(readdirSync(VECTORS).filter((f) => f.endsWith('.ttbak')).sort(), manifest.map((v) => v.file).sort());
});

for (const v of manifest) {
  test(`libsodium.js: ${v.file} -> ${v.expect}`, async () => {
    const r = await decryptTtbak(readFileSync(join(VECTORS, v.file)), v.password);
    if (v.expect === 'success') {
      assert.ok(r.ok, `${r.code}: ${r.reason}`);
      assert.equal(createHash('sha256').update(r.plaintext).digest('hex'), v.plaintext_sha256);
    } else {
      assert.equal(r.ok, false, 'must be rejected');
      assert.equal(r.code, v.expect, r.reason);
    }
  });
}

test('libsodium.js: no password for an intact file is password_required', async () => {
  assert.equal((await decryptTtbak(readFileSync(join(VECTORS, 'good.ttbak')), '')).code, 'password_required');
});

test('regenerating the vectors gives byte-identical files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'streakbox-vectors-'));
  try {
    const r = spawnSync(join(ROOT, 'build', 'native', 'tests', 'native', 'make_vectors'), [dir], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const made = readdirSync(dir).sort();
    assert.deepEqual(made, readdirSync(VECTORS).sort());
    for (const f of made) assert.ok(readFileSync(join(dir, f)).equals(readFileSync(join(VECTORS, f))), `${f} differs`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
