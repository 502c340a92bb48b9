import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  hitNeedle,
  hitPosition,
  planLiteralScan,
  scanLiterals,
  type ScanTarget,
} from '../../../src/matching/literal-scan.js';

/** A log where 'e', 't' and spaces are everywhere and 'Q', 'j', ';' are rare. */
const sample = Buffer.from(
  Array.from({ length: 400 }, (_, i) =>
    i % 50 === 0
      ? `Nov 21 12:00:00 host smtpd[1]: NOQUEUE: reject: RCPT from unknown[192.0.2.${i % 250}]`
      : `Nov 21 12:00:00 host smtpd[1]: connect from the other side of the network ${i}`,
  ).join('\n') + '\n',
);

const target = (literals: string[][], headBytes = 0): ScanTarget => ({ literals, headBytes });

test('a needle starts at the rarest byte of its literal and is at most 7 bytes long', () => {
  // 'O' is only in NOQUEUE here (the 'Q's are twice as many).
  const plan = planLiteralScan([target([['NOQUEUE: reject: ']])], sample);
  assert.deepEqual(
    plan.needles.map((n) => n.toString()),
    ['OQUEUE:'],
  );
  assert.deepEqual(plan.needleTargets, [[0]]);
});

test('the cheapest clause is chosen: a rare string rather than strings on many lines', () => {
  const plan = planLiteralScan([target([['the other side', 'of the network'], ['reject: ']])], sample);
  assert.deepEqual(
    plan.needles.map((n) => n.toString()),
    ['ject: '],
  );
});

test('one needle found inside the strings of several targets is scanned once for all of them', () => {
  const plan = planLiteralScan(
    [target([['Invalid credentials']]), target([['invalid credentials', 'Invalid credentials']])],
    sample,
  );
  const all = plan.needleTargets.flat();
  assert.deepEqual([...new Set(all)].sort(), [0, 1]);
  assert.ok(plan.needles.length <= 2);
});

test('bytes that may lie before the date cut are not used: too short a literal leaves the target on every line', () => {
  // "[]" is what a failregex sees of "[<date>]" once the date is cut out; the line never holds it.
  assert.deepEqual(planLiteralScan([target([['[]']], 1)], sample).everyLine, [0]);
  const plan = planLiteralScan([target([['[] Kopano WebApp user: ']], 1)], sample);
  assert.ok(plan.needles.every((n) => !n.toString().includes('[')));
});

test("a jail's failregexes share one needle of its gate (prefregex) when the gate is rarer than their own", () => {
  // sshd writes nothing to this log: one scan for "(sshd)" replaces a scan per failregex.
  const gate = [['(sshd)']];
  const sshd = (literals: string[][]): ScanTarget => ({ literals, headBytes: 0, gateKey: 1, gate });
  const plan = planLiteralScan(
    [
      target([['reject: ']]),
      sshd([['Invalid user '], ...gate]),
      sshd([['Failed password'], ...gate]),
      sshd([['Connection closed by'], ...gate]),
    ],
    sample,
  );
  assert.deepEqual(
    plan.needles.map((n) => n.toString()),
    ['ject: ', '(sshd)'],
  );
  assert.deepEqual(plan.needleTargets, [[0], [1, 2, 3]]);
});

test("a gate on every line is not used: the jail's failregexes keep their own needles", () => {
  const gate = [['smtpd[']];
  const smtpd = (literals: string[][]): ScanTarget => ({ literals, headBytes: 0, gateKey: 0, gate });
  const plan = planLiteralScan([smtpd([['NOQUEUE'], ...gate]), smtpd([['unknown['], ...gate])], sample);
  assert.ok(plan.needles.every((n) => !'smtpd['.includes(n.toString())));
  assert.deepEqual(plan.needleTargets.flat().sort(), [0, 1]);
});

test('a target without literals, or with only common ones, is matched on every line', () => {
  const plan = planLiteralScan([target([]), target([[' ']]), target([['reject']])], sample);
  assert.deepEqual(plan.everyLine, [0, 1]);
  assert.deepEqual(plan.needleTargets.flat(), [2]);
});

test('the scan reports every occurrence of every needle, sorted by position', () => {
  const plan = planLiteralScan([target([['NOQUEUE']]), target([['unknown[']])], sample);
  const hits = { array: new Float64Array(2) };
  const count = scanLiterals(plan, sample, hits);
  const found = Array.from(hits.array.subarray(0, count), (h) => [hitPosition(h), hitNeedle(h)] as const);
  const expected = plan.needles.flatMap((needle, n) => {
    const out: (readonly [number, number])[] = [];
    for (let i = sample.indexOf(needle); i >= 0; i = sample.indexOf(needle, i + 1)) out.push([i, n]);
    return out;
  });
  expected.sort((a, b) => a[0] - b[0]);
  assert.deepEqual(found, expected);
  assert.equal(count, 16);
});

test('needles that start with common bytes are found together by one skip scan, by their whole literals', () => {
  const log = Buffer.from(
    Array.from({ length: 600 }, (_, i) => {
      if (i % 20 === 0)
        return `Nov 21 12:00:00 mx smtpd[2]: lost connection after DATA from unknown[192.0.2.${i % 250}]`;
      if (i % 30 === 1)
        return `Nov 21 12:00:00 mx smtpd[2]: timeout after RCPT from unknown[192.0.2.${i % 250}]`;
      if (i % 40 === 2)
        return `Nov 21 12:00:00 mx smtpd[2]: too many errors after AUTH from unknown[192.0.2.9]`;
      return `Nov 21 12:00:00 mx smtpd[2]: lookup of the queue file by user yulia to lily is delayed ${i}`;
    }).join('\n') + '\n',
  );
  const literals = ['lost connection after ', 'timeout after ', 'too many errors after '];
  const plan = planLiteralScan(
    literals.map((l) => target([[l]])),
    log,
  );
  assert.ok(plan.skip !== undefined, 'no skip scan planned');
  // Each needle the skip scan looks for is its literal (or a longer part of it than the short needle).
  for (const [slot, long] of plan.skip.needles.entries()) {
    const n = plan.skip.numbers[slot] ?? -1;
    const short = plan.needles[n] as Buffer;
    assert.ok(Buffer.from(long).includes(short) && long.length > short.length);
    for (const t of plan.needleTargets[n] ?? [])
      assert.ok(literals[t]?.includes(Buffer.from(long).toString()));
  }
  // Every line holding a literal has a hit signalling that literal's target, and no hit lies elsewhere.
  const hits = { array: new Float64Array(4) };
  const count = scanLiterals(plan, log, hits);
  const signalled = new Set<string>();
  for (const hit of hits.array.subarray(0, count)) {
    const line = log.subarray(0, hitPosition(hit)).toString().split('\n').length - 1;
    for (const t of plan.needleTargets[hitNeedle(hit)] ?? []) signalled.add(`${line}:${t}`);
  }
  const expected = new Set<string>();
  log
    .toString()
    .split('\n')
    .forEach((text, line) =>
      literals.forEach((l, t) => {
        if (text.includes(l)) expected.add(`${line}:${t}`);
      }),
    );
  assert.deepEqual([...signalled].sort(), [...expected].sort());
  assert.ok(expected.size > 40);
});
