// tools/streakbox with encrypted backups (.ttbak): encrypt, decrypt, and
// validate/inspect/import of .ttbak files, the password from a file or the
// environment, never from the command line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const BIN = join(ROOT, 'build', 'native', 'core', 'streakbox');
const DATA = join(ROOT, 'tests', 'data', 'backups');
const VECTORS = join(ROOT, 'tests', 'vectors', 'ttbak');

function run(args, env = {}) {
  const r = spawnSync(BIN, args, { encoding: 'utf8', env: { PATH: process.env.PATH, ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function withTemp(fn) {
  const dir = mkdtempSync(join(tmpdir(), 'streakbox-cli-crypto-'));
  try {
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const pwFile = (dir, pw, name = 'pw.txt') => { const f = join(dir, name); writeFileSync(f, `${pw}\n`); return f; };

test('encrypt and decrypt with --password-file give back the same bytes', () => withTemp((dir) => {
  const pw = pwFile(dir, 'garden gnome 42');
  const src = join(DATA, 'seed-server-all.json');
  const enc = join(dir, 'b.ttbak');
  const e = run(['encrypt', '--password-file', pw, src, enc]);
  assert.equal(e.code, 0, e.err);
  const bytes = readFileSync(enc);
  assert.equal(bytes.subarray(0, 8).toString('latin1'), 'SBXTTBAK');
  const dec = join(dir, 'b.json');
  const d = run(['decrypt', '--password-file', pw, enc, dec]);
  assert.equal(d.code, 0, d.err);
  assert.deepEqual(readFileSync(dec), readFileSync(src));
  assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), [], 'no temporary file left');
}));

test('STREAKBOX_PASSWORD works for encrypt, validate, inspect and import; two encryptions differ', () => withTemp((dir) => {
  const env = { STREAKBOX_PASSWORD: 'from the environment' };
  const a = join(dir, 'a.ttbak'), b = join(dir, 'b.ttbak');
  assert.equal(run(['encrypt', join(DATA, 'seed-server-all.json'), a], env).code, 0);
  assert.equal(run(['encrypt', join(DATA, 'seed-server-all.json'), b], env).code, 0);
  assert.notDeepEqual(readFileSync(a), readFileSync(b), 'a fresh salt and stream header each time');
  const v = run(['validate', a], env);
  assert.equal(v.code, 0, v.err);
  assert.equal(v.out, 'valid: 2 profiles, 3 tasks, 3 checks, 2 completed days (encrypted)\n');
  const i = run(['inspect', a], env);
  assert.equal(i.code, 0, i.err);
  const j = JSON.parse(i.out);
  assert.equal(j.encrypted, true);
  assert.deepEqual(j.container, { version: 1, kdf: 'argon2id', opslimit: 3, memlimit_kib: 65536, chunk_size: 65536 });
  const imp = run(['import', '--db', join(dir, 'app.db'), a], env);
  assert.equal(imp.code, 0, imp.err);
  assert.deepEqual(JSON.parse(imp.out).profiles.map((p) => p.action), ['created', 'created']);
}));

test('a password on the command line is refused', () => withTemp((dir) => {
  for (const args of [['encrypt', '--password', 'hunter2', 'a', 'b'], ['decrypt', '--password=hunter2', 'a', 'b'],
    ['validate', '--password', 'x', join(VECTORS, 'good.ttbak')]]) {
    const r = run(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.err, /never taken on the command line.*--password-file/s);
  }
  assert.equal(run(['encrypt', join(DATA, 'seed-docs-example.json'), join(dir, 'x.ttbak')]).code, 2, 'no password at all');
}));

test('wrong password, damage, missing password and foreign files are told apart; nothing is written', () => withTemp((dir) => {
  const env = { STREAKBOX_PASSWORD: 'correct horse battery staple' };
  const out = join(dir, 'out.json');
  const wrong = run(['decrypt', join(VECTORS, 'good.ttbak'), out], { STREAKBOX_PASSWORD: 'nope' });
  assert.equal(wrong.code, 1);
  assert.match(wrong.err, /password is wrong/);
  const damaged = run(['decrypt', join(VECTORS, 'payload_flip.ttbak'), out], env);
  assert.equal(damaged.code, 1);
  assert.match(damaged.err, /damaged/);
  const cut = run(['decrypt', join(VECTORS, 'truncated_at_chunk.ttbak'), out], env);
  assert.match(cut.err, /incomplete|damaged/);
  assert.ok(!existsSync(out) && !existsSync(`${out}.tmp`), 'no output from a failed decryption');
  const newer = run(['validate', join(VECTORS, 'unknown_version.ttbak')], env);
  assert.equal(newer.code, 1);
  assert.match(newer.out, /newer Streakbox/);
  const locked = run(['validate', join(VECTORS, 'good.ttbak')]);
  assert.equal(locked.code, 1);
  assert.match(locked.out, /encrypted.*--password-file/);
  const foreign = run(['decrypt', join(VECTORS, 'not_a_backup_png.ttbak'), out], env);
  assert.match(foreign.err, /not a Streakbox backup/);
  const db = join(dir, 'app.db');
  const bad = run(['import', '--db', db, join(VECTORS, 'reordered.ttbak')], env);
  assert.equal(bad.code, 1);
  assert.match(bad.err, /damaged/);
}));

test('export --encrypt writes a .ttbak that imports', () => withTemp((dir) => {
  const pw = pwFile(dir, 'p4ss word');
  const db = join(dir, 'app.db');
  assert.equal(run(['import', '--db', db, join(DATA, 'seed-server-all.json')]).code, 0);
  const out = join(dir, 'backup.ttbak');
  const e = run(['export', '--db', db, '--encrypt', '--password-file', pw, '-o', out]);
  assert.equal(e.code, 0, e.err);
  assert.equal(readFileSync(out).subarray(0, 8).toString('latin1'), 'SBXTTBAK');
  const imp = run(['import', '--db', join(dir, 'copy.db'), '--password-file', pw, out]);
  assert.equal(imp.code, 0, imp.err);
  assert.deepEqual(JSON.parse(imp.out).profiles.map((p) => p.name).sort(), ['Kid', 'Mom']);
}));

test('every vector through tools/streakbox decrypt', () => withTemp((dir) => {
  const manifest = JSON.parse(readFileSync(join(VECTORS, 'vectors.json'), 'utf8'));
  for (const v of manifest) {
    const out = join(dir, `${v.file}.out`);
    const r = run(['decrypt', join(VECTORS, v.file), out], { STREAKBOX_PASSWORD: v.password });
    if (v.expect === 'success') {
      assert.equal(r.code, 0, `${v.file}: ${r.err}`);
      assert.equal(createHash('sha256').update(readFileSync(out)).digest('hex'), v.plaintext_sha256, v.file);
    } else {
      assert.equal(r.code, 1, `${v.file} should fail (${v.expect})`);
      assert.ok(!existsSync(out), `${v.file}: nothing written`);
    }
  }
}));
