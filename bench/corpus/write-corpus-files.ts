// File output of the generator: the log through large buffered writes (one write per few MiB, never
// per line) and the ground truth as JSON beside it.
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { LineSink } from './corpus-mixer.js';
import type { CorpusTruth } from './generate-corpus-text.js';

const BUFFER_BYTES = 4 * 1024 * 1024;

export interface FileSink extends LineSink {
  /** Flushes and closes; returns the bytes written. */
  close(): number;
}

/**
 * Lines are copied into one 4 MiB buffer that is written when full. Copying each short line (latin1:
 * the corpus is ASCII) avoids building and flattening a multi-megabyte string, which doubled the time.
 */
export function createFileSink(path: string): FileSink {
  mkdirSync(dirname(path), { recursive: true });
  const fd = openSync(path, 'w');
  const buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  let used = 0;
  let bytes = 0;
  const flush = (): void => {
    let offset = 0;
    while (offset < used) offset += writeSync(fd, buffer, offset, used - offset);
    bytes += used;
    used = 0;
  };
  return {
    write(text) {
      if (used + text.length > BUFFER_BYTES) flush();
      if (text.length > BUFFER_BYTES) {
        bytes += writeSync(fd, text, null, 'latin1');
        return;
      }
      used += buffer.write(text, used, 'latin1');
    },
    close() {
      flush();
      closeSync(fd);
      return bytes;
    },
  };
}

export function writeTruthFile(path: string, truth: CorpusTruth): number {
  mkdirSync(dirname(path), { recursive: true });
  const text = `${JSON.stringify(truth, null, 1)}\n`;
  writeFileSync(path, text);
  return Buffer.byteLength(text);
}
