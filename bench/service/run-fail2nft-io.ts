// The fail2nft side of the service benchmark: a temporary configuration (the bundled config/ plus the
// benchmark's jail.local and fail2nft.local), the runner as a child process, the seed lines, the corpus
// and sentinels appended at full speed, and the runner's own report of when it was done.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appendAtFullSpeed } from './append-log-io.js';
import { bansByJail } from './ban-comparison.js';
import { BENCH_JAILS, fail2nftJailLocal, fail2nftServiceLocal } from './bench-config-texts.js';
import type { CorpusSlice } from './corpus-slice.js';
import { markerNotes } from './marker-checks.js';
import {
  MARKER_ADDRESSES,
  SEED_LINES,
  SENTINEL_FAILURES,
  SENTINEL_LINES,
  seedText,
  sentinelText,
} from './marker-lines.js';
import { RunnerChannel } from './runner-channel-io.js';
import type { RunnerMessage } from './runner-protocol.js';
import type { SideResult } from './service-bench-results.js';

export interface Fail2nftSideInput {
  readonly corpus: CorpusSlice;
  readonly projectRoot: string;
  readonly runnerScript: string;
  readonly workers: number | undefined;
  readonly timeoutMs: number;
  readonly cpuProfileDir: string | undefined;
  readonly progress: (message: string) => void;
}

type Of<E extends RunnerMessage['event']> = Extract<RunnerMessage, { event: E }>;

function is<E extends RunnerMessage['event']>(event: E): (message: RunnerMessage) => message is Of<E> {
  return (message): message is Of<E> => message.event === event;
}

const START_TIMEOUT_MS = 60_000;

export async function runFail2nftSide(input: Fail2nftSideInput): Promise<SideResult> {
  const dir = mkdtempSync(join(tmpdir(), 'fail2nft-bench-service-'));
  let runner: RunnerChannel | undefined;
  try {
    const configDir = join(dir, 'config');
    const logPath = join(dir, 'mail.log');
    cpSync(join(input.projectRoot, 'config'), configDir, { recursive: true });
    writeFileSync(join(configDir, 'jail.local'), fail2nftJailLocal(logPath));
    writeFileSync(
      join(configDir, 'fail2nft.local'),
      fail2nftServiceLocal(join(dir, 'fail2nft.log'), input.workers),
    );
    writeFileSync(logPath, seedText(Date.now()));
    const expectLines = SEED_LINES + input.corpus.lines + SENTINEL_LINES;
    const nodeArgs =
      input.cpuProfileDir === undefined ? [] : ['--cpu-prof', '--cpu-prof-dir', input.cpuProfileDir];
    runner = RunnerChannel.start(
      input.runnerScript,
      [
        '--config',
        configDir,
        '--expect-lines',
        String(expectLines),
        ...(input.workers === undefined ? [] : ['--workers', String(input.workers)]),
      ],
      nodeArgs,
    );
    const started = await runner.next('the runner to start', is('started'), START_TIMEOUT_MS);
    input.progress(`fail2nft: started jails ${started.jails.join(', ')}`);
    const ready = await runner.next(
      'the seed lines to be decided',
      (m): m is Of<'progress'> => m.event === 'progress' && m.idle && m.lines >= SEED_LINES,
      START_TIMEOUT_MS,
    );
    if (ready.lines !== SEED_LINES || ready.failures !== SEED_LINES) {
      throw new Error(
        `fail2nft read ${ready.lines} seed lines with ${ready.failures} failures; expected ${SEED_LINES} and ${SEED_LINES}`,
      );
    }
    const done = runner.next('all lines to be decided', is('done'), input.timeoutMs);
    // Keeps the promise observed while the writer blocks this thread; awaited below.
    done.catch(() => undefined);
    const timing = appendAtFullSpeed(logPath, [input.corpus.bytes, Buffer.from(sentinelText(Date.now()))]);
    input.progress(
      `fail2nft: writer done after ${((timing.lastWriteMs - timing.firstWriteMs) / 1000).toFixed(2)} s`,
    );
    const finished = await done;
    runner.requestFinal();
    const final = await runner.next('the final report', is('final'), START_TIMEOUT_MS);
    await runner.stop(30_000);
    const notes = markerNotes(final.bans);
    const failures: Record<string, number> = {};
    for (const jail of BENCH_JAILS) failures[jail] = (final.failedByJail[jail] ?? 0) - 1 - SENTINEL_FAILURES;
    return {
      tool: 'fail2nft',
      setup:
        `createService in a child process, dry run (decisions logged at INFO and stored in memory; ` +
        `npm run bench measures the kernel side), file source watchMode auto (inotify), workers ${input.workers ?? 'auto'}`,
      lines: input.corpus.lines,
      bytes: input.corpus.bytes.length,
      t0Ms: timing.firstWriteMs,
      writerDoneMs: timing.lastWriteMs,
      doneMs: finished.t,
      failures,
      bans: bansByJail(final.bans, BENCH_JAILS, MARKER_ADDRESSES),
      cpuSec: (finished.cpuUs - ready.cpuUs) / 1e6,
      childCpuSec: 0,
      startupCpuSec: ready.cpuUs / 1e6,
      peakRssMiB: final.peakRssKiB / 1024,
      notes,
    };
  } finally {
    await runner?.stop(5000);
    rmSync(dir, { recursive: true, force: true });
  }
}
