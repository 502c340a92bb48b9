// Shapes the line filter works with: a regex that searches text and reports fail2ban-named groups, a log
// line split around its date, and the failures found.

/** Captured groups under fail2ban's names: fid, ip4, ip6, dns, cidr, user, content, mlfid, nofail, ... */
export type MatchGroups = Readonly<Record<string, string | undefined>>;

export interface RegexHit {
  readonly start: number;
  readonly end: number;
  readonly groups: MatchGroups;
  /** Text captured by <SKIPLINES>, in order. */
  readonly skipped: readonly string[];
}

export interface SearchRegex {
  search(text: string): RegexHit | undefined;
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
