import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSeededRandom } from '../../../src/cli/demo/seeded-random.js';
import {
  buildSkipScan,
  pairCounts,
  skipScan,
  skipScanWork,
  type HitBuffer,
} from '../../../src/matching/skip-scan.js';

const STRIDE = 1024;

/** Every occurrence of every needle by indexOf, as sorted [position, number] pairs. */
function byIndexOf(chunk: Buffer, needles: readonly Buffer[], numbers: readonly number[]): number[][] {
  const out: number[][] = [];
  needles.forEach((needle, i) => {
    for (let at = chunk.indexOf(needle); at >= 0; at = chunk.indexOf(needle, at + 1)) {
      out.push([at, numbers[i] ?? -1]);
    }
  });
  return out.sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0) || (a[1] ?? 0) - (b[1] ?? 0));
}

function bySkipScan(
  chunk: Buffer,
  needles: readonly Buffer[],
  numbers: readonly number[],
  pairs?: Float64Array,
) {
  const scan = buildSkipScan(needles, numbers, pairs);
  // Starts small so that growing the buffer is exercised; hits before `count` must stay untouched.
  const hits: HitBuffer = { array: new Float64Array(2) };
  hits.array[0] = 42;
  const count = skipScan(scan, chunk, hits, 1, STRIDE);
  assert.equal(hits.array[0], 42);
  return Array.from(hits.array.subarray(1, count), (h) => [Math.floor(h / STRIDE), h % STRIDE]).sort(
    (a, b) => (a[0] ?? 0) - (b[0] ?? 0) || (a[1] ?? 0) - (b[1] ?? 0),
  );
}

test('the skip scan finds exactly what indexOf finds, overlaps and chunk edges included (seeded random cases)', () => {
  const random = createSeededRandom(20261121);
  // A small alphabet makes needles occur often, overlap and share byte pairs.
  const alphabet = ['a', 'b', 'c', ' ', 'ab', '\n', 'é'];
  const text = (length: number): string => Array.from({ length }, () => random.pick(alphabet)).join('');
  let compared = 0;
  for (let round = 0; round < 300; round++) {
    const chunk = Buffer.from(text(random.int(0, 400)));
    const needles = Array.from({ length: random.int(1, 6) }, () => {
      // Half the needles are cut from the chunk itself, so that most rounds have hits.
      if (chunk.length > 12 && random.next() < 0.5) {
        const from = random.int(0, chunk.length - 12);
        return chunk.subarray(from, from + random.int(3, 12));
      }
      return Buffer.from(text(random.int(3, 8))).subarray(0, random.int(3, 12));
    }).filter((n) => n.length >= 3);
    if (needles.length === 0) continue;
    const numbers = needles.map((_, i) => (i * 7) % 11);
    const expected = byIndexOf(chunk, needles, numbers);
    assert.deepEqual(bySkipScan(chunk, needles, numbers), expected, `round ${round}`);
    assert.deepEqual(
      bySkipScan(chunk, needles, numbers, pairCounts(chunk)),
      expected,
      `round ${round}, pairs`,
    );
    compared += expected.length;
  }
  assert.ok(compared > 1000, `only ${compared} hits compared`);
});

test('a needle longer than the window is found by its rarest window, also at the very start and end', () => {
  const chunk = Buffer.from(
    'Connection from a\n' + 'Connection closed by b\n'.repeat(3) + 'x from y\nConnection from',
  );
  const needles = [Buffer.from('Connection from'), Buffer.from('by b')];
  const pairs = pairCounts(chunk);
  const scan = buildSkipScan(needles, [3, 5], pairs);
  assert.equal(scan.window, 4);
  // "Connection from" is searched by a window other than its first four bytes ("Conn" is on every line).
  assert.notEqual(scan.offsets[0], 0);
  const found = bySkipScan(chunk, needles, [3, 5], pairs);
  assert.deepEqual(found, byIndexOf(chunk, needles, [3, 5]));
  assert.deepEqual(
    found.map(([at]) => at),
    [0, 36, 59, 82, 96],
  );
});

test('needles shorter than three bytes, or none, are refused', () => {
  assert.throws(() => buildSkipScan([Buffer.from('ab'), Buffer.from('abcd')], [0, 1]), /3 to 255 bytes/);
  assert.throws(() => buildSkipScan([], []), /needs needles/);
  assert.throws(() => buildSkipScan([Buffer.from('abc')], []), /needs needles/);
});

test('the work estimate jumps further with longer needles and stops where a needle ends', () => {
  const log = Buffer.from(
    'Nov 21 12:00:00 host sshd[1]: Connection closed by 192.0.2.1 port 22\n'.repeat(200),
  );
  const short = skipScanWork([Buffer.from('sed b')], log);
  const long = skipScanWork([Buffer.from('Connection closed by')], log);
  assert.ok(long.jumps < short.jumps / 2, `${long.jumps} jumps against ${short.jumps}`);
  // Every line ends a window on the needle's last pair at least once.
  assert.ok(long.stops >= 200);
});
