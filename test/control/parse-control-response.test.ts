import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseControlResponse } from '../../src/control/parse-control-response.js';
import { Fail2nftError } from '../../src/core/errors.js';

function rejectsWith(line: string, code: string, message: RegExp): void {
  assert.throws(
    () => parseControlResponse(line, 4),
    (error: unknown) => {
      assert.ok(error instanceof Fail2nftError);
      assert.equal(error.code, code);
      assert.match(error.message, message);
      return true;
    },
  );
}

test('a successful response yields its result', () => {
  assert.deepEqual(parseControlResponse('{"id":4,"ok":true,"result":{"jails":[]}}', 4), { jails: [] });
  assert.equal(parseControlResponse('{"id":4,"ok":true,"result":null}', 4), null);
});

test("an error response becomes a Fail2nftError with the service's code and message", () => {
  rejectsWith(
    '{"id":4,"ok":false,"error":{"code":"F2N_ERR_CONTROL_UNKNOWN_JAIL","message":"jail \'x\' does not exist"}}',
    'F2N_ERR_CONTROL_UNKNOWN_JAIL',
    /^jail 'x' does not exist$/,
  );
  // id null: refused before the request was read (too many connections).
  rejectsWith(
    '{"id":null,"ok":false,"error":{"code":"F2N_ERR_CONTROL_BUSY","message":"busy"}}',
    'F2N_ERR_CONTROL_BUSY',
    /busy/,
  );
});

test('an answer that is not a response of this request is F2N_ERR_CONTROL_CONNECTION', () => {
  rejectsWith('nonsense', 'F2N_ERR_CONTROL_CONNECTION', /not JSON/);
  rejectsWith('[]', 'F2N_ERR_CONTROL_CONNECTION', /not an object/);
  rejectsWith('{"id":5,"ok":true,"result":1}', 'F2N_ERR_CONTROL_CONNECTION', /answers request 5/);
  rejectsWith('{"id":4,"ok":true}', 'F2N_ERR_CONTROL_CONNECTION', /no result/);
  rejectsWith('{"id":4,"result":1}', 'F2N_ERR_CONTROL_CONNECTION', /no "ok"/);
  rejectsWith(
    '{"id":4,"ok":false,"error":{"code":"F2N_ERR_FROM_THE_FUTURE","message":"m"}}',
    'F2N_ERR_CONTROL_CONNECTION',
    /unknown error code F2N_ERR_FROM_THE_FUTURE: m/,
  );
});
