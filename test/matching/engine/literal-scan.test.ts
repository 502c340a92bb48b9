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
