import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileFilter } from '../../src/matching/compile-filter.js';
import { LineFilter, type LineFilterOptions } from '../../src/matching/line-filter.js';
import type { FilterSpec } from '../../src/core/filter-spec.js';
import type { FoundFailure } from '../../src/matching/line-filter-types.js';

const now = Date.UTC(2026, 10, 21, 12, 0, 0);

function filterOf(spec: Partial<FilterSpec>, options: Partial<LineFilterOptions> = {}): LineFilter {
  const full: FilterSpec = {
    name: 't',
    failregex: [],
    ignoreregex: [],
    maxlines: 1,
    usedns: 'warn',
    ...spec,
  };
  return new LineFilter(compileFilter(full).regexes, {
    maxlines: full.maxlines,
    usedns: full.usedns,
    checkFindTime: false,
    findtimeMs: 600_000,
    ...options,
  });
}

/** Feeds lines as if each carried the given time (no date text to cut). */
function feed(filter: LineFilter, lines: string[], timeMs = now): FoundFailure[] {
  return lines.flatMap((line) =>
    filter.processLine(line, { tuple: { head: '', date: 'T', tail: line }, timeMs }, now),
  );
}

test('the first failregex that matches wins and gives the host, user and time', () => {
  const filter = filterOf({
    failregex: ['^auth failed for <F-USER>\\S+</F-USER> from <HOST>$', '^auth failed .* <HOST>$'],
  });
  const [hit, ...rest] = feed(filter, ['auth failed for bob from 192.0.2.7']);
  assert.equal(rest.length, 0);
  assert.equal(hit?.failregex, 0);
  assert.equal(hit?.id, '192.0.2.7');
  assert.equal(hit?.kind, 'address');
  assert.equal(hit?.user, 'bob');
  assert.equal(hit?.timeMs, now);
});

test('an ignoreregex match drops the failure', () => {
  const filter = filterOf({ failregex: ['from <HOST>$'], ignoreregex: ['^trusted '] });
  assert.equal(feed(filter, ['trusted login failed from 192.0.2.7']).length, 0);
  assert.equal(feed(filter, ['login failed from 192.0.2.7']).length, 1);
  assert.equal(filter.ignoredLines, 1);
});

test('IPv4-mapped IPv6 yields the IPv4 address and IPv6 is canonical', () => {
  const filter = filterOf({ failregex: ['from <HOST>$'] });
  assert.equal(feed(filter, ['x from ::ffff:198.51.100.9'])[0]?.id, '198.51.100.9');
  assert.equal(feed(filter, ['x from 2001:DB8:0:0::1'])[0]?.id, '2001:db8::1');
});

test('<F-ID> is the failure id even without an address', () => {
  const filter = filterOf({ failregex: ['^token <F-ID>\\w+</F-ID> rejected'] });
  const [hit] = feed(filter, ['token abc123 rejected']);
  assert.equal(hit?.id, 'abc123');
  assert.equal(hit?.kind, 'raw');
});

test('prefregex must match and its <F-CONTENT> is what the failregexes see', () => {
  const filter = filterOf({
    prefregex: '^host sshd\\[\\d+\\]: <F-CONTENT>.+</F-CONTENT>$',
    failregex: ['^Failed password for \\S+ from <HOST>'],
  });
  assert.equal(
    feed(filter, ['host sshd[1]: Failed password for root from 192.0.2.1 port 22'])[0]?.id,
    '192.0.2.1',
  );
  assert.equal(feed(filter, ['host ftpd[1]: Failed password for root from 192.0.2.1 port 22']).length, 0);
});

test('a session merged by <F-MLFID>: nofail lines wait, a later failure carries the address and all users', () => {
  const filter = filterOf({
    prefregex: '^sshd\\[<F-MLFID>\\d+</F-MLFID>\\]: <F-CONTENT>.+</F-CONTENT>$',
    failregex: [
      '^<F-NOFAIL>Connection from</F-NOFAIL> <HOST>',
      '^Failed password for <F-USER>\\S+</F-USER>$',
    ],
  });
  assert.deepEqual(feed(filter, ['sshd[7]: Connection from 192.0.2.50']), []);
  const [hit] = feed(filter, ['sshd[7]: Failed password for root']);
  assert.equal(hit?.id, '192.0.2.50');
  assert.equal(hit?.user, 'root');
  assert.deepEqual(feed(filter, ['sshd[8]: Failed password for nobody']), []);
});

test('<F-MLFFORGET> ends a session', () => {
  const filter = filterOf({
    prefregex: '^p\\[<F-MLFID>\\d+</F-MLFID>\\]: <F-CONTENT>.+</F-CONTENT>$',
    failregex: ['^<F-NOFAIL>from</F-NOFAIL> <HOST>$', '^<F-MLFFORGET>closed</F-MLFFORGET>$', '^bad login$'],
  });
  feed(filter, ['p[1]: from 192.0.2.9']);
  assert.equal(feed(filter, ['p[1]: bad login'])[0]?.id, '192.0.2.9');
  feed(filter, ['p[1]: closed']);
  assert.deepEqual(feed(filter, ['p[1]: bad login']), []);
});

test('a line without a date takes the previous line time when it is less than a minute old', () => {
  const filter = filterOf({ failregex: ['from <HOST>$'] });
  filter.processLine('dated', { tuple: { head: '', date: 'D', tail: 'dated' }, timeMs: now - 10_000 }, now);
  const [hit] = filter.processLine('x from 192.0.2.1', undefined, now);
  assert.equal(hit?.timeMs, now - 10_000);
  const later = now + 120_000;
  const [stale] = filter.processLine('x from 192.0.2.1', undefined, later);
  assert.equal(stale?.timeMs, undefined);
});

test('in service mode a time far from now is treated as now, and lines older than findtime are dropped while catching up', () => {
  const filter = filterOf({ failregex: ['from <HOST>$'] }, { checkFindTime: true });
  const [clamped] = feed(filter, ['x from 192.0.2.1'], now + 3_600_000);
  assert.equal(clamped?.timeMs, now);
  filter.inOperation = false;
  assert.deepEqual(feed(filter, ['x from 192.0.2.1'], now - 3_600_000), []);
  assert.equal(feed(filter, ['x from 192.0.2.1'], now - 60_000).length, 1);
});

test('check-all mode reports every failregex that matches a line', () => {
  const filter = filterOf({ failregex: ['from <HOST>$', '^login .* <HOST>$'] }, { checkAllRegex: true });
  assert.deepEqual(
    feed(filter, ['login failed from 192.0.2.1']).map((f) => f.failregex),
    [0, 1],
  );
});

test('with maxlines > 1 a failregex can span buffered lines', () => {
  const filter = filterOf({ maxlines: 2, failregex: ['^user (?P<u>\\S+) unknown\\n.*from <HOST>$'] });
  assert.deepEqual(feed(filter, ['user bob unknown']), []);
  const [hit] = feed(filter, ['connection from 192.0.2.44']);
  assert.equal(hit?.id, '192.0.2.44');
  assert.equal(hit?.matches.length, 2);
});
