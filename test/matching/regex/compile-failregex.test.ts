import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Fail2nftError } from '../../../src/core/errors.js';
import {
  assertFailureId,
  compileFailregex,
  groupText,
  groupValues,
  matchSpan,
} from '../../../src/matching/regex/compile-failregex.js';

const SSH = '^Failed password for (?:invalid user )?<F-USER>\\S+</F-USER> from <HOST> port \\d+';

test('a failregex with tags matches Buffers and strings and names its groups', () => {
  const c = compileFailregex(SSH);
  for (const input of [
    'Failed password for invalid user admin from 192.0.2.7 port 22',
    Buffer.from('Failed password for admin from 2001:db8::1 port 22'),
  ]) {
    const m = c.exec(input);
    assert.ok(m);
    const values = groupValues(c, m);
    assert.ok(values.ip4 === '192.0.2.7' || values.ip6 === '2001:db8::1');
    assert.ok(values.user === 'admin');
  }
  assert.deepEqual([...c.groups.keys()].sort(), ['dns', 'ip4', 'ip6', 'user']);
});

test('usedns = no keeps host names out of <HOST>', () => {
  const c = compileFailregex('from <HOST>$', { useDns: 'no' });
  assert.equal(c.exec('from mail.example.org'), null);
  assert.ok(!c.groups.has('dns'));
});

test('the prefilter holds the most selective literal of every match', () => {
  const c = compileFailregex(SSH);
  assert.deepEqual(
    c.prefilter.map((b) => b.toString()),
    ['Failed password for '],
  );
  assert.ok(c.requiredLiterals.some((clause) => clause.includes(' port ')));
});

test('alt_ groups fill their target when it is empty', () => {
  const c = compileFailregex(
    'ruser=<F-ALT_USER>\\S*</F-ALT_USER> rhost=<HOST>(?: user=<F-USER>\\S*</F-USER>)?',
  );
  const m = c.exec('ruser=bob rhost=192.0.2.1');
  assert.ok(m);
  assert.equal(groupValues(c, m).user, 'bob');
  assert.equal(groupText(c, m, 'user'), undefined);
});

test('only failregexes take MULTILINE from the filter', () => {
  const fail = compileFailregex('^b <HOST>$', { multiline: true });
  assert.ok(fail.exec('a\nb 192.0.2.1'));
  const ignore = compileFailregex('^b <HOST>$', { multiline: true, role: 'ignoreregex' });
  assert.equal(ignore.exec('a\nb 192.0.2.1'), null);
});

test('the logical span excludes what a rewrite consumed past the end', () => {
  const c = compileFailregex('(?P<fid>a)(?=b)', { multiline: true });
  const m = c.exec('xab');
  assert.ok(m);
  assert.deepEqual(matchSpan(c, m), { start: 1, end: 2 });
});

test('a failregex and its prefregex need a failure id between them', () => {
  const without = compileFailregex('user <F-USER>\\S+</F-USER>');
  assert.equal(without.hasFailureId, false);
  assert.throws(
    () => assertFailureId(without),
    (e: unknown) => e instanceof Fail2nftError && e.code === 'F2N_ERR_REGEX_NO_FAILURE_ID',
  );
  assert.doesNotThrow(() =>
    assertFailureId(
      without,
      compileFailregex('^<F-MLFID>\\S+</F-MLFID> <F-CONTENT>.+</F-CONTENT>$', { role: 'prefregex' }),
    ),
  );
});

test('an empty regex is refused', () => {
  assert.throws(
    () => compileFailregex('  '),
    (e: unknown) => e instanceof Fail2nftError && e.code === 'F2N_ERR_REGEX_SYNTAX',
  );
});
