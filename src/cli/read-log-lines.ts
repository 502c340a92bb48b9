// Reads a log file line by line in 1 MiB chunks (bounded memory), without the line terminators.
// fail2ban (and fail2ban-regex) leave a last line without its newline unread: it may still be written.
import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

export interface ReadLogLinesOptions {
  readonly chunkSize?: number;
  readonly incompleteLastLine?: 'skip' | 'include';
}

export function* readLogLines(path: string, options: ReadLogLinesOptions = {}): Generator<string> {
  const chunkSize = options.chunkSize ?? 1 << 20;
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(chunkSize);
    const decoder = new StringDecoder('utf8');
    let carry = '';
    for (;;) {
      const read = readSync(fd, buffer, 0, chunkSize, null);
      if (read === 0) break;
      const text = carry + decoder.write(buffer.subarray(0, read));
      const lines = text.split('\n');
      carry = lines.pop() ?? '';
      for (const line of lines) yield line.endsWith('\r') ? line.slice(0, -1) : line;
    }
    carry += decoder.end();
    if (carry !== '' && options.incompleteLastLine !== 'skip')
      yield carry.endsWith('\r') ? carry.slice(0, -1) : carry;
  } finally {
    closeSync(fd);
  }
}
