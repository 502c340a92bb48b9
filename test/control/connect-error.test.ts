import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connectError } from '../../src/control/connect-error.js';

const errno = (code: string): NodeJS.ErrnoException => Object.assign(new Error(`connect ${code}`), { code });

test('a missing or refusing socket means the service is not running', () => {
  const missing = connectError(errno('ENOENT'), '/run/fail2nft/fail2nft.sock');
  assert.equal(missing.code, 'F2N_ERR_CONTROL_NOT_RUNNING');
  assert.equal(missing.message, 'fail2nft is not running (no socket at /run/fail2nft/fail2nft.sock)');
  const refused = connectError(errno('ECONNREFUSED'), '/s');
  assert.equal(refused.code, 'F2N_ERR_CONTROL_NOT_RUNNING');
  assert.match(refused.message, /^fail2nft is not running \(nothing answers on \/s/);
});

test('permission errors are named as such', () => {
  for (const code of ['EACCES', 'EPERM']) {
    const error = connectError(errno(code), '/s');
    assert.equal(error.code, 'F2N_ERR_CONTROL_PERMISSION');
    assert.match(error.message, /permission denied on the control socket \/s/);
  }
});

test('other failures keep their own message', () => {
  assert.equal(connectError(errno('EAGAIN'), '/s').code, 'F2N_ERR_CONTROL_BUSY');
  const other = connectError(errno('EIO'), '/s');
  assert.equal(other.code, 'F2N_ERR_CONTROL_CONNECTION');
  assert.match(other.message, /connect EIO/);
});
