// JournalLogSource: follows the systemd journal through a `journalctl --follow --output=json` child
// process (run without a shell). Each entry becomes one text line (format-journal-entry.ts) with its
// time in the chunk's `times`; the position is the last entry's __CURSOR. While the queue to the
// consumer is full, journalctl's output is not read, so the pipe fills and journalctl waits. stop()
// kills the child (SIGTERM, then SIGKILL after stopTimeoutMs).
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import type { Clock } from '../../core/clock.js';
import { Fail2nftError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import { ChunkQueue } from '../chunk-queue.js';
import { SourceLifecycle } from '../source-lifecycle.js';
import { deliverChunks } from '../deliver-chunks.js';
import { LineAssembler } from '../line-assembler.js';
import type { ChunkConsumer, LogChunk, LogSource, SourceEnd } from '../log-source.js';
import { journalPositionKey, loadPosition, type PositionStore } from '../position-store.js';
import {
  formatJournalEntry,
  localUtcOffsetMinutes,
  type FormatJournalOptions,
} from './format-journal-entry.js';
import { buildJournalctlArgs } from './journalctl-args.js';
import {
  fillJournalSourceOptions,
  type FilledJournalSourceOptions,
  type JournalSourceOptions,
} from './journal-source-config.js';
import { createJournalSourceStats, type JournalSourceStats } from './journal-source-metrics.js';

export interface JournalLogSourceDeps {
  readonly store: PositionStore;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Environment of the child (PATH decides which journalctl runs); defaults to this process's. */
  readonly env?: NodeJS.ProcessEnv;
  /** Local time offset used for the dates written in front of lines; defaults to the process's zone. */
  readonly utcOffsetMinutes?: (ms: number) => number;
}

type Child = ChildProcessByStdio<null, Readable, Readable>;

/** Keeps the end of journalctl's error output for the error report, and no more. */
const stderrKeptBytes = 4096;

export class JournalLogSource implements LogSource {
  readonly id: string;
  private readonly options: FilledJournalSourceOptions;
  private readonly counters: JournalSourceStats = createJournalSourceStats();
  private readonly queue: ChunkQueue<LogChunk>;
  private readonly format: FormatJournalOptions;
  private readonly origin: string;
  private child: Child | undefined;
  private childClosed: Promise<void> = Promise.resolve();
  private stderrTail = '';
  private lastCursor: string | undefined;
  private warnedMalformed = false;
  private readonly life: SourceLifecycle;
  private readerDone: Promise<void> = Promise.resolve();
  private deliveryDone: Promise<Fail2nftError | undefined> = Promise.resolve(undefined);

  constructor(
    options: JournalSourceOptions,
    private readonly deps: JournalLogSourceDeps,
  ) {
    this.options = fillJournalSourceOptions(options);
    this.id = this.options.id;
    this.origin = `journal:${this.id}`;
    this.queue = new ChunkQueue(this.options.queueCapacity);
    this.format = {
      dateStyle: this.options.dateStyle,
      utcOffsetMinutes: deps.utcOffsetMinutes ?? localUtcOffsetMinutes,
    };
    this.life = new SourceLifecycle(this.id);
  }

  /** The arguments journalctl is (or would be) started with, for a given saved cursor. */
  journalctlArgs(cursor: string | undefined): string[] {
    return buildJournalctlArgs(this.options, cursor === undefined ? {} : { cursor });
  }

  async start(consumer: ChunkConsumer): Promise<void> {
    this.life.begin();
    let cursor: string | undefined;
    let child: Child;
    try {
      const stored = await loadPosition(this.deps.store, journalPositionKey(this.id), this.id);
      cursor = stored?.kind === 'journal' ? stored.cursor : undefined;
      child = await this.spawnJournalctl(this.journalctlArgs(cursor));
    } catch (error) {
      this.life.endNow({
        reason: 'failed',
        error: error instanceof Error ? error : new Error(String(error)),
      });
      throw error;
    }
    this.child = child;
    this.deliveryDone = deliverChunks(
      this.queue,
      consumer,
      (chunk) => this.savePosition(chunk),
      this.counters,
    );
    void this.deliveryDone.then((error) => {
      if (error !== undefined) void this.shutdown({ reason: 'failed', error });
    });
    this.readerDone = this.readOutput(child.stdout).catch((error: unknown) => {
      if (this.life.state !== 'running') return;
      const failure = new Fail2nftError(
        'F2N_ERR_INTERNAL',
        `${this.id}: reading journalctl failed`,
        {},
        error,
      );
      void this.shutdown({ reason: 'failed', error: failure });
    });
    this.deps.logger.debug({ source: this.id, cursor }, 'journalctl started');
  }

  async stop(): Promise<void> {
    await this.life.stop(() => this.teardown());
  }

  ended(): Promise<SourceEnd> {
    return this.life.ended;
  }

  /** Journal entries carry exact times and are always judged by them (see the service), so the
   * journal has no backlog phase of its own. */
  inBacklog(): boolean {
    return false;
  }

  stats(): JournalSourceStats {
    return { ...this.counters };
  }

  /** The process id of the running journalctl (for tests and diagnostics). */
  get childPid(): number | undefined {
    return this.child?.pid;
  }

  private spawnJournalctl(args: string[]): Promise<Child> {
    const command = this.options.journalctl;
    const child = spawn(command, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: this.deps.env ?? process.env,
      shell: false,
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => {
      this.stderrTail = (this.stderrTail + text).slice(-stderrKeptBytes);
    });
    this.childClosed = new Promise((resolve) => {
      child.once('close', (code: number | null, signal: NodeJS.Signals | null) => {
        resolve();
        if (this.life.state !== 'running') return;
        const message = this.stderrTail.trim();
        const error = new Fail2nftError(
          'F2N_ERR_SOURCE_JOURNAL_EXITED',
          `${this.id}: journalctl exited (${signal ?? `status ${code ?? '?'}`})${message ? `: ${message}` : ''}`,
          { source: this.id, code, signal, stderr: message },
        );
        // Let the reader hand over what journalctl printed before it ended; then report.
        void this.readerDone.then(() => this.shutdown({ reason: 'failed', error }));
      });
    });
    return new Promise((resolve, reject) => {
      const onError = (error: Error): void => {
        // Set at once so that the 'close' that follows is not taken for an exit while running.
        this.life.state = 'ended';
        reject(
          new Fail2nftError(
            'F2N_ERR_SOURCE_JOURNAL_UNAVAILABLE',
            `${this.id}: cannot run ${command}: ${error.message}`,
            { source: this.id, command },
            error,
          ),
        );
      };
      child.once('error', onError);
      child.once('spawn', () => {
        child.off('error', onError);
        child.on('error', (error) => {
          this.counters.errors++;
          this.deps.logger.warn({ source: this.id, err: error }, 'journalctl process error');
        });
        resolve(child);
      });
    });
  }

  /** Reads journalctl's JSON lines; awaiting the queue pauses the stream, which pauses journalctl. */
  private async readOutput(stdout: Readable): Promise<void> {
    const entries = new LineAssembler(this.options.maxEntryBytes);
    for await (const data of stdout) {
      const bytes = data as Buffer;
      this.counters.bytesRead += bytes.length;
      const assembled = entries.push(bytes);
      this.counters.skippedLong += assembled.skippedLong;
      if (assembled.chunk === undefined) continue;
      if (!(await this.deliverEntries(assembled.chunk))) break;
    }
  }

  /** Formats whole JSON lines and queues them in chunks of at most chunkLines lines. */
  private async deliverEntries(json: Buffer): Promise<boolean> {
    let lines: string[] = [];
    let times: number[] = [];
    const text = json.toString('utf8');
    let start = 0;
    // One pass over the lines of this block; each iteration moves start past one newline.
    while (start < text.length) {
      const end = text.indexOf('\n', start);
      const jsonLine = text.slice(start, end < 0 ? text.length : end);
      start = end < 0 ? text.length : end + 1;
      if (jsonLine.trim() === '') continue;
      const line = this.lineOf(jsonLine);
      if (line === undefined) continue;
      if (Buffer.byteLength(line.text) > this.options.maxLineLength) {
        this.counters.skippedLong++;
        continue;
      }
      lines.push(`${line.text}\n`);
      times.push(line.timeMs);
      if (lines.length >= this.options.chunkLines) {
        if (!(await this.queueLines(lines, times))) return false;
        lines = [];
        times = [];
      }
    }
    return lines.length === 0 || this.queueLines(lines, times);
  }

  private lineOf(jsonLine: string): { text: string; timeMs: number } | undefined {
    let entry: unknown;
    try {
      entry = JSON.parse(jsonLine);
    } catch {
      this.malformed('journalctl printed a line that is not JSON');
      return undefined;
    }
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      this.malformed('journalctl printed JSON that is not an entry');
      return undefined;
    }
    const record = entry as Record<string, unknown>;
    if (typeof record.__CURSOR === 'string') this.lastCursor = record.__CURSOR;
    const line = formatJournalEntry(record, this.format);
    if (line === undefined) this.malformed('journal entry without timestamp');
    return line;
  }

  private malformed(message: string): void {
    this.counters.malformed++;
    this.counters.errors++;
    if (this.warnedMalformed) return;
    this.warnedMalformed = true;
    this.deps.logger.warn({ source: this.id }, `${message} (counted in malformed; warned once)`);
  }

  private queueLines(lines: string[], times: number[]): Promise<boolean> {
    const cursor = this.lastCursor;
    if (cursor === undefined) {
      // Without a cursor the position cannot move; such entries come only from a broken journalctl.
      this.malformed('journal entries without __CURSOR');
      return Promise.resolve(true);
    }
    return this.queue.push({
      sourceId: this.id,
      origin: this.origin,
      chunk: Buffer.from(lines.join('')),
      lines: lines.length,
      position: { kind: 'journal', cursor },
      times,
    });
  }

  private async savePosition(chunk: LogChunk): Promise<void> {
    await this.deps.store.save(journalPositionKey(this.id), chunk.position);
  }

  private async shutdown(end: SourceEnd): Promise<void> {
    await this.life.shutdown(end, () => this.teardown());
  }

  private async teardown(): Promise<void> {
    this.queue.close();
    await this.killChild();
    await this.readerDone;
    await this.deliveryDone;
  }

  private async killChild(): Promise<void> {
    const child = this.child;
    if (child === undefined) return;
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<boolean>((resolve) => {
        timer = setTimeout(() => {
          resolve(true);
        }, this.options.stopTimeoutMs);
      });
      const stillRunning = await Promise.race([this.childClosed.then(() => false), timedOut]);
      clearTimeout(timer);
      if (stillRunning) child.kill('SIGKILL');
    }
    child.stdout.destroy();
    await this.childClosed;
  }
}

export function createJournalLogSource(
  options: JournalSourceOptions,
  deps: JournalLogSourceDeps,
): JournalLogSource {
  return new JournalLogSource(options, deps);
}
