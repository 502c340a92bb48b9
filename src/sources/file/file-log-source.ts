// FileLogSource: follows the files that logpath patterns name. Patterns are expanded at start and again
// every rescanIntervalMs (and when a watched directory gets a new entry), so new files are picked up.
// inotify (fs.watch on each directory) says when to read; when watching fails, or with watchMode 'poll',
// every file is checked every pollIntervalMs. Each file is followed by a FileTail (rotation, truncation,
// positions); chunks go through a bounded queue to the consumer, so a slow consumer pauses reading.
//
// A file read by several jails is read once: the composition root creates one FileLogSource for the
// union of the jails' logpath patterns and routes each chunk by `chunk.origin` (the path) to the jails
// whose patterns match it (logPathMatches). Paths are compared as written.
import { basename, dirname, join } from 'node:path';
import type { Clock } from '../../core/clock.js';
import { Fail2nftError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import { ChunkQueue } from '../chunk-queue.js';
import { SourceLifecycle } from '../source-lifecycle.js';
import { deliverChunks } from '../deliver-chunks.js';
import { expandLogPath, type ExpandLogPath } from '../expand-log-paths-io.js';
import { compileLogPathGlob, logPathMatches, type LogPathGlob } from '../log-path-glob.js';
import type { ChunkConsumer, FilePosition, LogChunk, LogSource, SourceEnd } from '../log-source.js';
import { filePositionKey, loadPosition, type PositionStore } from '../position-store.js';
import {
  fillFileSourceOptions,
  type FileSourceOptions,
  type FilledFileSourceOptions,
} from './file-source-config.js';
import { createFileSourceStats, type FileSourceStats } from './file-source-metrics.js';
import { FileTail, statRegularFile, type FileIdentity, type TailContext } from './file-tail-io.js';
import { watchDirectory, type DirectoryWatch, type WatchDirectory } from './watch-directory-io.js';

export interface FileLogSourceDeps {
  readonly store: PositionStore;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Expands one pattern into existing files; defaults to the glob expander of this stage. */
  readonly expand?: ExpandLogPath;
  /** Starts an inotify watch on a directory; defaults to fs.watch. */
  readonly watchDirectory?: WatchDirectory;
}

/** How many rotated files are remembered (identity → bytes read) to continue them under a new name. */
const retiredMemory = 64;

export class FileLogSource implements LogSource {
  readonly id: string;
  private readonly options: FilledFileSourceOptions;
  private readonly globs: readonly LogPathGlob[];
  private readonly counters: FileSourceStats = createFileSourceStats();
  private readonly queue: ChunkQueue<LogChunk>;
  private readonly tails = new Map<string, FileTail>();
  /** Tails by directory and entry name, to route directory events. */
  private byDirectory = new Map<string, Map<string, FileTail>>();
  private readonly dirty = new Set<FileTail>();
  private readonly watches = new Map<string, DirectoryWatch>();
  private readonly retired = new Map<FileIdentity, number>();
  private readonly tailContext: TailContext;
  private readonly expand: ExpandLogPath;
  private readonly watch: WatchDirectory;
  private timers: NodeJS.Timeout[] = [];
  private wakeReader: (() => void) | undefined;
  private rescanWanted = false;
  /** Chunks handed to the queue so far; and how many there were when the reader first ran dry. */
  private chunksQueued = 0;
  private backlogChunks: number | undefined;
  private polling: boolean;
  private readonly life: SourceLifecycle;
  private readerDone: Promise<void> = Promise.resolve();
  private deliveryDone: Promise<Fail2nftError | undefined> = Promise.resolve(undefined);

  constructor(
    options: FileSourceOptions,
    private readonly deps: FileLogSourceDeps,
  ) {
    this.options = fillFileSourceOptions(options);
    this.id = this.options.id;
    this.globs = this.options.patterns.map(compileLogPathGlob);
    this.queue = new ChunkQueue(this.options.queueCapacity);
    this.expand = deps.expand ?? expandLogPath;
    this.watch = deps.watchDirectory ?? watchDirectory;
    this.polling = this.options.watchMode === 'poll';
    this.counters.polling = this.polling ? 1 : 0;
    this.life = new SourceLifecycle(this.id);
    this.tailContext = {
      sourceId: this.id,
      maxLineLength: this.options.maxLineLength,
      readChunkBytes: this.options.readChunkBytes,
      orphanGraceMs: this.options.orphanGraceMs,
      clock: deps.clock,
      stats: this.counters,
      deliver: (chunk) => {
        this.chunksQueued++;
        return this.queue.push(chunk);
      },
      onProblem: (path, error) => {
        if (error === undefined) this.deps.logger.info({ source: this.id, path }, 'log file readable again');
        else this.deps.logger.warn({ source: this.id, path, code: error.code, err: error }, error.message);
      },
      onRetired: (identity, bytes) => {
        this.retired.delete(identity);
        this.retired.set(identity, bytes);
        if (this.retired.size > retiredMemory) this.retired.delete(this.retired.keys().next().value ?? '');
        this.rescanWanted = true;
      },
    };
  }

  async start(consumer: ChunkConsumer): Promise<void> {
    this.life.begin();
    try {
      for (const path of await this.expandAll()) await this.addTail(path, true);
    } catch (error) {
      // Only the position store can fail here (file problems are counted and retried).
      await this.shutdown({ reason: 'failed', error: error as Fail2nftError });
      throw error;
    }
    this.indexTails();
    this.updateWatches();
    this.startTimers();
    this.deliveryDone = deliverChunks(
      this.queue,
      consumer,
      (chunk) => this.savePosition(chunk),
      this.counters,
    );
    void this.deliveryDone.then((error) => {
      if (error !== undefined) void this.shutdown({ reason: 'failed', error });
    });
    this.readerDone = this.runReader().catch((error: unknown) => {
      const failure =
        error instanceof Fail2nftError
          ? error
          : new Fail2nftError('F2N_ERR_INTERNAL', `${this.id}: reader failed`, {}, error);
      void this.shutdown({ reason: 'failed', error: failure });
    });
    this.deps.logger.debug(
      { source: this.id, files: [...this.tails.keys()], polling: this.polling },
      'started',
    );
  }

  async stop(): Promise<void> {
    await this.life.stop(() => this.teardown());
  }

  ended(): Promise<SourceEnd> {
    return this.life.ended;
  }

  stats(): FileSourceStats {
    return { ...this.counters };
  }

  inBacklog(): boolean {
    // The chunks queued before the reader first found nothing more to read were there at start; the
    // consumer asks while it holds chunk number `chunks` (counted once it returns).
    return this.backlogChunks === undefined || this.counters.chunks < this.backlogChunks;
  }

  /** The paths followed now (for status output), sorted. */
  files(): string[] {
    return [...this.tails.keys()].sort();
  }

  private async shutdown(end: SourceEnd): Promise<void> {
    await this.life.shutdown(end, () => this.teardown());
  }

  private async teardown(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    this.closeWatches();
    this.queue.close();
    this.wake();
    await this.readerDone;
    await this.deliveryDone;
    for (const tail of this.tails.values()) await tail.close();
  }

  private async savePosition(chunk: LogChunk): Promise<void> {
    if (chunk.position.kind === 'file')
      await this.deps.store.save(filePositionKey(chunk.position.path), chunk.position);
  }

  /** Reads dirty files one block at a time, round robin, until stopped; waits for events in between. */
  private async runReader(): Promise<void> {
    while (this.life.state === 'running') {
      if (this.rescanWanted) {
        this.rescanWanted = false;
        await this.rescan();
        continue;
      }
      const tail = this.dirty.values().next().value;
      if (tail === undefined) {
        this.backlogChunks ??= this.chunksQueued;
        await new Promise<void>((resolve) => (this.wakeReader = resolve));
        continue;
      }
      this.dirty.delete(tail);
      if ((await tail.check()) === 'more') this.dirty.add(tail);
    }
  }

  private wake(): void {
    const wake = this.wakeReader;
    this.wakeReader = undefined;
    wake?.();
  }

  private markAllDirty(): void {
    for (const tail of this.tails.values()) this.dirty.add(tail);
    this.wake();
  }

  private async expandAll(): Promise<string[]> {
    const found = new Set<string>();
    for (const glob of this.globs) {
      if (!glob.hasWildcard) {
        // A plain path is followed even before it exists; it is read from its start once it appears.
        found.add(glob.pattern);
        continue;
      }
      try {
        for (const path of await this.expand(glob.pattern)) found.add(path);
      } catch (error) {
        this.counters.errors++;
        this.deps.logger.warn(
          { source: this.id, pattern: glob.pattern, err: error },
          'cannot expand logpath',
        );
      }
    }
    return [...found];
  }

  private async rescan(): Promise<void> {
    const found = new Set(await this.expandAll());
    for (const path of found) if (!this.tails.has(path)) await this.addTail(path, false);
    for (const [path, tail] of this.tails) {
      if (!found.has(path) && tail.openIdentity === undefined) {
        this.tails.delete(path);
        this.dirty.delete(tail);
      }
    }
    this.indexTails();
    this.updateWatches();
    this.markAllDirty();
  }

  /** Adds a tail. At start it resumes from the saved position or starts at startAt; later, a new file is
   * read from its head, unless it is a rotated file already read under another name. */
  private async addTail(path: string, atStart: boolean): Promise<void> {
    const tail = new FileTail(path, this.tailContext);
    const stored = await loadPosition(this.deps.store, filePositionKey(path), this.id);
    const position: FilePosition | undefined =
      stored?.kind === 'file' && stored.path === path ? stored : undefined;
    if (atStart) await tail.openAtStart(position, this.options.startAt);
    else {
      const file = await statRegularFile(path).catch(() => undefined);
      if (file !== undefined) {
        // Another tail still reads this file under its old name: wait until it has finished with it.
        for (const other of this.tails.values()) if (other.openIdentity === file.identity) return;
      }
      const readBefore = file === undefined ? undefined : this.retired.get(file.identity);
      if (readBefore !== undefined) await tail.openAt(readBefore);
      else await tail.openAtStart(position, 'head');
    }
    this.tails.set(path, tail);
    this.dirty.add(tail);
  }

  private indexTails(): void {
    this.byDirectory = new Map();
    for (const tail of this.tails.values()) {
      const dir = dirname(tail.path);
      let names = this.byDirectory.get(dir);
      if (names === undefined) {
        names = new Map<string, FileTail>();
        this.byDirectory.set(dir, names);
      }
      names.set(basename(tail.path), tail);
    }
  }

  private onDirectoryEvent(dir: string, name: string | undefined): void {
    const names = this.byDirectory.get(dir);
    const tail = name === undefined ? undefined : names?.get(name);
    if (tail !== undefined) this.dirty.add(tail);
    else {
      if (name === undefined) for (const each of names?.values() ?? []) this.dirty.add(each);
      // An entry no tail follows: a new file a pattern matches, or a directory on a pattern's way.
      // Other files written in the same directory (busy /var/log) cause no rescan.
      if (name === undefined || this.globs.some((glob) => this.mayMatch(glob, dir, name)))
        this.rescanWanted = true;
    }
    this.wake();
  }

  private mayMatch(glob: LogPathGlob, dir: string, name: string): boolean {
    if (!glob.hasWildcard) return false;
    if (logPathMatches(glob, join(dir, name))) return true;
    return glob.wildcardInDirectory && dir === glob.baseDir;
  }

  private updateWatches(): void {
    if (this.polling || this.life.state !== 'running') return;
    const wanted = new Set(this.byDirectory.keys());
    for (const glob of this.globs) if (glob.hasWildcard) wanted.add(glob.baseDir);
    for (const [dir, watch] of this.watches) {
      if (!wanted.has(dir)) {
        watch.close();
        this.watches.delete(dir);
      }
    }
    for (const dir of wanted) {
      if (this.watches.has(dir)) continue;
      try {
        this.watches.set(
          dir,
          this.watch(
            dir,
            (name) => {
              this.onDirectoryEvent(dir, name);
            },
            (error) => {
              this.fallBackToPolling(error);
            },
          ),
        );
      } catch (error) {
        // A directory that does not exist yet is watched after a later rescan finds it.
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
        this.fallBackToPolling(error);
        return;
      }
    }
  }

  private closeWatches(): void {
    for (const watch of this.watches.values()) watch.close();
    this.watches.clear();
  }

  private fallBackToPolling(error: unknown): void {
    if (this.polling || this.life.state !== 'running') return;
    this.polling = true;
    this.counters.polling = 1;
    this.counters.pollFallbacks++;
    this.closeWatches();
    this.deps.logger.warn(
      { source: this.id, err: error, pollIntervalMs: this.options.pollIntervalMs },
      'watching log files failed; polling them instead',
    );
    this.timers.push(
      setInterval(() => {
        this.markAllDirty();
      }, this.options.pollIntervalMs),
    );
    this.markAllDirty();
  }

  private startTimers(): void {
    if (this.polling)
      this.timers.push(
        setInterval(() => {
          this.markAllDirty();
        }, this.options.pollIntervalMs),
      );
    this.timers.push(
      setInterval(() => {
        this.rescanWanted = true;
        this.markAllDirty();
      }, this.options.rescanIntervalMs),
    );
  }
}

export function createFileLogSource(options: FileSourceOptions, deps: FileLogSourceDeps): FileLogSource {
  return new FileLogSource(options, deps);
}
