import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isAscii } from 'node:buffer';
import { createBytesSearchRegex } from '../../../src/matching/bytes-search-regex.js';
import { compileFilter } from '../../../src/matching/compile-filter.js';
import { DateMemory, LineFilter, type LineFilterOptions } from '../../../src/matching/line-filter.js';
import type { FilterSpec } from '../../../src/core/filter-spec.js';

const nowMs = Date.UTC(2026, 10, 21, 12, 0, 0);
const spec: FilterSpec = {
  name: 't',
  prefregex: '^\\s*host svc\\[\\d+\\]: <F-CONTENT>.+</F-CONTENT>$',
  failregex: ['^bad login for <F-USER>\\S+</F-USER> from <HOST>$', '^denied <HOST>$'],
  ignoreregex: ['for admin '],
  maxlines: 1,
  usedns: 'warn',
};
const options: LineFilterOptions = { maxlines: 1, usedns: 'warn', checkFindTime: false, findtimeMs: 600_000 };

function filters(memory?: DateMemory): { strings: LineFilter; bytes: LineFilter } {
  const compiled = compileFilter(spec);
  return {
    strings: new LineFilter(compiled.regexes, options, memory),
    bytes: new LineFilter(
      {
        ...(compiled.prefregex === undefined
          ? {}
          : { prefregex: createBytesSearchRegex(compiled.prefregex) }),
        failregex: compiled.failregex.map(createBytesSearchRegex),
        ignoreregex: compiled.ignoreregex.map(createBytesSearchRegex),
      },
      options,
      memory,
    ),
  };
}

test('processLineBytes finds what processLine finds on the decoded line, with the same matches', () => {
  const { strings, bytes } = filters();
  const lines = [
    'T1 host svc[1]: bad login for bob from 192.0.2.1',
    'T2 host svc[1]: bad login for admin from 192.0.2.2',
    'T3 host svc[1]: denied 192.0.2.3',
    'host svc[1]: denied 192.0.2.4',
    'T5 host svc[1]: bad login for j\u00fcrgen from 192.0.2.5',
    'T6 other[1]: denied 192.0.2.6',
  ];
  for (const [i, line] of lines.entries()) {
    const dated = line.startsWith('T');
    const timeMs = nowMs - 10_000 + i;
    const expected = strings.processLine(
      line,
      dated ? { tuple: { head: '', date: line.slice(0, 2), tail: line.slice(2) }, timeMs } : undefined,
      nowMs,
    );
    const buffer = Buffer.from(line);
    const actual = bytes.processLineBytes(buffer, dated ? { start: 0, end: 2, timeMs } : undefined, nowMs, {
      ascii: isAscii(buffer),
    });
    assert.deepEqual(actual, expected, line);
  }
  assert.equal(bytes.ignoredLines, 1);
});

test('a failregex the caller marks as impossible is not tried', () => {
  const { bytes } = filters();
  const line = Buffer.from('host svc[1]: denied 192.0.2.3');
  assert.equal(
    bytes.processLineBytes(line, undefined, nowMs, { ascii: true, tryFailregex: Uint8Array.of(1, 0) }).length,
    0,
  );
  assert.equal(
    bytes.processLineBytes(line, undefined, nowMs, { ascii: true, tryFailregex: Uint8Array.of(0, 1) }).length,
    1,
  );
});

test('filters sharing a date memory see the dates noted by any of them', () => {
  const memory = new DateMemory();
  const { strings: a, bytes: b } = filters(memory);
  a.noteDate({ tuple: { head: '', date: 'T0', tail: '' }, timeMs: nowMs - 5_000 }, nowMs);
  const [hit] = b.processLineBytes(Buffer.from('host svc[1]: denied 192.0.2.9'), undefined, nowMs, {
    ascii: true,
  });
  assert.equal(hit?.timeMs, nowMs - 5_000);
  assert.deepEqual(hit?.matches, ['T0host svc[1]: denied 192.0.2.9']);
  assert.equal(memory.lastTimeText, 'T0');
});
