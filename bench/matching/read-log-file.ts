// File I/O of the benchmark's logs: a log (or its first N lines) read into memory in line chunks, and
// a prefix written out for fail2ban-regex, which reads files itself.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { linePrefix, splitLineChunks, type LogChunks } from './log-chunks.js';

/** 1 MiB, what MEASUREMENTS.md found fastest for reading, and what a log source reads at once. */
export const CHUNK_SIZE = 1 << 20;

export function readLogChunks(path: string, maxLines?: number): LogChunks {
  return splitLineChunks(readFileSync(path), CHUNK_SIZE, maxLines);
}

export interface LogPrefixFile {
  readonly path: string;
  readonly lines: number;
  readonly remove: () => void;
}

/** The first `maxLines` lines of `path` in a temporary file (or `path` itself when it has no more). */
export function writeLogPrefix(path: string, maxLines: number | undefined): LogPrefixFile {
  const data = readFileSync(path);
  const prefix = linePrefix(data, maxLines);
  if (prefix.data.length === data.length) return { path, lines: prefix.lines, remove: () => undefined };
  const dir = mkdtempSync(join(tmpdir(), 'fail2nft-bench-'));
  const file = join(dir, `${basename(path, '.log')}-${prefix.lines}.log`);
  writeFileSync(file, prefix.data);
  return {
    path: file,
    lines: prefix.lines,
    remove: () => {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
