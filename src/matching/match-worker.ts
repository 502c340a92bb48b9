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
/** Parts that have had a task in this thread: a stateful part's first task after the first chunk
 * means its state was lost with a replaced worker. */
const used = new Set<string>();

function build(sourceId: string, part: MatchTask['part']): SourceMatcher | undefined {
  const key = `${part}\u0000${sourceId}`;
  const known = matchers.get(key);
  if (known !== undefined) return known;
  const spec = setup.sources[sourceId]?.[part];
  if (spec === undefined) return undefined;
  const matcher = createSourceMatcher(spec, setup.options);
  matchers.set(key, matcher);
  return matcher;
}

function matcherFor(task: MatchTask): { matcher: SourceMatcher; fresh: boolean } {
  const matcher = build(task.sourceId, task.part);
  if (matcher === undefined) throw new Error(`no ${task.part} jails for source ${task.sourceId}`);
  const key = `${task.part}\u0000${task.sourceId}`;
  const fresh = !used.has(key);
  used.add(key);
  return { matcher, fresh };
}

// Compile every filter when the thread starts, before the first lines arrive: the first chunk (and
// with it the first ban after a start) does not wait for RE2 compilation.
// A filter that fails to compile fails here too; its first task then reports the error as before.
for (const sourceId of Object.keys(setup.sources)) {
  for (const part of ['stateless', 'stateful'] as const) {
    try {
      build(sourceId, part);
    } catch {
      matchers.delete(`${part}\u0000${sourceId}`);
    }
  }
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
