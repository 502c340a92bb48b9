import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseOptionReference, splitOptionReferences } from '../../src/config/parse-option-reference.js';
import { Fail2nftError } from '../../src/core/errors.js';

test('a bare name has no parameters', () => {
  const ref = parseOptionReference('sshd');
  assert.equal(ref.name, 'sshd');
  assert.equal(ref.params.size, 0);
});

test('parameters may be bare, double or single quoted; quoted ones hold commas and brackets', () => {
  const ref = parseOptionReference(`postfix[mode=aggressive, a="x,y]", b='1, 2', c= spaced ]`);
  assert.equal(ref.name, 'postfix');
  assert.deepEqual(Object.fromEntries(ref.params), { mode: 'aggressive', a: 'x,y]', b: '1, 2', c: 'spaced' });
});

test('several parameter groups are joined: a[x=1][y=2]', () => {
  const ref = parseOptionReference('act[x=1][y=2]');
  assert.deepEqual(Object.fromEntries(ref.params), { x: '1', y: '2' });
});

test('malformed references are errors naming the offset', () => {
  for (const bad of ['x[mode]', 'x[a="unterminated]', 'x[a=1', '[a=1]']) {
    assert.throws(
      () => parseOptionReference(bad),
      (error: unknown) => error instanceof Fail2nftError && error.code === 'F2N_ERR_CONFIG_BAD_REFERENCE',
      bad,
    );
  }
});

test('a list of actions splits on white space and new lines, keeping bracketed parameters whole', () => {
  const parts = splitOptionReferences(
    'iptables-multiport[name=x, port="ssh,smtp", protocol=tcp]\n   sendmail-whois[dest="a b@c", sender=x]  plain\n other[a=1][b=2]',
  );
  assert.deepEqual(parts, [
    'iptables-multiport[name=x, port="ssh,smtp", protocol=tcp]',
    'sendmail-whois[dest="a b@c", sender=x]',
    'plain',
    'other[a=1][b=2]',
  ]);
});

test('parameters may span lines', () => {
  assert.deepEqual(splitOptionReferences('a[x=1,\n  y=2]\nb'), ['a[x=1,\n  y=2]', 'b']);
});
