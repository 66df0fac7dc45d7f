// A second .ttbak decryptor, written from docs/FORMAT.md ("Encrypted backups")
// alone with libsodium.js (npm libsodium-wrappers-sumo), sharing no code with
// the C++ core. decryptTtbak(bytes, password) resolves to
//   {ok: true, plaintext: Uint8Array}  or  {ok: false, code, reason}
// with the spec's codes: not_a_backup, damaged, unsupported_version,
// kdf_out_of_bounds, password_required, wrong_password.
import sodium from 'libsodium-wrappers-sumo';

const MAGIC = new TextEncoder().encode('SBXTTBAK');
const CONTEXT = 'SBXTTBAK';

const fail = (code, reason) => ({ ok: false, code, reason });
const u16 = (b, o) => b[o] | (b[o + 1] << 8);
const u32 = (b, o) => (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;

function bitsDiffering(a, b) {
  let n = 0;
  for (let i = 0; i < a.length; i++) for (let x = a[i] ^ b[i]; x; x &= x - 1) n++;
  return n;
}

// Argon2id v1.3 (p = 1, 32-byte tag, no secret, no associated data), then
// the two subkeys as the spec spells them out: BLAKE2b keyed with the master
// key over an empty message, salt = subkey id (u64 LE) + 8 zero bytes,
// personalization = the context + 8 zero bytes.
function deriveKeys(password, salt, ops, memKiB) {
  const master = sodium.crypto_pwhash(32, new TextEncoder().encode(password), salt, ops, memKiB * 1024,
    sodium.crypto_pwhash_ALG_ARGON2ID13);
  const personal = new Uint8Array(16);
  personal.set(new TextEncoder().encode(CONTEXT));
  const subkey = (id) => {
    const s = new Uint8Array(16);
    s[0] = id;
    return sodium.crypto_generichash_blake2b_salt_personal(32, master, s, personal);
  };
  const keys = { check: subkey(1), stream: subkey(2) };
  sodium.memzero(master);
  return keys;
}

export async function decryptTtbak(file, password) {
  await sodium.ready;
  const bytes = file instanceof Uint8Array ? file : new Uint8Array(file);

  // 1. Magic.
  if (bytes.length === 0) return fail('not_a_backup', 'empty');
  if (bytes.length < 8) {
    const prefix = MAGIC.subarray(0, bytes.length).every((m, i) => m === bytes[i]);
    return prefix ? fail('damaged', 'cut inside the magic') : fail('not_a_backup', 'no magic');
  }
  const diff = bitsDiffering(bytes.subarray(0, 8), MAGIC);
  if (diff > 2) return fail('not_a_backup', 'no magic');
  if (diff > 0) return fail('damaged', 'magic damaged');

  // 2. Prefix and header length.
  if (bytes.length < 12) return fail('damaged', 'cut inside the prefix');
  const H = u16(bytes, 10);
  if (H < 44 || H > 4096) return fail('damaged', 'header length out of range');
  if (bytes.length < H) return fail('damaged', 'cut inside the header');
  const header = bytes.subarray(0, H);

  // 3. Checksum.
  const sum = sodium.crypto_generichash(32, header.subarray(0, H - 32), null);
  if (!sodium.memcmp(sum, header.subarray(H - 32, H))) return fail('damaged', 'checksum');

  // 4. Version.
  if (u16(header, 8) !== 1) return fail('unsupported_version', `version ${u16(header, 8)}`);
  if (H !== 128) return fail('damaged', 'version 1 header is not 128 bytes');

  // 5. Settings.
  const log2 = header[13];
  if (header[12] !== 1 || u16(header, 14) !== 0 || log2 < 10 || log2 > 20) return fail('unsupported_version', 'settings');

  // 6. KDF bounds.
  const ops = u32(header, 16), memKiB = u32(header, 20);
  if (ops < 1 || ops > 10 || memKiB < 8192 || memKiB > 262144) return fail('kdf_out_of_bounds', `${ops} ops, ${memKiB} KiB`);

  // 7. Password: its NFC form first; a file written before the NFC rule used
  // the bytes as typed, so those are tried when they differ.
  if (!password) return fail('password_required', 'no password');
  const salt = header.subarray(24, 40);
  const expected = header.subarray(64, 96);
  let streamKey = null;
  for (const form of new Set([password.normalize('NFC'), password])) {
    const keys = deriveKeys(form, salt, ops, memKiB);
    if (sodium.memcmp(sodium.crypto_generichash(32, header.subarray(0, 64), keys.check), expected)) {
      streamKey = keys.stream;
      break;
    }
  }
  if (!streamKey) return fail('wrong_password', 'check value');

  // 8. Chunks.
  const C = 2 ** log2, full = C + 17;
  const state = sodium.crypto_secretstream_xchacha20poly1305_init_pull(header.subarray(40, 64), streamKey);
  const parts = [];
  let at = H;
  for (let index = 0; ; index++) {
    const chunk = bytes.subarray(at, Math.min(at + full, bytes.length));
    if (chunk.length < 17) return fail('damaged', `cut short at chunk ${index}`);
    let r;
    try {
      r = sodium.crypto_secretstream_xchacha20poly1305_pull(state, chunk, null);
    } catch {
      r = false;
    }
    if (!r) return fail('damaged', `chunk ${index} fails authentication`);
    at += chunk.length;
    if (r.tag === sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE) {
      if (chunk.length < full) return fail('damaged', `short message chunk ${index}`);
    } else if (r.tag === sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL) {
      if (at !== bytes.length) return fail('damaged', 'data after the final chunk');
      if (r.message.length === 0 && index > 0) return fail('damaged', 'empty final chunk');
      parts.push(r.message);
      break;
    } else {
      return fail('damaged', `tag ${r.tag}`);
    }
    parts.push(r.message);
  }
  const plaintext = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    plaintext.set(p, o);
    o += p.length;
  }
  return { ok: true, plaintext };
}
