// Options of the in-memory source (the double other stages test with), checked and frozen like the
// real sources' options.
import { checkId, checkInteger, checkOneOf } from '../source-option-rules.js';

export interface MemorySourceOptions {
  readonly id: string;
  /** Without a saved position: the log's first byte ('head') or its current end ('tail'). */
  readonly startAt?: 'head' | 'tail';
  readonly maxLineLength?: number;
  readonly readChunkBytes?: number;
  readonly queueCapacity?: number;
}

export type FilledMemorySourceOptions = Readonly<Required<MemorySourceOptions>>;

const source = 'memory source';

export function fillMemorySourceOptions(options: MemorySourceOptions): FilledMemorySourceOptions {
  return Object.freeze({
    id: checkId(source, options.id),
    startAt: checkOneOf(source, 'startAt', options.startAt ?? 'head', ['head', 'tail']),
    maxLineLength: checkInteger(
      source,
      'maxLineLength',
      options.maxLineLength ?? 65_536,
      1,
      64 * 1024 * 1024,
    ),
    readChunkBytes: checkInteger(
      source,
      'readChunkBytes',
      options.readChunkBytes ?? 65_536,
      1,
      64 * 1024 * 1024,
    ),
    queueCapacity: checkInteger(source, 'queueCapacity', options.queueCapacity ?? 8, 1, 1024),
  });
}
