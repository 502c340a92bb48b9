// The match engine (src/matching/match-engine.ts): the source matcher on piscina worker threads, fed
// through push() with backpressure, results in log order through onResult.
//
// Workers load their modules and compile their matchers on their first task. That start-up is not part
// of the throughput (a service pays it once), so open() warms every worker up with a few synthetic
// lines that no filter matches; their line numbers are then subtracted and any failure on them dropped.
// Fresh workers also run cold code, while the single-thread drivers run in a process whose JIT has
// seen the same code in earlier repetitions: the session's warm-up chunks (real log lines) first go
// through the engine as other sources, one per worker, whose results are ignored.
import type { FilterSpec } from '../../../src/core/filter-spec.js';
import { createMatchEngine } from '../../../src/matching/match-engine.js';
import type { EngineResult } from '../../../src/matching/match-engine-types.js';
import type { FailureRecord, MatchDriver, MatchSession, SessionOptions } from './match-driver.js';

const SOURCE = 'bench';
const WARM_SOURCE = 'warm-up-';
const WARM_UP_LINE = Buffer.from('Jan  1 00:00:00 bench warmup[1]: warm-up line, not a log record\n');

async function openSession(specs: readonly FilterSpec[], options: SessionOptions): Promise<MatchSession> {
  const jailIndex = new Map(specs.map((spec, index) => [spec.name, index]));
  let failures = specs.map(() => 0);
  let records: FailureRecord[] | undefined;
  let warmUpLines = 0;
  // Problems seen in results are raised by process(), not thrown into the engine's delivery loop.
  let problem: Error | undefined;
  const onResult = (result: EngineResult): void => {
    if (result.sourceId !== SOURCE) return;
    if (result.error !== undefined) problem ??= result.error;
    for (const failure of result.failures) {
      const line = result.firstLine + failure.lineInChunk - warmUpLines;
      if (line < 1) continue;
      const jail = jailIndex.get(failure.jail);
      if (jail === undefined) {
        problem ??= new Error(`failure for unknown jail ${failure.jail}`);
        continue;
      }
      failures[jail] = (failures[jail] ?? 0) + 1;
      records?.push({ jail, line, id: failure.id });
    }
  };
  const warmSources =
    options.warmUp === undefined
      ? []
      : Array.from({ length: options.workers }, (_, i) => `${WARM_SOURCE}${i}`);
  const engine = createMatchEngine(
    [{ id: SOURCE, jails: specs }, ...warmSources.map((id) => ({ id, jails: specs }))],
    {
      workers: options.workers,
      checkFindTime: false,
      clock: { now: () => options.nowMs },
      onResult,
    },
  );
  // Two chunks per round (the first leaves at once, the second waits in the chunker for drain()); the
  // engine hands stateless chunks to its shards in turn, so every worker gets some.
  for (let round = 0; round < options.workers + 1; round++) {
    for (let i = 0; i < 2; i++) {
      await engine.push(SOURCE, WARM_UP_LINE);
      warmUpLines++;
    }
    await engine.drain();
  }
  for (const id of warmSources) {
    for (const chunk of options.warmUp ?? []) {
      const wait = engine.push(id, chunk);
      if (wait !== undefined) await wait;
    }
  }
  await engine.drain();
  return {
    async process(chunks) {
      failures = specs.map(() => 0);
      records = options.collect ? [] : undefined;
      for (const chunk of chunks) {
        const wait = engine.push(SOURCE, chunk);
        if (wait !== undefined) await wait;
      }
      await engine.drain();
      if (problem !== undefined) throw problem;
      return { failures, records };
    },
    close: () => engine.close(),
  };
}

export const engineDriver: MatchDriver = {
  name: 'engine',
  threaded: true,
  open: openSession,
};
