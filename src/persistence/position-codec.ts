// Source positions as stored text (JSON of the record) and back. Decoding checks the shape, so a
// damaged row is reported instead of handing a source an offset that is not a number.
import type { SourcePosition } from '../core/positions.js';

export function encodePosition(position: SourcePosition): string {
  switch (position.kind) {
    case 'file':
      return JSON.stringify({
        kind: 'file',
        path: position.path,
        offset: position.offset,
        firstLineHash: position.firstLineHash,
      });
    case 'journal':
      return JSON.stringify({ kind: 'journal', cursor: position.cursor });
    case 'memory':
      return JSON.stringify({ kind: 'memory', offset: position.offset });
  }
}

function isOffset(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** The position in `text`, or undefined when it is not a well-formed stored position. */
export function decodePosition(text: string): SourcePosition | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  switch (record.kind) {
    case 'file':
      return typeof record.path === 'string' &&
        isOffset(record.offset) &&
        typeof record.firstLineHash === 'string'
        ? { kind: 'file', path: record.path, offset: record.offset, firstLineHash: record.firstLineHash }
        : undefined;
    case 'journal':
      return typeof record.cursor === 'string' ? { kind: 'journal', cursor: record.cursor } : undefined;
    case 'memory':
      return isOffset(record.offset) ? { kind: 'memory', offset: record.offset } : undefined;
    default:
      return undefined;
  }
}
