// A log held in memory as chunks of whole lines, as a log source hands them to the matcher: each chunk
// ends with a newline, none splits a line. Pure, zero-copy (chunks are views of one Buffer).

export interface LogChunks {
  readonly chunks: readonly Buffer[];
  readonly lines: number;
  readonly bytes: number;
}

const newline = 0x0a;

/** The bytes of the first `maxLines` complete lines (all complete lines when undefined). */
export function linePrefix(data: Buffer, maxLines?: number): { data: Buffer; lines: number } {
  let lines = 0;
  let end = 0;
  for (let at = data.indexOf(newline); at >= 0; at = data.indexOf(newline, at + 1)) {
    lines++;
    end = at + 1;
    if (maxLines !== undefined && lines >= maxLines) break;
  }
  // A last line without its newline may still be being written: like fail2ban, leave it.
  return { data: data.subarray(0, end), lines };
}

/** Cuts complete lines into chunks of about `chunkSize` bytes (a longer line is a chunk of its own). */
export function splitLineChunks(data: Buffer, chunkSize: number, maxLines?: number): LogChunks {
  const prefix = linePrefix(data, maxLines);
  const chunks: Buffer[] = [];
  let start = 0;
  const end = prefix.data.length;
  while (start < end) {
    const limit = Math.min(end, start + chunkSize);
    let cut = limit === end ? end : prefix.data.lastIndexOf(newline, limit - 1) + 1;
    if (cut <= start) cut = prefix.data.indexOf(newline, limit) + 1;
    chunks.push(prefix.data.subarray(start, cut));
    start = cut;
  }
  return { chunks, lines: prefix.lines, bytes: end };
}

/** The text of the given 1-based line numbers, by one pass over the chunks. */
export function linesByNumber(chunks: readonly Buffer[], wanted: Iterable<number>): Map<number, string> {
  const want = new Set(wanted);
  const found = new Map<number, string>();
  let line = 0;
  for (const chunk of chunks) {
    let start = 0;
    for (let at = chunk.indexOf(newline); at >= 0; at = chunk.indexOf(newline, start)) {
      line++;
      if (want.has(line)) {
        const end = at > start && chunk[at - 1] === 0x0d ? at - 1 : at;
        found.set(line, chunk.toString('utf8', start, end));
      }
      start = at + 1;
    }
  }
  return found;
}
