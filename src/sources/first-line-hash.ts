// The identity of a log file's content: md5 of its first line, newline included (fail2ban keeps the same
// hash with its positions, so a file replaced under the same name is read from its start).
import { createHash } from 'node:crypto';

/** Length of the bytes that identify a file, found in `head` (its first bytes, at most maxLineLength + 1
 * of them): the first line with its newline, or the first maxLineLength + 1 bytes of an over-long first
 * line. 0 while the head holds only an unfinished first line, which may still change. */
export function firstLineLength(head: Buffer, maxLineLength: number): number {
  const end = head.indexOf(0x0a);
  if (end >= 0 && end <= maxLineLength) return end + 1;
  if (head.length > maxLineLength) return maxLineLength + 1;
  return 0;
}

export function md5Hex(bytes: Buffer): string {
  return createHash('md5').update(bytes).digest('hex');
}

/** Hex md5 of the identifying first line in `head`, or '' when there is none yet. */
export function firstLineHash(head: Buffer, maxLineLength: number): string {
  const length = firstLineLength(head, maxLineLength);
  return length === 0 ? '' : md5Hex(head.subarray(0, length));
}
