import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { generateCorpus } from '../../../bench/corpus/generate-corpus-text.js';
import { resolveCorpusOptions } from '../../../bench/corpus/corpus-options.js';
import type { FilterSpec } from '../../../src/core/filter-spec.js';
import { createSourceMatcher } from '../../../src/matching/source-matcher.js';
import type { SourceMatcherOptions } from '../../../src/matching/source-matcher-types.js';
import { bundledConfigDir, projectRoot, sharedDir } from '../../support/project-paths.js';
import { sampleNowMs, sampleTimeZone } from '../../support/sample-runner.js';
import {
  failureKey,
  ourJail,
  referenceFailures,
  sampleFile,
  sampleOptionSets,
  type FailureKey,
  type ReferenceOptions,
} from './reference-matcher.js';

process.env.TZ = sampleTimeZone;

const ourFilters = readdirSync(join(bundledConfigDir, 'filter.d'))
  .filter((f) => f.endsWith('.conf') && !f.startsWith('common') && !f.endsWith('-common.conf'))
  .map((f) => f.slice(0, -'.conf'.length))
  .sort();

/** Runs a matcher over text cut into chunks at the given sizes (each cut moved to a line end). */
function matcherFailures(
  jails: readonly FilterSpec[],
  text: Buffer,
  options: ReferenceOptions,
  chunkBytes: number,
): { keys: FailureKey[]; matches: string[][] } {
  const matcherOptions: SourceMatcherOptions = {
    checkFindTime: options.checkFindTime,
    inOperation: options.inOperation ?? true,
    findtimeMs: Object.fromEntries(jails.map((j) => [j.name, options.findtimeMs ?? 600_000])),
    ...(options.maxLineLength === undefined ? {} : { maxLineLength: options.maxLineLength }),
    clock: { now: () => options.nowMs },
  };
  const matcher = createSourceMatcher({ id: 'log', jails }, matcherOptions);
  const keys: FailureKey[] = [];
  const matches: string[][] = [];
  let firstLine = 1;
  for (let start = 0; start < text.length;) {
    let end = Math.min(text.length, start + chunkBytes);
    const newline = text.indexOf(10, end - 1);
    end = newline < 0 ? text.length : newline + 1;
    const result = matcher.processChunk(text.subarray(start, end));
    assert.equal(result.needsCarry, false);
    for (const f of result.failures) {
      keys.push(failureKey(firstLine + f.lineInChunk, f));
      matches.push([...f.matches]);
    }
    firstLine += result.lines;
    start = end;
  }
  return { keys, matches };
}

function assertSame(
  jails: readonly FilterSpec[],
  text: Buffer,
  options: ReferenceOptions,
  chunkBytes: number,
): number {
  const expected = referenceFailures(jails, text, options);
  const actual = matcherFailures(jails, text, options, chunkBytes);
  assert.deepEqual(actual.keys, expected.keys);
  assert.deepEqual(actual.matches, expected.matches);
  return expected.keys.length;
}

const modes: readonly (Omit<ReferenceOptions, 'nowMs'> & { label: string })[] = [
  { label: 'times as written', checkFindTime: false },
  { label: 'service mode', checkFindTime: true, inOperation: true },
  { label: 'catching up', checkFindTime: true, inOperation: false, findtimeMs: 3 * 365 * 86_400_000 },
];

for (const filter of ourFilters) {
  test(`the matcher finds what LineFilter finds on the ${filter} samples, in every option set and mode`, () => {
    const files = [sampleFile(projectRoot, filter), join(sharedDir, 'fail2ban-samples', filter)].filter((f) =>
      existsSync(f),
    );
    const text = Buffer.concat(files.map((f) => readFileSync(f)));
    const jails = sampleOptionSets(sampleFile(projectRoot, filter)).map((params) => ourJail(filter, params));
    let found = 0;
    for (const mode of modes) {
      for (const chunkBytes of [1 << 20, 700])
        found += assertSame(jails, text, { ...mode, nowMs: sampleNowMs }, chunkBytes);
    }
    assert.ok(found > 0);
  });
}

function corpus(kind: 'mail' | 'sshd' | 'flood', lines: number): Buffer {
  const parts: string[] = [];
  generateCorpus(resolveCorpusOptions({ kind, lines, seed: 11 }), { write: (s) => parts.push(s) });
  return Buffer.from(parts.join(''));
}

test('the matcher finds what LineFilter finds on generated mail, flood and sshd logs', () => {
  const nowMs = Date.UTC(2026, 10, 1, 1);
  const mailJails = [ourJail('postfix'), ourJail('postfix', { mode: 'auth' }), ourJail('dovecot')];
  for (const [kind, jails] of [
    ['mail', mailJails],
    ['flood', mailJails],
    ['sshd', [ourJail('sshd'), ourJail('sshd', { mode: 'aggressive' })]],
  ] as const) {
    const text = corpus(kind, 4000);
    for (const mode of modes) {
      const count = assertSame(jails, text, { ...mode, nowMs }, 64 * 1024);
      if (!mode.checkFindTime) assert.ok(count > 50, `${kind}: ${count} failures`);
    }
  }
});

const jail = (failregex: string[], extra: Partial<FilterSpec> = {}): FilterSpec => ({
  name: extra.name ?? 'j',
  failregex,
  ignoreregex: [],
  maxlines: 1,
  usedns: 'warn',
  ...extra,
});

/** Local time (TZ is set above), as the year-less dates below are read. */
const nowMs = new Date(2026, 10, 21, 12, 0, 0).getTime();

test('CR before the newline is dropped, NUL bytes stay and invalid UTF-8 is decoded with replacements', () => {
  const jails = [jail(['^\\s*auth failed for <F-USER>\\S+</F-USER> from <HOST>$'])];
  const text = Buffer.concat([
    Buffer.from('Nov 21 11:59:01 auth failed for bob from 192.0.2.1\r\n'),
    Buffer.from('Nov 21 11:59:02 auth failed for b\u0000b from 192.0.2.2\n'),
    Buffer.from('Nov 21 11:59:03 auth failed for '),
    Buffer.from([0xff, 0xfe, 0x41]),
    Buffer.from(' from 192.0.2.3\n'),
    Buffer.from('Nov 21 11:59:04 auth failed for j\u00fcrgen from 192.0.2.4\n'),
  ]);
  const options = { checkFindTime: false, nowMs };
  assertSame(jails, text, options, 1 << 20);
  const result = createSourceMatcher({ id: 'log', jails }, { checkFindTime: false }).processChunk(text, {
    nowMs,
  });
  assert.deepEqual(
    result.failures.map((f) => [f.id, f.user]),
    [
      ['192.0.2.1', 'bob'],
      ['192.0.2.2', 'b\u0000b'],
      ['192.0.2.3', '\ufffd\ufffdA'],
      ['192.0.2.4', 'j\u00fcrgen'],
    ],
  );
  assert.equal(result.failures[0]?.matches[0], 'Nov 21 11:59:01 auth failed for bob from 192.0.2.1');
  assert.equal(result.invalidUtf8, 1);
  assert.equal(result.nulLines, 1);
  assert.equal(result.lines, 4);
});

test('lines longer than maxLineLength are skipped and counted', () => {
  const jails = [jail(['from <HOST>$'])];
  const long = `Nov 21 11:59:01 x ${'y'.repeat(200)} from 192.0.2.9`;
  const text = Buffer.from(`Nov 21 11:59:00 a from 192.0.2.8\n${long}\nNov 21 11:59:02 b from 192.0.2.7\n`);
  const matcher = createSourceMatcher({ id: 'log', jails }, { maxLineLength: 100, checkFindTime: false });
  const result = matcher.processChunk(text, { nowMs });
  assert.equal(result.skippedLong, 1);
  assert.equal(result.lines, 3);
  assert.deepEqual(
    result.failures.map((f) => [f.id, f.lineInChunk]),
    [
      ['192.0.2.8', 0],
      ['192.0.2.7', 2],
    ],
  );
  assertSame(jails, text, { checkFindTime: false, nowMs, maxLineLength: 100 }, 1 << 20);
});

test('a line without a date borrows the last dated line, also one the scan skipped and one in the previous chunk', () => {
  const jails = [jail(['^\\s*failed from <HOST>$'])];
  const text = Buffer.from(
    [
      'Nov 21 11:59:10 nothing to see',
      'failed from 192.0.2.1',
      'Nov 21 11:59:20 nothing to see',
      'Nov 21 11:59:30 nothing to see',
      'failed from 192.0.2.2',
      '',
    ].join('\n'),
  );
  for (const chunkBytes of [1 << 20, 20, 40]) {
    const { keys } = matcherFailures(jails, text, { checkFindTime: false, nowMs }, chunkBytes);
    assert.deepEqual(
      keys.map((k) => k.split(' ').slice(0, 5).join(' ')),
      [`2 j 192.0.2.1 address ${nowMs - 50_000}`, `5 j 192.0.2.2 address ${nowMs - 30_000}`],
    );
    assertSame(jails, text, { checkFindTime: false, nowMs }, chunkBytes);
  }
});

test('a chunk started without its predecessor date memory asks for it when a line borrows a date', () => {
  const jails = [jail(['^\\s*failed from <HOST>$'])];
  const matcher = createSourceMatcher({ id: 'log', jails }, { checkFindTime: false });
  const first = matcher.processChunk(Buffer.from('Nov 21 11:59:10 hello\n'), { nowMs });
  assert.deepEqual(first.lastDates, [{ lastDate: nowMs - 50_000, lastTimeText: 'Nov 21 11:59:10' }]);
  const chunk = Buffer.from('failed from 192.0.2.1\nNov 21 11:59:30 hello\n');
  const unknown = matcher.processChunk(chunk, { nowMs, carry: [null] });
  assert.equal(unknown.needsCarry, true);
  assert.deepEqual(unknown.failures, []);
  const known = matcher.processChunk(chunk, { nowMs, carry: first.lastDates });
  assert.equal(known.needsCarry, false);
  assert.equal(known.failures[0]?.timeMs, nowMs - 50_000);
  assert.equal(known.failures[0]?.matches[0], 'Nov 21 11:59:10failed from 192.0.2.1');
  assert.deepEqual(known.lastDates, [{ lastDate: nowMs - 30_000, lastTimeText: 'Nov 21 11:59:30' }]);
  // A chunk whose lines all have dates needs nothing, and one without dated lines passes the memory on.
  const dated = matcher.processChunk(Buffer.from('Nov 21 11:59:40 failed from 192.0.2.2\n'), {
    nowMs,
    carry: [null],
  });
  assert.equal(dated.needsCarry, false);
  assert.equal(dated.failures.length, 1);
  assert.deepEqual(matcher.processChunk(Buffer.from('no date here\n'), { nowMs, carry: [null] }).lastDates, [
    null,
  ]);
});

test('jails with maxlines > 1 see every line and match across them; jails with other datepatterns date lines their own way', () => {
  const jails = [
    jail(['^\\s*user (?P<u>\\S+) unknown\\n.*from <HOST>$'], { name: 'multi', maxlines: 2 }),
    jail(['^\\s*failed from <HOST>$'], { name: 'single' }),
    jail(['failed from <HOST>$'], { name: 'epoch', datepattern: '^EPOCH' }),
  ];
  const text = Buffer.from(
    [
      'Nov 21 11:59:10 user bob unknown',
      'Nov 21 11:59:11 connection from 192.0.2.44',
      '1795780790 failed from 192.0.2.45',
      'failed from 192.0.2.46',
      '',
    ].join('\n'),
  );
  for (const chunkBytes of [1 << 20, 30])
    assertSame(jails, text, { checkFindTime: false, nowMs }, chunkBytes);
  const { keys } = matcherFailures(jails, text, { checkFindTime: false, nowMs }, 1 << 20);
  assert.ok(keys.some((k) => k.startsWith('2 multi 192.0.2.44')));
  assert.ok(keys.some((k) => k.startsWith('3 epoch 192.0.2.45')));
});

test('invalid options are refused with their own message', () => {
  assert.throws(
    () => createSourceMatcher({ id: 'log', jails: [] }, { maxLineLength: 0 }),
    /maxLineLength must be a positive integer/,
  );
  assert.throws(
    () => createSourceMatcher({ id: 'log', jails: [] }, { findtimeMs: { j: -1 } }),
    /findtimeMs of jail j/,
  );
});

test('random bytes (NUL, CR, invalid UTF-8, long lines, pieces of real lines) never throw and match like LineFilter', () => {
  let state = 0x2545f491;
  const next = (n: number): number => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) % n;
  };
  const words = [
    'Nov 21 11:59:01 ',
    'mail postfix/smtpd[1]: ',
    'NOQUEUE: reject: RCPT from unknown[192.0.2.7]: 554 5.7.1 <a@b>: Relay access denied; ',
    'warning: unknown[2001:db8::1]: SASL LOGIN authentication failed: x',
    'dovecot: auth-worker(1): pam(bob,192.0.2.9,<s>): unknown user',
    'sshd[9]: Failed password for root from 192.0.2.4 port 22 ssh2',
    '\r',
    '\u0000',
    '\u00e9',
    ' ',
  ];
  const parts: Buffer[] = [];
  for (let i = 0; i < 3000; i++) {
    const r = next(10);
    if (r < 6) parts.push(Buffer.from(words[next(words.length)] ?? ''));
    else if (r < 8) parts.push(Buffer.from([next(256), next(256), next(256)]));
    else if (r < 9) parts.push(Buffer.from('\n'));
    else parts.push(Buffer.alloc(next(3) === 0 ? 3000 : 10, 0x78));
  }
  const text = Buffer.concat(parts);
  const jails = [
    ourJail('postfix'),
    ourJail('postfix', { mode: 'auth' }),
    ourJail('dovecot'),
    ourJail('sshd'),
  ];
  let found = 0;
  for (const chunkBytes of [1 << 20, 1000]) {
    found += assertSame(jails, text, { checkFindTime: false, nowMs, maxLineLength: 2000 }, chunkBytes);
    found += assertSame(jails, text, { checkFindTime: true, nowMs, maxLineLength: 2000 }, chunkBytes);
  }
  assert.ok(found > 20, `${found} failures`);
});
