import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { generateCorpus } from '../../../bench/corpus/generate-corpus-text.js';
import { resolveCorpusOptions } from '../../../bench/corpus/corpus-options.js';
import { ManualClock } from '../../../src/core/clock.js';
import { Fail2nftError } from '../../../src/core/errors.js';
import type { FilterSpec } from '../../../src/core/filter-spec.js';
import { createMatchEngine } from '../../../src/matching/match-engine.js';
import type { EngineResult, MatchEngineOptions } from '../../../src/matching/match-engine-types.js';
import type { SourceSpec } from '../../../src/matching/source-matcher-types.js';
import { bundledConfigDir, projectRoot, sharedDir } from '../../support/project-paths.js';
import { sampleNowMs, sampleTimeZone } from '../../support/sample-runner.js';
import {
  failureKey,
  ourJail,
  referenceFailures,
  sampleFile,
  sampleOptionSets,
  type FailureKey,
} from './reference-matcher.js';

process.env.TZ = sampleTimeZone;

interface Source {
  readonly spec: SourceSpec;
  readonly text: Buffer;
}

/** Cuts text into pieces of varying sizes (a deterministic walk through `sizes`). */
function pieces(text: Buffer, sizes: readonly number[]): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0, k = 0; i < text.length; k++) {
    const size = sizes[k % sizes.length] ?? 1;
    out.push(text.subarray(i, i + size));
    i += size;
  }
  return out;
}

interface Run {
  readonly keys: Map<string, FailureKey[]>;
  readonly matches: Map<string, string[][]>;
  readonly results: EngineResult[];
  readonly stats: ReturnType<ReturnType<typeof createMatchEngine>['stats']>;
}

/** Pushes every source's pieces, interleaved, awaiting backpressure; collects results per source. */
async function runEngine(sources: readonly Source[], options: MatchEngineOptions): Promise<Run> {
  const results: EngineResult[] = [];
  const engine = createMatchEngine(
    sources.map((s) => s.spec),
    { ...options, onResult: (r) => results.push(r) },
  );
  try {
    const queues = sources.map((s) => pieces(s.text, [5000, 333, 70_000, 1, 12_345]));
    for (let round = 0; queues.some((q) => q.length > 0); round++) {
      for (const [i, queue] of queues.entries()) {
        const piece = queue.shift();
        if (piece === undefined) continue;
        const wait = engine.push(sources[i]?.spec.id ?? '', piece);
        if (wait !== undefined) await wait;
      }
    }
    await engine.drain();
    const stats = engine.stats();
    const keys = new Map<string, FailureKey[]>();
    const matches = new Map<string, string[][]>();
    const nextSeq = new Map<string, number>();
    const lines = new Map<string, number>();
    for (const r of results) {
      assert.equal(r.seq, nextSeq.get(r.sourceId) ?? 0, 'results come in order per source');
      nextSeq.set(r.sourceId, r.seq + 1);
      lines.set(r.sourceId, (lines.get(r.sourceId) ?? 0) + r.lines);
      const list = keys.get(r.sourceId) ?? [];
      const lineLists = matches.get(r.sourceId) ?? [];
      for (const f of r.failures) {
        list.push(failureKey(r.firstLine + f.lineInChunk, f));
        lineLists.push([...f.matches]);
      }
      keys.set(r.sourceId, list);
      matches.set(r.sourceId, lineLists);
    }
    for (const { spec, text } of sources) {
      const newlines = text.toString('latin1').split('\n').length - 1;
      assert.equal(lines.get(spec.id) ?? 0, newlines, `every line of ${spec.id} is counted once`);
    }
    return { keys, matches, results, stats };
  } finally {
    await engine.close();
  }
}

function expectSame(
  sources: readonly Source[],
  run: Run,
  nowMs: number,
  options: MatchEngineOptions,
): number {
  let total = 0;
  for (const { spec, text } of sources) {
    const expected = referenceFailures(spec.jails, text, {
      nowMs,
      checkFindTime: options.checkFindTime ?? true,
      inOperation: options.inOperation ?? true,
      ...(options.maxLineLength === undefined ? {} : { maxLineLength: options.maxLineLength }),
    });
    assert.deepEqual(run.keys.get(spec.id) ?? [], expected.keys, `source ${spec.id}`);
    assert.deepEqual(run.matches.get(spec.id) ?? [], expected.matches, `matches of source ${spec.id}`);
    total += expected.keys.length;
  }
  return total;
}

function corpus(kind: 'mail' | 'sshd' | 'flood', lines: number, seed = 5): Buffer {
  const parts: string[] = [];
  generateCorpus(resolveCorpusOptions({ kind, lines, seed }), { write: (s) => parts.push(s) });
  return Buffer.from(parts.join(''));
}

const mailJails = (): FilterSpec[] => [
  ourJail('postfix'),
  ourJail('postfix', { mode: 'auth' }),
  ourJail('dovecot'),
  ourJail('sshd'),
];

const small = { chunkBytes: 16 * 1024, maxLineLength: 4096 };

for (const workers of [1, 2]) {
  test(`with ${workers} worker(s) the engine finds what LineFilter finds on generated mail and sshd logs, in order`, async () => {
    const nowMs = Date.UTC(2026, 10, 1, 1);
    const sources: Source[] = [
      { spec: { id: 'mail', jails: mailJails() }, text: corpus('mail', 6000) },
      {
        spec: { id: 'auth', jails: [ourJail('sshd'), ourJail('sshd', { mode: 'aggressive' })] },
        text: corpus('sshd', 6000),
      },
    ];
    for (const checkFindTime of [false, true]) {
      const options: MatchEngineOptions = { ...small, workers, checkFindTime, clock: new ManualClock(nowMs) };
      const run = await runEngine(sources, options);
      const found = expectSame(sources, run, nowMs, options);
      assert.ok(found > 300, `${found} failures`);
      assert.ok(run.stats.chunks > 20);
      assert.equal(run.stats.failedChunks, 0);
      // One worker walks each chunk once (one part per source); two split the mail source's jails
      // into a stateless and a stateful task per chunk.
      if (workers === 1) assert.equal(run.stats.tasks, run.stats.chunks);
      else assert.ok(run.stats.tasks > run.stats.chunks + 10, `${run.stats.tasks} tasks`);
    }
  });

  test(`with ${workers} worker(s) the engine finds what LineFilter finds on every sample file of our filters`, async () => {
    const filters = readdirSync(join(bundledConfigDir, 'filter.d'))
      .filter((f) => f.endsWith('.conf') && !f.startsWith('common') && !f.endsWith('-common.conf'))
      .map((f) => f.slice(0, -'.conf'.length));
    const sources: Source[] = filters.map((filter) => {
      const files = [sampleFile(projectRoot, filter), join(sharedDir, 'fail2ban-samples', filter)].filter(
        (f) => existsSync(f),
      );
      return {
        spec: {
          id: filter,
          jails: sampleOptionSets(sampleFile(projectRoot, filter)).map((p) => ourJail(filter, p)),
        },
        // The engine waits for the newline of an incomplete last line; the reference would not.
        text: Buffer.concat(files.map((f) => readFileSync(f)).concat(Buffer.from('\n'))),
      };
    });
    const options: MatchEngineOptions = {
      chunkBytes: 2048,
      maxLineLength: 1024,
      workers,
      checkFindTime: false,
      clock: new ManualClock(sampleNowMs),
    };
    const run = await runEngine(sources, options);
    assert.ok(expectSame(sources, run, sampleNowMs, options) > 500);
  });
}

test('a worker that exits or throws on a chunk is replaced and the chunk retried: no line lost or counted twice', async () => {
  const nowMs = Date.UTC(2026, 10, 1, 1);
  const text = corpus('mail', 3000, 9);
  const marker = 'CRASH-HERE';
  const cut = text.indexOf(10, text.length >> 1) + 1;
  const withMarker = Buffer.concat([
    text.subarray(0, cut),
    Buffer.from(`Nov  1 00:10:00 mail x: ${marker}\n`),
    text.subarray(cut),
  ]);
  const sources: Source[] = [{ spec: { id: 'mail', jails: mailJails() }, text: withMarker }];
  for (const mode of ['exit', 'throw'] as const) {
    const options: MatchEngineOptions = {
      ...small,
      workers: 2,
      checkFindTime: false,
      clock: new ManualClock(nowMs),
      faultInjection: { marker, times: 2, mode },
    };
    const run = await runEngine(sources, options);
    assert.ok(expectSame(sources, run, nowMs, options) > 30);
    assert.ok(run.stats.retries >= 2, `${mode}: ${run.stats.retries} retries`);
    assert.equal(run.stats.failedChunks, 0);
  }
});

test('a chunk that keeps failing is given up after maxAttempts, reported with its error, and the others still match', async () => {
  const nowMs = Date.UTC(2026, 10, 1, 1);
  const marker = 'ALWAYS-CRASH';
  const text = Buffer.concat([
    corpus('mail', 2000, 3),
    Buffer.from(`Nov  1 00:10:00 mail x: ${marker}\n`),
    corpus('mail', 500, 4),
  ]);
  const run = await runEngine([{ spec: { id: 'mail', jails: mailJails() }, text }], {
    ...small,
    workers: 1,
    checkFindTime: false,
    clock: new ManualClock(nowMs),
    maxAttempts: 2,
    faultInjection: { marker, times: 1000, mode: 'throw' },
  });
  const failed = run.results.filter((r) => r.error !== undefined);
  assert.equal(run.stats.failedChunks, failed.length);
  assert.ok(failed.length >= 1);
  assert.ok(
    failed.every((r) => r.error instanceof Fail2nftError && r.error.code === 'F2N_ERR_MATCH_WORKER_FAILED'),
  );
  assert.ok(run.results.some((r) => r.error === undefined && r.failures.length > 0));
  // Lines are still counted, so later chunks keep their line numbers.
  assert.equal(run.stats.lines, text.toString().split('\n').length - 1);
});

test('push makes the caller wait while maxChunksInFlight chunks are undelivered, and resumes when results are taken', async () => {
  const text = corpus('mail', 3000, 2);
  const engine = createMatchEngine([{ id: 'mail', jails: mailJails() }], {
    ...small,
    workers: 1,
    maxChunksInFlight: 2,
    checkFindTime: false,
  });
  try {
    const wait = engine.push('mail', text);
    assert.notEqual(wait, undefined, 'a push of many chunks waits');
    const state = { resolved: false };
    void wait?.then(() => {
      state.resolved = true;
    });
    // Nothing is taken yet: the bound holds and the rest of the bytes wait.
    assert.ok(engine.stats().chunksInFlight <= 2);
    const iterator = engine.results();
    const seen: EngineResult[] = [];
    const first = await iterator.next();
    assert.ok(first.done !== true);
    seen.push(first.value);
    const drained = engine.drain();
    let lines = seen.reduce((n, r) => n + r.lines, 0);
    for (let i = 0; i < 10_000 && lines < 3000; i++) {
      const next = await iterator.next();
      if (next.done === true) break;
      seen.push(next.value);
      lines += next.value.lines;
    }
    await drained;
    await wait;
    assert.equal(state.resolved, true);
    assert.equal(lines, 3000);
    assert.deepEqual(
      seen.map((r) => r.seq),
      seen.map((_, i) => i),
    );
  } finally {
    await engine.close();
  }
});

test('a chunk whose first lines borrow the previous chunk date is matched again with it', async () => {
  const nowMs = new Date(2026, 10, 21, 12, 0, 0).getTime();
  const lines: string[] = [];
  for (let i = 0; i < 400; i++) {
    lines.push(`Nov 21 11:59:${String(i % 60).padStart(2, '0')} host svc: session ${i}`);
    lines.push(`  failed from 192.0.2.${i % 250}`);
  }
  const text = Buffer.from(lines.join('\n') + '\n');
  const spec: SourceSpec = {
    id: 'svc',
    jails: [
      { name: 'svc', failregex: ['^\\s*failed from <HOST>$'], ignoreregex: [], maxlines: 1, usedns: 'warn' },
    ],
  };
  const options: MatchEngineOptions = {
    chunkBytes: 1024,
    maxLineLength: 512,
    workers: 2,
    checkFindTime: true,
    clock: new ManualClock(nowMs),
  };
  const results: EngineResult[] = [];
  const engine = createMatchEngine([spec], { ...options, onResult: (r) => results.push(r) });
  try {
    // One push: every chunk after the first is sent before its predecessor is delivered.
    await engine.push('svc', text);
    await engine.drain();
    const keys = results.flatMap((r) => r.failures.map((f) => failureKey(r.firstLine + f.lineInChunk, f)));
    assert.deepEqual(keys, referenceFailures(spec.jails, text, { nowMs, checkFindTime: true }).keys);
    assert.ok(engine.stats().carryReruns > 0);
  } finally {
    await engine.close();
  }
});

test('setInOperation switches a source between catching up (old lines dropped) and live matching (times clamped)', async () => {
  const nowMs = new Date(2026, 10, 21, 12, 0, 0).getTime();
  const spec: SourceSpec = {
    id: 's',
    jails: [{ name: 'j', failregex: ['failed from <HOST>$'], ignoreregex: [], maxlines: 1, usedns: 'warn' }],
  };
  const results: EngineResult[] = [];
  const engine = createMatchEngine([spec], {
    workers: 1,
    inOperation: false,
    findtimeMs: { j: 600_000 },
    clock: new ManualClock(nowMs),
    onResult: (r) => results.push(r),
  });
  try {
    await engine.push(
      's',
      Buffer.from('Nov 21 10:00:00 failed from 192.0.2.1\nNov 21 11:58:00 failed from 192.0.2.2\n'),
    );
    engine.setInOperation('s', true);
    await engine.push('s', Buffer.from('Nov 21 10:00:00 failed from 192.0.2.3\n'));
    await engine.drain();
    assert.deepEqual(
      results.flatMap((r) => r.failures.map((f) => [f.id, f.timeMs])),
      [
        ['192.0.2.2', nowMs - 120_000],
        ['192.0.2.3', nowMs],
      ],
    );
  } finally {
    await engine.close();
  }
});

test('unknown sources, duplicate ids, bad options and pushes after close are refused', async () => {
  const spec: SourceSpec = { id: 's', jails: [] };
  assert.throws(() => createMatchEngine([spec, spec]), /given twice/);
  assert.throws(() => createMatchEngine([spec], { workers: 0 }), /workers must be an integer >= 1/);
  assert.throws(
    () => createMatchEngine([spec], { chunkBytes: 100, maxLineLength: 100 }),
    /chunkBytes must exceed/,
  );
  assert.throws(
    () =>
      createMatchEngine([
        {
          id: 'x',
          jails: [{ name: 'bad', failregex: ['(?<=x)'], ignoreregex: [], maxlines: 1, usedns: 'warn' }],
        },
      ]),
    Fail2nftError,
  );
  const engine = createMatchEngine([spec], { workers: 1 });
  assert.throws(() => engine.push('other', Buffer.from('x\n')), /no source other/);
  assert.equal(engine.push('s', Buffer.from('a line without jails\n')), undefined);
  await engine.close();
  assert.equal(engine.stats().lines, 1);
  assert.throws(
    () => engine.push('s', Buffer.from('x\n')),
    (e: unknown) => e instanceof Fail2nftError && e.code === 'F2N_ERR_MATCH_CLOSED',
  );
});
