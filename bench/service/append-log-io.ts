// File I/O: the log writer of the benchmark. Appends the given buffers to a log file as fast as the
// kernel takes them, in writes of at most 1 MiB on one descriptor opened for appending, the way a busy
// syslog daemon extends a file while the services follow it.
import { closeSync, openSync, writeSync } from 'node:fs';

export interface AppendTiming {
  /** Wall-clock ms (Date.now()) just before the first write: t0 of the end-to-end time. */
  readonly firstWriteMs: number;
  /** Wall-clock ms after the last write returned. */
  readonly lastWriteMs: number;
  readonly bytes: number;
}

export const WRITE_BYTES = 1 << 20;

/** Appends `parts` in order; synchronous, so nothing else runs in this process meanwhile. */
export function appendAtFullSpeed(
  path: string,
  parts: readonly Buffer[],
  writeBytes = WRITE_BYTES,
): AppendTiming {
  const fd = openSync(path, 'a');
  let bytes = 0;
  let firstWriteMs: number | undefined;
  try {
    for (const part of parts) {
      // Bounded by the part's length: every round writes at least one byte or throws.
      for (let offset = 0; offset < part.length;) {
        firstWriteMs ??= Date.now();
        const written = writeSync(fd, part, offset, Math.min(writeBytes, part.length - offset));
        offset += written;
        bytes += written;
      }
    }
  } finally {
    closeSync(fd);
  }
  const lastWriteMs = Date.now();
  return { firstWriteMs: firstWriteMs ?? lastWriteMs, lastWriteMs, bytes };
}
