// Encrypted backups in the wasm build under Node: every .ttbak vector through
// the module's decryptor, encrypted export and import through the bindings,
// randomness, and the secret.* settings the stored password lives in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openDb, tempDir } from './module.mjs';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const VECTORS = join(ROOT, 'tests', 'vectors', 'ttbak');
const manifest = JSON.parse(readFileSync(join(VECTORS, 'vectors.json'), 'utf8'));
const NOW = Date.UTC(2026, 2, 10, 12, 0, 0);

async function withDb(fn) {
  const t = tempDir();
  const db = await openDb(t.dir, { now: NOW });
  try {
    await fn(db);
  } finally {
    db.close();
    t.remove();
  }
}

test('every .ttbak vector gives its expected outcome in the wasm build', () => withDb(async ({ io }) => {
  for (const v of manifest) {
    const r = io('decryptBackup', [v.password ? { password: v.password } : {}], { input: readFileSync(join(VECTORS, v.file)), collect: true });
    const bytes = r.bytes;
    if (v.expect === 'success') {
      assert.ok(r.ok, `${v.file}: ${JSON.stringify(r.error)}`);
      assert.equal(createHash('sha256').update(bytes).digest('hex'), v.plaintext_sha256, v.file);
    } else {
      assert.equal(r.ok, false, `${v.file} must be rejected`);
      assert.equal(r.error.code, v.expect, `${v.file}: ${r.error.message}`);
    }
  }
}));

test('encrypted export differs every time and imports with the password only', () => withDb(async ({ io, call }) => {
  const p = call('createProfile', { name: 'Mom' });
  const t = call('createTask', p, { title: 'Run' });
  call('setCheck', p, t, '2026-03-10', true);
  const pw = 'wasm password';
  const exp = () => { const r = io('exportBackup', [{ password: pw }], { collect: true }); return { r, bytes: Buffer.from(r.bytes ?? []) }; };
  const a = exp();
  const b = exp();
  assert.ok(a.r.ok, JSON.stringify(a.r));
  assert.equal(a.r.value.filename, 'streakbox-backup-2026-03-10.ttbak');
  assert.equal(a.r.value.encrypted, true);
  assert.equal(a.bytes.subarray(0, 8).toString('latin1'), 'SBXTTBAK');
  assert.ok(!a.bytes.equals(b.bytes), 'two encryptions of the same data differ (libsodium randomness works in wasm)');
  assert.ok(!a.bytes.subarray(24, 40).equals(b.bytes.subarray(24, 40)), 'fresh salts');

  const imp = (bytes, options, validateOnly = false) =>
    io(validateOnly ? 'validateBackup' : 'importBackup', [options], { input: bytes });
  assert.equal(imp(a.bytes, {}).error.code, 'password_required');
  assert.equal(imp(a.bytes, { password: 'nope' }).error.code, 'wrong_password');
  const damaged = Buffer.from(a.bytes);
  damaged[damaged.length - 3] ^= 1;
  assert.equal(imp(damaged, { password: pw }).error.code, 'damaged');
  const valid = imp(a.bytes, { password: pw }, true);
  assert.ok(valid.ok);
  assert.equal(valid.value.encrypted, true);
  assert.deepEqual(valid.value.counts,
    { profiles: 1, tasks: 1, task_checks: 1, daily_status: 1, days_off: 0, skips: 0, amounts: 0, notes: 0 });
  call('deleteProfile', p);
  const r = imp(a.bytes, { password: pw });
  assert.ok(r.ok, JSON.stringify(r));
  assert.deepEqual(call('listProfiles').map((x) => x.name), ['Mom']);
}));

test('secret.* settings: stored, read back, deleted, never exported; other keys refused', () => withDb(async ({ io }) => {
  assert.equal(io('getSecret', ['secret.backup_password']).value, null);
  assert.ok(io('setSecret', ['secret.backup_password', 'v1.abc.def']).ok);
  assert.equal(io('getSecret', ['secret.backup_password']).value, 'v1.abc.def');
  const exported = io('exportBackup', [{}], { collect: true });
  assert.ok(!Buffer.from(exported.bytes).toString('utf8').includes('v1.abc.def'), 'backups never carry secrets');
  assert.ok(io('deleteSecret', ['secret.backup_password']).ok);
  assert.equal(io('getSecret', ['secret.backup_password']).value, null);
  assert.equal(io('getSecret', ['instance_id']).error.code, 'invalid_argument');
  assert.equal(io('setSecret', ['theme', 'x']).error.code, 'invalid_argument');
}));
