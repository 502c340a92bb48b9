// The date of one line of a chunk, found once per date detector and handed to every jail that reads the
// line: byte offsets for lines matched as bytes (valid UTF-8), a cut string tuple for lines matched as
// decoded text (invalid UTF-8).
import type { DateDetector, DateMatch } from './dates/index.js';
import type { ByteDate, LineDate } from './line-filter.js';

/** How a line's bytes are matched. */
export interface LineBytes {
  readonly bytes: Buffer;
  /** All bytes below 0x80. */
  readonly ascii: boolean;
  /** Valid UTF-8 (ASCII included); otherwise the line is matched as `text`. */
  readonly valid: boolean;
  /** The decoded line, for lines that are not ASCII (set by decodeLine). */
  text: string | undefined;
}

export interface FoundLineDate {
  /** For valid lines: the span in bytes. */
  readonly byteDate: ByteDate | undefined;
  /** For invalid lines: the cut text. */
  readonly lineDate: LineDate | undefined;
  /** A non-empty date with a valid time: the line does not borrow the previous date. */
  readonly dated: boolean;
  /** The date's text when `dated`. */
  readonly text: string;
  /** Bytes before a non-empty date (the head the text is cut after), else 0. */
  readonly headBytes: number;
}

const NO_DATE: FoundLineDate = {
  byteDate: undefined,
  lineDate: undefined,
  dated: false,
  text: '',
  headBytes: 0,
};

export function decodeLine(line: LineBytes): string {
  line.text ??= line.bytes.toString(line.ascii ? 'latin1' : 'utf8');
  return line.text;
}

function isDated(match: DateMatch): boolean {
  return match.timeMs !== undefined && match.start !== match.end;
}

export function findLineDate(detector: DateDetector, line: LineBytes, nowMs: number): FoundLineDate {
  const text = decodeLine(line);
  const match = detector.find(text, nowMs);
  if (line.ascii) {
    // Characters are bytes.
    if (match === undefined) return NO_DATE;
    const dated = isDated(match);
    return {
      byteDate: { start: match.start, end: match.end, timeMs: match.timeMs },
      lineDate: undefined,
      dated,
      text: dated ? text.slice(match.start, match.end) : '',
      headBytes: match.end > match.start ? match.start : 0,
    };
  }
  if (match === undefined) return NO_DATE;
  const dated = isDated(match);
  const dateText = text.slice(match.start, match.end);
  const start = Buffer.byteLength(text.slice(0, match.start), 'utf8');
  const headBytes = match.end > match.start ? start : 0;
  if (line.valid) {
    const end = start + Buffer.byteLength(dateText, 'utf8');
    return {
      byteDate: { start, end, timeMs: match.timeMs },
      lineDate: undefined,
      dated,
      text: dateText,
      headBytes,
    };
  }
  return {
    byteDate: undefined,
    lineDate: {
      tuple: { head: text.slice(0, match.start), date: dateText, tail: text.slice(match.end) },
      timeMs: match.timeMs,
    },
    dated,
    text: dateText,
    headBytes,
  };
}

/** A line cut around the date the detector found (fail2ban's tuple line), for LineFilter.processLine. */
export function cutLineDate(line: string, date: DateMatch | undefined): LineDate | undefined {
  if (date === undefined) return undefined;
  return {
    tuple: {
      head: line.slice(0, date.start),
      date: line.slice(date.start, date.end),
      tail: line.slice(date.end),
    },
    timeMs: date.timeMs,
  };
}
