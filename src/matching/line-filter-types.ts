// Shapes the line filter works with: a regex that searches text and reports fail2ban-named groups, a log
// line split around its date, and the failures found.

/** Text a regex searches: a string, or UTF-8 bytes (node-re2 costs less per call on Buffers). */
export type MatchText = string | Buffer;

/** Captured groups under fail2ban's names: fid, ip4, ip6, dns, cidr, user, content, mlfid, nofail, ... */
export type MatchGroups = Readonly<Record<string, string | undefined>>;

export interface RegexHit {
  readonly start: number;
  readonly end: number;
  readonly groups: MatchGroups;
  /** Text captured by <SKIPLINES>, in order. */
  readonly skipped: readonly string[];
  /**
   * The <F-CONTENT> text in the input's own form (bytes for byte input), so that the failregexes
   * searching it stay on bytes; absent when the regex has no such group or gives it only as a string.
   */
  readonly contentText?: MatchText;
}

export interface SearchRegex {
  /**
   * Finds the first match. Byte input must be valid UTF-8 (a single line); `ascii` says it is all ASCII,
   * so bytes and characters coincide (cheaper decoding and offsets); `decoded` is the bytes as a string
   * when the caller has it already.
   */
  search(text: MatchText, ascii?: boolean, decoded?: string): RegexHit | undefined;
  /** Group names the regex can report (used to check for a failure id). */
  readonly groupNames: ReadonlySet<string>;
}

/** A line cut around its date: the text the regexes see is head + tail. */
export interface TupleLine {
  readonly head: string;
  readonly date: string;
  readonly tail: string;
}

export type FailureIdKind = 'address' | 'network' | 'dns' | 'raw';

export interface FoundFailure {
  readonly failregex: number;
  /** The failure id: canonical address text, network text, host name, or a custom F-ID; undefined
   * only in check-all mode for a session still waiting for its id. */
  readonly id: string | undefined;
  readonly kind: FailureIdKind | undefined;
  /** True for session lines that are not failures themselves (reported in check-all mode only). */
  readonly nofail: boolean;
  /** Log time in ms; undefined when the line had none and none could be assumed. */
  readonly timeMs: number | undefined;
  readonly user?: string;
  /** Every user name a session named (sessions merged by <F-MLFID>). */
  readonly users?: readonly string[];
  /** The lines (head + date + tail) that make up the failure, for actions' <matches>. */
  readonly matches: readonly string[];
  /** Every named group, for custom tags (<F-NAME>) used by actions. */
  readonly groups: MatchGroups;
}
