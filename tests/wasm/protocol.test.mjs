// The worker protocol module (wasm/protocol.js) that www/api.js and
// wasm/worker.js share: request building, replies, and the one error class.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { REQUEST_FIELDS, Reply, Request, StreakboxError, errorOf, request, result, unwrap } from '../../wasm/protocol.js';

test('every request type lists its fields, and a request carries only those', () => {
  assert.deepEqual(Object.keys(REQUEST_FIELDS).sort(), Object.values(Request).sort());
  assert.deepEqual(request(Request.CALL, 7, { method: 'info', args: [] }), { type: 'call', id: 7, method: 'info', args: [] });
  assert.throws(() => request(Request.CALL, 1, { method: 'info', argz: [] }),
    (e) => e instanceof StreakboxError && e.code === 'invalid_argument' && /no field argz/.test(e.message));
  assert.throws(() => request('nope', 1), (e) => e.code === 'invalid_argument');
});

test('a reply is one RESULT with the request id, whatever the envelope or the thrown value', () => {
  assert.deepEqual(result(3, { ok: true, value: 5 }), { type: Reply.RESULT, id: 3, ok: true, value: 5 });
  assert.deepEqual(result(4, { ok: false, error: { code: 'locked', message: 'm' } }),
    { type: Reply.RESULT, id: 4, ok: false, error: { code: 'locked', message: 'm', errors: [] } });
  assert.deepEqual(errorOf(new StreakboxError('wrong_password', 'no', [{ path: '$', message: 'x' }])),
    { code: 'wrong_password', message: 'no', errors: [{ path: '$', message: 'x' }] });
  assert.deepEqual(errorOf(new TypeError('boom')), { code: 'io_error', message: 'boom', errors: [] });
  assert.deepEqual(errorOf(5558688), { code: 'io_error', message: '5558688', errors: [] });
  assert.deepEqual(errorOf(undefined), { code: 'io_error', message: 'undefined', errors: [] });
});

test('unwrap gives the value or throws the one coded error class', () => {
  assert.equal(unwrap({ ok: true, value: 'v' }), 'v');
  assert.throws(() => unwrap({ ok: false, error: { code: 'not_found', message: 'gone' } }),
    (e) => e instanceof StreakboxError && e.name === 'StreakboxError' && e.code === 'not_found' && e.errors.length === 0);
});
