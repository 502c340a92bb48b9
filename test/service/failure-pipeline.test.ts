// The failure pipeline on its own, with stand-ins for counting, decisions and the sink.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ManualClock } from '../../src/core/clock.js';
import { createSilentLogger } from '../../src/core/logger.js';
import { createCountingStage } from '../../src/counting/index.js';
import { createDecisionStage, createSystemDecisionIo } from '../../src/decisions/index.js';
import type { EngineResult } from '../../src/matching/match-engine-types.js';
import type { BanSink } from '../../src/service/ban-sink.js';
import { FailurePipeline } from '../../src/service/failure-pipeline.js';

function setup() {
  const clock = new ManualClock(Date.parse('2026-11-21T12:00:00Z'));
  const jail = { maxretry: 2, findtime: 600, bantime: 600, ignoreself: false, ignoreip: ['192.0.2.200'] };
  const counting = createCountingStage({ clock, jails: { sshd: jail } });
  const decisions = createDecisionStage({ clock, io: createSystemDecisionIo(), jails: { sshd: jail } });
  const banned: string[] = [];
  const sink: BanSink = {
    ban: (decision) => banned.push(decision.address),
    unban: () => undefined,
    flush: () => Promise.resolve(),
    close: () => Promise.resolve(),
    stats: () => ({ bans: banned.length, unbans: 0 }),
  };
  const processed: [string, number][] = [];
  const pipeline = new FailurePipeline({
    counting,
    decisions,
    sink,
    clock,
    logger: createSilentLogger(),
    maxQueuedResults: 2,
    onProcessed: (source, line) => processed.push([source, line]),
  });
  return { clock, pipeline, banned, processed };
}

function result(seq: number, addresses: string[], timeMs: number): EngineResult {
  return {
    sourceId: 'auth.log',
    seq,
    firstLine: seq * 10 + 1,
    lines: 10,
    skippedLong: 0,
    invalidUtf8: 0,
    nulLines: 0,
    failures: addresses.map((id, i) => ({
      jail: 'sshd',
      id,
      kind: 'address' as const,
      timeMs,
      failregex: 0,
      lineInChunk: i,
      matches: [`line of ${id}`],
    })),
  };
}

test('failures are counted in order, bans reach the sink, ignored addresses never do', async () => {
  const { clock, pipeline, banned, processed } = setup();
  pipeline.handle(result(0, ['203.0.113.1', '192.0.2.200', '203.0.113.2'], clock.now()), clock.now());
  pipeline.handle(result(1, ['203.0.113.1', '192.0.2.200', '192.0.2.200'], clock.now()), clock.now());
  await pipeline.idle();
  assert.deepEqual(banned, ['203.0.113.1']);
  assert.deepEqual(processed, [
    ['auth.log', 10],
    ['auth.log', 20],
  ]);
  const stats = pipeline.stats();
  assert.equal(stats.failures, 6);
  assert.equal(stats.ignored, 3);
  assert.equal(stats.bans, 1);
  assert.equal(stats.queued, 0);
});

test('room() makes sources wait while too many results are queued', async () => {
  const { clock, pipeline } = setup();
  assert.equal(pipeline.room(), undefined);
  for (let seq = 0; seq < 5; seq++) pipeline.handle(result(seq, ['203.0.113.9'], clock.now()), clock.now());
  const wait = pipeline.room();
  assert.notEqual(wait, undefined);
  await wait;
  await pipeline.idle();
  assert.equal(pipeline.room(), undefined);
});

test('a processed result is not kept: its failures and log lines can be collected', async () => {
  setFlagsFromString('--expose_gc');
  const gc = runInNewContext('gc') as () => void;
  const { clock, pipeline } = setup();
  let taken = result(0, ['203.0.113.5'], clock.now());
  const failures = new WeakRef(taken.failures);
  pipeline.handle(taken, clock.now());
  taken = result(1, [], clock.now());
  await pipeline.idle();
  await new Promise((resolve) => setImmediate(resolve));
  gc();
  assert.equal(failures.deref(), undefined, 'the pipeline still holds a processed result');
});
