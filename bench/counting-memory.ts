// Benchmark: memory per tracked address in the counting stage. One jail (maxretry 5, findtime 10m),
// N distinct addresses failing once each (default 1,000,000), ids created on the fly as the matching
// stage would hand them over. Reports heap + typed-array bytes per tracked address, measured with
// process.memoryUsage() around the run after forced collections.
//
//   node --expose-gc dist/bench/counting-memory.js [--count N] [--family 4|6] [--maxretry N]
import { parseArgs } from 'node:util';
import { ManualClock } from '../src/core/clock.js';
import { createCountingStage } from '../src/counting/counting-stage.js';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '1000000' },
    family: { type: 'string', default: '4' },
    maxretry: { type: 'string', default: '5' },
  },
});
const count = Number(values.count);
const family = values.family === '6' ? 6 : 4;
const maxretry = Number(values.maxretry);

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) {
  console.error('run with node --expose-gc');
  process.exit(2);
}

function settle(): number {
  for (let i = 0; i < 4; i++) gc?.();
  const usage = process.memoryUsage();
  // Typed arrays live outside the JS heap (arrayBuffers is part of external).
  return usage.heapUsed + usage.external;
}

/** The i-th address of 10.0.0.0/8 or 2001:db8::/32, as canonical text. */
function address(i: number): string {
  if (family === 4) return `10.${(i >>> 16) & 255}.${(i >>> 8) & 255}.${i & 255}`;
  return `2001:db8:${(i >>> 16).toString(16)}:${(i & 0xffff).toString(16)}::1`;
}

const clock = new ManualClock(0);
const before = settle();
const stage = createCountingStage({ clock, jails: { bench: { maxretry, findtime: 600 } } });
const started = process.hrtime.bigint();
for (let i = 0; i < count; i++)
  stage.count({ jail: 'bench', id: address(i), kind: 'address', timeMs: i % 1000 });
const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
const after = settle();
const tracked = stage.status('bench')?.current ?? 0;
if (tracked !== count) throw new Error(`expected ${count} tracked addresses, got ${tracked}`);

const perAddress = (after - before) / tracked;
console.log(
  JSON.stringify({
    scenario: 'counting-memory',
    family,
    maxretry,
    tracked,
    totalMiB: Math.round(((after - before) / 1048576) * 10) / 10,
    bytesPerAddress: Math.round(perAddress),
    insertMs: Math.round(elapsedMs),
    node: process.version,
  }),
);
