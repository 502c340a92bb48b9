// What RE2 cannot test during the match and the matcher must verify afterwards. The translator replaces
// such a construct with a capture group ("marker") so that RE2 reports where it was reached; a check
// then runs the construct there. Group numbers are RE2 indices in the translated pattern.
//
// A check can reject the match RE2 found, but cannot make RE2 try the other paths Python's backtracking
// would try next. So a check never accepts what Python rejects, and when it accepts, the match and its
// groups equal Python's (RE2's leftmost-first order is Python's order); but a rejected match may hide a
// match Python would find by backtracking. `exact` says the translator proved that cannot happen (the
// marker's offset and texts are fixed once the match start is, and the matcher retries later starts).

interface CheckBase {
  /** The construct as written in the Python pattern, and its code-point offset there. */
  readonly construct: string;
  readonly offset: number;
  readonly exact: boolean;
}

export interface LookaroundCheck extends CheckBase {
  readonly kind: 'lookahead' | 'lookbehind';
  readonly negated: boolean;
  /** Empty group at the look-around's position. */
  readonly marker: number;
  /** RE2 source of the look-around's content, to run sticky at the marker (look-behind: `width` before). */
  readonly source: string;
  readonly flags: string;
  /** Look-behind width in characters (Python requires a fixed width). */
  readonly width: number;
}

export interface BackreferenceCheck extends CheckBase {
  readonly kind: 'backreference';
  /** Group holding what matched at the back-reference's position (a copy of the group's subpattern). */
  readonly marker: number;
  /** RE2 indices of the referenced group (several when the translator duplicated it). */
  readonly groups: readonly number[];
  /** Python compares case-insensitively under IGNORECASE. */
  readonly ignoreCase: boolean;
}

export interface ConditionalCheck extends CheckBase {
  readonly kind: 'conditional';
  /** Empty groups at the start of the yes and no branches. */
  readonly yesMarker: number;
  readonly noMarker: number;
  readonly groups: readonly number[];
}

/** `(?:(?!B)c)*`: B must not match at any position of the repetition's span. */
export interface AbsentInSpanCheck extends CheckBase {
  readonly kind: 'absent-in-span';
  readonly startMarker: number;
  readonly endMarker: number;
  readonly source: string;
  readonly flags: string;
}

export type PostMatchCheck = LookaroundCheck | BackreferenceCheck | ConditionalCheck | AbsentInSpanCheck;
