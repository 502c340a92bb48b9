// The contract every date template meets (pattern, epoch and TAI64N templates alike), and the record a
// search fills in. The detector owns the records, so a template keeps no per-line state of its own.
import { DateFields } from './date-fields.js';

export class MatchRecord {
  /** The whole match (fail2ban tracks where dates were found with it). */
  start = 0;
  end = 0;
  /** The span cut out of the line (the template's date group). */
  dateStart = 0;
  dateEnd = 0;
  readonly fields = new DateFields();

  copyFrom(other: MatchRecord): this {
    this.start = other.start;
    this.end = other.end;
    this.dateStart = other.dateStart;
    this.dateEnd = other.dateEnd;
    this.fields.copyFrom(other.fields);
    return this;
  }
}

export interface DateTemplate {
  /** Shown in statistics and in `fail2nft regex`; unique within a detector. */
  readonly name: string;
  /** Preference when templates are reordered: 100 for the line-anchored copies of the defaults, else 1. */
  readonly weight: number;
  /** The date must start the line (fail2ban's LINE_BEGIN): member of the `{^LN-BEG}` set. */
  readonly lineBegin: boolean;
  /** Anchored at the line start or end: the detector always searches it over the whole line. */
  readonly anchored: boolean;
  /**
   * Finds the leftmost date starting in [from, to], reading no further than `to`, and fills `out`
   * (spans and fields). `maxYear` bounds %ExY.
   */
  search(line: string, from: number, to: number, maxYear: number, out: MatchRecord): boolean;
}
