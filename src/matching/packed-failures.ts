// Failures in columns, for the trip from a worker thread: structured cloning costs about 1.4 µs per
// failure object and 0.16 µs per failure in typed arrays and string arrays (measured with 3500 failures),
// which matters in a flood where every other line is a failure.
import type { FailureIdKind } from './line-filter-types.js';
import type { MatchedFailure } from './source-matcher-types.js';

const KINDS: readonly FailureIdKind[] = ['address', 'network', 'dns', 'raw'];

export interface PackedFailures {
  readonly count: number;
  /** Jail positions in the list given to pack/unpack. */
  readonly jails: Uint16Array;
  readonly ids: readonly string[];
  readonly kinds: Uint8Array;
  readonly times: Float64Array;
  readonly failregexes: Uint16Array;
  /** null where there is no user. */
  readonly users: readonly (string | null)[];
  readonly lines: Uint32Array;
  /** How many of `matches` belong to each failure, in order. */
  readonly matchCounts: Uint32Array;
  readonly matches: readonly string[];
}

function kindCode(kind: FailureIdKind): number {
  switch (kind) {
    case 'address':
      return 0;
    case 'network':
      return 1;
    case 'dns':
      return 2;
    default:
      return 3;
  }
}

// Plain indexed loops and two fixed object shapes: in a flood both ends handle a failure every other
// line, and closures, spreads and conditional properties cost more there than the copying itself.
export function packFailures(failures: readonly MatchedFailure[], jails: readonly string[]): PackedFailures {
  const count = failures.length;
  const jailCodes = new Uint16Array(count);
  const ids = new Array<string>(count);
  const kinds = new Uint8Array(count);
  const times = new Float64Array(count);
  const failregexes = new Uint16Array(count);
  const users = new Array<string | null>(count);
  const lines = new Uint32Array(count);
  const matchCounts = new Uint32Array(count);
  const matches: string[] = [];
  let lastJail = '';
  let lastCode = 0;
  for (let i = 0; i < count; i++) {
    const f = failures[i] as MatchedFailure;
    if (f.jail !== lastJail) {
      lastJail = f.jail;
      lastCode = Math.max(0, jails.indexOf(f.jail));
    }
    jailCodes[i] = lastCode;
    ids[i] = f.id;
    kinds[i] = kindCode(f.kind);
    times[i] = f.timeMs;
    failregexes[i] = f.failregex;
    users[i] = f.user ?? null;
    lines[i] = f.lineInChunk;
    const own = f.matches;
    matchCounts[i] = own.length;
    for (let m = 0; m < own.length; m++) matches.push(own[m] as string);
  }
  return {
    count,
    jails: jailCodes,
    ids,
    kinds,
    times,
    failregexes,
    users,
    lines,
    matchCounts,
    matches,
  };
}

export function unpackFailures(packed: PackedFailures, jails: readonly string[]): MatchedFailure[] {
  const { count, ids, kinds, times, failregexes, users, lines, matchCounts, matches } = packed;
  const out = new Array<MatchedFailure>(count);
  let m = 0;
  for (let i = 0; i < count; i++) {
    const n = matchCounts[i] ?? 0;
    const user = users[i] ?? null;
    const jail = jails[packed.jails[i] ?? 0] ?? '';
    const id = ids[i] ?? '';
    const kind = KINDS[kinds[i] ?? 0] ?? 'raw';
    const timeMs = times[i] ?? 0;
    const failregex = failregexes[i] ?? 0;
    const lineInChunk = lines[i] ?? 0;
    const own = n === 1 ? [matches[m] ?? ''] : matches.slice(m, m + n);
    out[i] =
      user === null
        ? { jail, id, kind, timeMs, failregex, lineInChunk, matches: own }
        : { jail, id, kind, timeMs, failregex, user, lineInChunk, matches: own };
    m += n;
  }
  return out;
}
