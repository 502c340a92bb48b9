import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isAscii } from 'node:buffer';
import { createBytesSearchRegex } from '../../../src/matching/bytes-search-regex.js';
import { compileFilter } from '../../../src/matching/compile-filter.js';
import { compileFailregex } from '../../../src/matching/regex/compile-failregex.js';

const lines = [
  'host sshd[12]: Failed password for root from 192.0.2.1 port 22',
  'host sshd[12]: Failed password for j\u00fcrgen from 2001:db8::7 port 22',
  'host sshd[12]: Accepted password for root from 192.0.2.1 port 22',
];

test('on bytes it finds the same hits and groups as the string search of compileFilter', () => {
  const spec = {
    name: 's',
    prefregex: '^host sshd\\[<F-MLFID>\\d+</F-MLFID>\\]: <F-CONTENT>.+</F-CONTENT>$',
    failregex: ['^Failed \\S+ for <F-USER>\\S+</F-USER> from <HOST>( port \\d+)?$'],
    ignoreregex: [],
    maxlines: 1,
    usedns: 'warn' as const,
  };
  const compiled = compileFilter(spec);
  const pref = createBytesSearchRegex(compiled.prefregex ?? compileFailregex('x'));
  const fail = createBytesSearchRegex(compiled.failregex[0] ?? compileFailregex('x'));
  for (const line of lines) {
    const bytes = Buffer.from(line);
    const ascii = isAscii(Buffer.from(line));
    const hit = pref.search(bytes, ascii);
    const expected = compiled.regexes.prefregex?.search(line);
    assert.deepEqual(hit?.groups, expected?.groups);
    assert.ok(Buffer.isBuffer(hit?.contentText));
    assert.equal(hit?.contentText?.toString(), expected?.groups.content);
    const content = hit?.contentText ?? '';
    assert.deepEqual(
      fail.search(content, ascii, hit?.groups.content)?.groups,
      compiled.regexes.failregex[0]?.search(expected?.groups.content ?? '')?.groups,
    );
  }
});

test('a regex without a JavaScript twin (post-match checks) reads its groups with RE2', () => {
  const compiled = compileFailregex('^user (?P<user>\\w+)(?<!admin) from <HOST>$');
  assert.ok(compiled.translation.checks.length > 0);
  const regex = createBytesSearchRegex(compiled);
  assert.equal(regex.search(Buffer.from('user admin from 192.0.2.1'), true), undefined);
  assert.deepEqual(regex.search(Buffer.from('user bob from 192.0.2.1'), true)?.groups.user, 'bob');
  assert.equal(regex.search('user bob from 192.0.2.1')?.groups.ip4, '192.0.2.1');
});
