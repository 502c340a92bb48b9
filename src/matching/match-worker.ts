// The worker-thread entry of the match engine (run by piscina): one source matcher per source part,
// compiled on first use and kept, so a stateful part keeps its sessions and multi-line buffers between
// chunks. Imports only pure matching modules.
import { workerData } from 'node:worker_threads';
import { packFailures } from './packed-failures.js';
import { createSourceMatcher } from './source-matcher.js';
import type { MatchTask, MatchTaskResult, WorkerSetup } from './match-task.js';
import type { SourceMatcher } from './source-matcher-types.js';

const setup = workerData as WorkerSetup;
const matchers = new Map<string, SourceMatcher>();

function matcherFor(task: MatchTask): { matcher: SourceMatcher; fresh: boolean } {
  const key = `${task.part}\u0000${task.sourceId}`;
  const known = matchers.get(key);
  if (known !== undefined) return { matcher: known, fresh: false };
  const spec = setup.sources[task.sourceId]?.[task.part];
  if (spec === undefined) throw new Error(`no ${task.part} jails for source ${task.sourceId}`);
  const matcher = createSourceMatcher(spec, setup.options);
  matchers.set(key, matcher);
  return { matcher, fresh: true };
}

function injectFault(chunk: Buffer): void {
  const fault = setup.fault;
  if (fault === undefined || chunk.indexOf(fault.marker) < 0) return;
  if (Atomics.sub(fault.remaining, 0, 1) <= 0) return;
  if (fault.mode === 'exit') process.exit(70);
  throw new Error('injected fault');
}

export default function matchTask(task: MatchTask): MatchTaskResult {
  const started = performance.now();
  const chunk = Buffer.from(task.buffer, task.offset, task.length);
  injectFault(chunk);
  const { matcher, fresh } = matcherFor(task);
  const result = matcher.processChunk(chunk, {
    nowMs: task.nowMs,
    inOperation: task.inOperation,
    carry: task.carry,
  });
  return {
    ...result,
    failures: packFailures(
      result.failures,
      matcher.source.jails.map((j) => j.name),
    ),
    stateLost: fresh && task.part === 'stateful' && task.seq > 0,
    busyMs: performance.now() - started,
  };
}
