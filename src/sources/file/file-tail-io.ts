// File I/O: follows one log path. Reads whole lines from an open descriptor and notices what happened to
// the path between two checks: growth, truncation (copytruncate), a changed first line, or a different
// file under the name (rename-and-create, delete-and-recreate). After a rotation the old descriptor is
// read to its end before the new file is opened, so no line is lost or read twice.
import { open, stat, type FileHandle } from 'node:fs/promises';
import type { Clock } from '../../core/clock.js';
import { Fail2nftError } from '../../core/errors.js';
import { firstLineLength, md5Hex } from '../first-line-hash.js';
import { LineAssembler, type AssembledLines } from '../line-assembler.js';
import type { FilePosition, LogChunk } from '../log-source.js';
import type { StartAt } from './file-source-config.js';
import type { FileSourceStats } from './file-source-metrics.js';
import { decideResumeOffset, tailStartOffset } from './resume-offset.js';

/** Blocks read per check of the file's identity, size and first line while there is more to read. */
const BLOCKS_PER_CHECK = 4;

export interface TailContext {
  readonly sourceId: string;
  readonly maxLineLength: number;
  readonly readChunkBytes: number;
  readonly orphanGraceMs: number;
  readonly clock: Clock;
  readonly stats: FileSourceStats;
  /** Queues a chunk for the consumer; waits while the queue is full (false once the source stops). */
  readonly deliver: (chunk: LogChunk) => Promise<boolean>;
  /** A read problem began (error) or ended (undefined); the source logs each change once. */
  readonly onProblem: (path: string, error: Fail2nftError | undefined) => void;
  /** The path no longer names the file read so far, which was read to its end (`bytes`). */
  readonly onRetired: (identity: FileIdentity, bytes: number) => void;
}

/** A file's identity on disk, as a string key `dev:ino`. */
export type FileIdentity = string;

/** 'more': call check() again soon (data left, or a new file to open); 'idle': wait for an event. */
export type TailStep = 'idle' | 'more';

interface RegularFile {
  readonly identity: FileIdentity;
  readonly size: number;
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/** The regular file a path names now, or undefined (missing, or a directory, FIFO, ...). */
export async function statRegularFile(path: string): Promise<RegularFile | undefined> {
  try {
    const info = await stat(path, { bigint: true });
    if (!info.isFile()) return undefined;
    return { identity: `${info.dev}:${info.ino}`, size: Number(info.size) };
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

export class FileTail {
  private handle: FileHandle | undefined;
  private identity: FileIdentity | undefined;
  /** Resume offset: after the last whole line delivered or dropped. */
  private offset = 0;
  /** Bytes consumed from the descriptor (offset plus what the assembler holds). */
  private readOffset = 0;
  private hash = '';
  private hashLength = 0;
  private orphanedAtMs: number | undefined;
  private failing = false;
  private readonly assembler: LineAssembler;

  constructor(
    readonly path: string,
    private readonly context: TailContext,
  ) {
    this.assembler = new LineAssembler(context.maxLineLength);
  }

  /** The identity of the open file, if any. */
  get openIdentity(): FileIdentity | undefined {
    return this.identity;
  }

  /** Bytes read from the open file so far (where a successor reading the same file would start). */
  get consumedBytes(): number {
    return this.readOffset;
  }

  /** Bytes held for an unfinished line. */
  get heldBytes(): number {
    return this.assembler.heldBytes;
  }

  /** Opens the file when the source starts: resumes from the saved position when it still fits the
   * file, else starts at head or tail. A missing file is opened from its head once it appears. */
  openAtStart(stored: FilePosition | undefined, startAt: StartAt): Promise<void> {
    return this.guard(undefined, async () => {
      const size = await this.openFile();
      if (size === undefined) return;
      const max = this.context.maxLineLength;
      const head = await this.readAt(0, Math.min(size, max + 1));
      const hashLength = firstLineLength(head, max);
      const hash = hashLength === 0 ? '' : md5Hex(head.subarray(0, hashLength));
      const decision = decideResumeOffset(stored, { size, firstLineHash: hash }, startAt);
      if (decision.reason === 'replaced') this.context.stats.rotations++;
      if (decision.reason === 'truncated') this.context.stats.truncations++;
      let offset = decision.offset;
      if (decision.reason === 'tail') {
        const window = Math.min(size, max + 1);
        const start = tailStartOffset(size, await this.readAt(size - window, window), max);
        offset = start.offset;
        if (start.midLine) this.assembler.dropUntilNewline();
      }
      this.offset = offset;
      this.readOffset = offset;
      if (offset > 0) {
        this.hash = hash;
        this.hashLength = hashLength;
      }
    });
  }

  /** Opens the file at a known offset: a rotated file that another tail was reading, found again under
   * a new name that a pattern matches (mail.log.1 for mail.log*), continues where that tail stopped. */
  openAt(offset: number): Promise<void> {
    return this.guard(undefined, async () => {
      const size = await this.openFile();
      if (size === undefined) return;
      this.offset = Math.min(offset, size);
      this.readOffset = this.offset;
      if (this.offset > 0) await this.computeHash();
    });
  }

  /** One step: notices rotation or truncation, then reads at most one block. */
  check(): Promise<TailStep> {
    return this.guard<TailStep>('idle', () => this.step());
  }

  /** Closes the descriptor without reading further (the source is stopping). */
  async close(): Promise<void> {
    const handle = this.handle;
    if (handle === undefined) return;
    this.forget();
    await handle.close();
  }

  private async step(): Promise<TailStep> {
    const current = await statRegularFile(this.path);
    const handle = this.handle;
    if (handle === undefined) {
      if (current === undefined) return 'idle';
      const size = await this.openFile();
      return size === undefined ? 'idle' : 'more';
    }
    if (current === undefined || current.identity !== this.identity) {
      // The path names another file now, or nothing: finish the old descriptor first.
      const size = Number((await handle.stat({ bigint: true })).size);
      if (await this.readBlock(size)) return 'more';
      if (current === undefined) {
        const now = this.context.clock.now();
        this.orphanedAtMs ??= now;
        // Its writer may not have reopened the log yet: keep reading the old file for a while.
        if (now - this.orphanedAtMs < this.context.orphanGraceMs) return 'idle';
      }
      await this.emit(this.assembler.flush());
      this.context.stats.rotations++;
      if (this.identity !== undefined) this.context.onRetired(this.identity, this.readOffset);
      await this.close();
      return current === undefined ? 'idle' : 'more';
    }
    this.orphanedAtMs = undefined;
    // Truncated, or emptied and written again up to the old size or beyond before this check (neither
    // size nor a coarse mtime tells): the first line, one small read, is checked every time.
    if (current.size < this.readOffset || (this.hashLength > 0 && (await this.firstLineChanged())))
      this.restartFile();
    // A backlog is read several blocks per check: the stat and the first-line read cost as much as a
    // block's read, and a file rotated or truncated meanwhile is noticed at the next check (a read
    // past a truncation returns nothing and ends the step).
    let read = false;
    for (let block = 0; block < BLOCKS_PER_CHECK; block++) {
      read = await this.readBlock(current.size);
      if (!read || this.readOffset >= current.size) break;
    }
    return read && this.readOffset < current.size ? 'more' : 'idle';
  }

  /** Truncated or rewritten in place (copytruncate): read again from the start. */
  private restartFile(): void {
    this.context.stats.truncations++;
    this.assembler.reset();
    this.offset = 0;
    this.readOffset = 0;
    this.hash = '';
    this.hashLength = 0;
  }

  /** Opens the path; returns its size, or undefined when it is missing or not a regular file. */
  private async openFile(): Promise<number | undefined> {
    let handle: FileHandle;
    try {
      handle = await open(this.path, 'r');
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
    const info = await handle.stat({ bigint: true });
    if (!info.isFile()) {
      await handle.close();
      return undefined;
    }
    this.forget();
    this.handle = handle;
    this.identity = `${info.dev}:${info.ino}`;
    this.context.stats.filesOpen++;
    return Number(info.size);
  }

  private forget(): void {
    if (this.handle !== undefined) this.context.stats.filesOpen--;
    this.handle = undefined;
    this.identity = undefined;
    this.assembler.reset();
    this.offset = 0;
    this.readOffset = 0;
    this.hash = '';
    this.hashLength = 0;
    this.orphanedAtMs = undefined;
  }

  /** Reads one block below `size`; false when there was nothing to read. */
  private async readBlock(size: number): Promise<boolean> {
    if (this.readOffset >= size) return false;
    // The unfinished line's bytes go in front of the read: joining them afterwards copied every block.
    const carried = this.assembler.carried;
    const data = await this.readAt(
      this.readOffset,
      Math.min(this.context.readChunkBytes, size - this.readOffset),
      carried,
    );
    const fresh = data.length - carried.length;
    if (fresh === 0) return false;
    this.readOffset += fresh;
    this.context.stats.bytesRead += fresh;
    await this.emit(carried.length > 0 ? this.assembler.pushContinuing(data) : this.assembler.push(data));
    return true;
  }

  private async emit(assembled: AssembledLines): Promise<void> {
    this.offset += assembled.advance;
    this.context.stats.skippedLong += assembled.skippedLong;
    if (assembled.chunk === undefined) return;
    if (this.hashLength === 0 && this.offset > 0) await this.computeHash();
    const position: FilePosition = {
      kind: 'file',
      path: this.path,
      offset: this.offset,
      firstLineHash: this.hash,
    };
    await this.context.deliver({
      sourceId: this.context.sourceId,
      origin: this.path,
      chunk: assembled.chunk,
      lines: assembled.lines,
      position,
    });
  }

  private async computeHash(): Promise<void> {
    const head = await this.readAt(0, this.context.maxLineLength + 1);
    this.hashLength = firstLineLength(head, this.context.maxLineLength);
    this.hash = this.hashLength === 0 ? '' : md5Hex(head.subarray(0, this.hashLength));
  }

  private async firstLineChanged(): Promise<boolean> {
    const head = await this.readAt(0, this.hashLength);
    return head.length < this.hashLength || md5Hex(head) !== this.hash;
  }

  /** Reads up to `length` bytes at `position`, after a copy of `prefix` (returned in front of them). */
  private async readAt(position: number, length: number, prefix?: Buffer): Promise<Buffer> {
    const handle = this.handle;
    const before = prefix?.length ?? 0;
    if (handle === undefined || length <= 0) return prefix ?? Buffer.alloc(0);
    const buffer = Buffer.allocUnsafe(before + length);
    if (prefix !== undefined) prefix.copy(buffer, 0);
    const { bytesRead } = await handle.read(buffer, before, length, position);
    return bytesRead === length ? buffer : buffer.subarray(0, before + bytesRead);
  }

  /** Runs one operation; an I/O failure is counted and reported once per episode, never thrown (the
   * next check retries), and the operation's result is then `fallback`. */
  private async guard<T>(fallback: T, operation: () => Promise<T>): Promise<T> {
    try {
      const result = await operation();
      if (this.failing) {
        this.failing = false;
        this.context.onProblem(this.path, undefined);
      }
      return result;
    } catch (error) {
      this.context.stats.errors++;
      if (!this.failing) {
        this.failing = true;
        this.context.onProblem(
          this.path,
          new Fail2nftError('F2N_ERR_SOURCE_READ', `cannot read ${this.path}`, { path: this.path }, error),
        );
      }
      return fallback;
    }
  }
}
