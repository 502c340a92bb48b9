// The per-line failure search with fail2ban's semantics, for one jail's filter on one log source:
// the multi-line buffer (maxlines), prefregex and its <F-CONTENT>, failregexes in order (first hit wins),
// ignoreregexes, the failure id (F-ID, else IPv4, else IPv6, else host name), and merging of the lines
// of one session by <F-MLFID> with <F-NOFAIL>, <F-MLFFORGET> and <F-MLFGAINED>. Pure and synchronous:
// dates are found by the caller (once per line for every jail reading the file); time is passed in.
import { parseIpAddress, parseIpNetwork } from '../core/ip-address.js';
import type {
  FoundFailure,
  FailureIdKind,
  MatchGroups,
  RegexHit,
  SearchRegex,
  TupleLine,
} from './line-filter-types.js';

export interface LineFilterRegexes {
  readonly prefregex?: SearchRegex;
  readonly failregex: readonly SearchRegex[];
  readonly ignoreregex: readonly SearchRegex[];
}

export interface LineFilterOptions {
  readonly maxlines: number;
  /** 'raw' keeps host names and ids as written. */
  readonly usedns: 'yes' | 'warn' | 'no' | 'raw';
  /** Service mode: clamp odd timestamps to now and drop lines older than findtime while catching up. */
  readonly checkFindTime: boolean;
  readonly findtimeMs: number;
  readonly mlfidCacheSize?: number;
  /** fail2ban-regex's mode: try every failregex, report every hit (also nofail and pending ones). */
  readonly checkAllRegex?: boolean;
  /** Keep host names and custom ids as written (no address normalisation), as fail2ban-regex --raw. */
  readonly returnRawHost?: boolean;
  /** With checkAllRegex off: drop a hit without failure id (default true). */
  readonly ignorePending?: boolean;
  readonly mlfidCacheMs?: number;
}

/** A date found by the caller: where it was cut from the line and the time it means. */
export interface LineDate {
  readonly tuple: TupleLine;
  /** Undefined when the text looked like a date but did not parse. */
  readonly timeMs: number | undefined;
}

interface SessionEntry {
  expiresMs: number;
  fail: Fail;
}

type Fail = Record<string, unknown> & {
  matches?: string[];
  'nofail-matches'?: string[];
  users?: Set<string>;
};

const sameDateWindowMs = 60_000;

function joinTuple(line: TupleLine): string {
  return line.head + line.tail;
}

function fullLine(line: TupleLine): string {
  return line.head + line.date + line.tail;
}

function countNewlines(text: string, end: number): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

/** Splits the original lines into those the hit covers and the rest (fail2ban's tuple-line bookkeeping). */
function splitMatched(
  text: string,
  hit: RegexHit,
  original: readonly TupleLine[],
): { matched: TupleLine[]; unmatched: TupleLine[] } {
  if (original.length <= 1) return { matched: [...original], unmatched: [] };
  const lineStart = text.lastIndexOf('\n', hit.start) + 1;
  const from = hit.end - 1 < 0 ? text.length - 1 : hit.end - 1;
  const newline = text.indexOf('\n', from);
  const first = countNewlines(text, lineStart);
  // The buffer has no final newline: a match reaching the end covers the last line too.
  const last = newline < 0 ? original.length : countNewlines(text, newline + 1);
  const matched = original.slice(first, last);
  const unmatched = original.slice(0, first);
  let n = 0;
  for (const skipped of hit.skipped.flatMap((s) =>
    s.split(/\r?\n/).filter((l, i, a) => i < a.length - 1 || l !== ''),
  )) {
    const index = matched.slice(n).findIndex((line) => joinTuple(line) === skipped);
    if (index >= 0) {
      const [moved] = matched.splice(n + index, 1);
      if (moved !== undefined) unmatched.push(moved);
      n += index;
    }
  }
  unmatched.push(...original.slice(last));
  return { matched, unmatched };
}

export class LineFilter {
  private buffer: TupleLine[] = [];
  private lastDate: number | undefined;
  private lastTimeText = '';
  private readonly sessions = new Map<string, SessionEntry>();
  private readonly cacheSize: number;
  private readonly cacheMs: number;
  /** False while a file's backlog is read at start (old lines are then dropped, not clamped). */
  inOperation = true;
  /** Lines an ignoreregex matched (statistics for `fail2nft regex`). */
  ignoredLines = 0;

  constructor(
    private readonly regexes: LineFilterRegexes,
    private readonly options: LineFilterOptions,
  ) {
    this.cacheSize = options.mlfidCacheSize ?? 100;
    this.cacheMs = options.mlfidCacheMs ?? 5 * 60_000;
  }

  /**
   * Looks for failures in one line (without its newline). `date` is what the caller's date detector
   * found, undefined when the line has no date.
   */
  processLine(line: string, date: LineDate | undefined, nowMs: number): FoundFailure[] {
    let tuple: TupleLine = date?.tuple ?? { head: '', date: '', tail: line };
    let time = date?.timeMs;
    if (date !== undefined && date.tuple.date === '') {
      // A template that matched no text ({NONE}): the previous line's moment if recent, else now.
      if (this.lastDate !== undefined && this.lastDate > nowMs - sameDateWindowMs) {
        tuple = { head: '', date: this.lastTimeText, tail: line };
        time = this.lastDate;
      } else {
        time = nowMs;
      }
    } else if (date !== undefined && time !== undefined) {
      this.lastTimeText = date.tuple.date;
      this.lastDate = time;
    }
    let noDate = false;
    if (time === undefined) {
      noDate = true;
      if (this.lastDate !== undefined && this.lastDate > nowMs - sameDateWindowMs) {
        // A line without a date right after one with a date belongs to the same moment.
        tuple = { head: '', date: this.lastTimeText, tail: line };
        time = this.lastDate;
      } else if (this.options.checkFindTime && this.inOperation) {
        time = nowMs;
      }
    }
    if (this.options.checkFindTime && time !== undefined) {
      if (this.inOperation) {
        if (Math.abs(Math.trunc((time - nowMs) / 1000)) > 60) {
          time = nowMs;
          this.lastDate = time;
        }
      } else if (time < nowMs - this.options.findtimeMs) {
        return [];
      }
    }
    return this.findFailures(tuple, time, noDate, nowMs);
  }

  private bufferText(lines: readonly TupleLine[]): string {
    if (this.options.maxlines <= 1 && lines.length === 1)
      return joinTuple(lines[0] ?? { head: '', date: '', tail: '' });
    // Lines joined by newlines without a final one: the RE2 translation reads `$` as end of input.
    return lines.map(joinTuple).join('\n');
  }

  private ignored(text: string, failHit?: { matched: TupleLine[]; unmatched: TupleLine[] }): boolean {
    let search = text;
    if (failHit !== undefined && this.options.maxlines > 1) search = this.bufferText(failHit.matched);
    for (const regex of this.regexes.ignoreregex) {
      if (regex.search(search) !== undefined) {
        this.ignoredLines++;
        if (failHit !== undefined) this.buffer = failHit.unmatched;
        return true;
      }
    }
    return false;
  }

  private findFailures(
    tuple: TupleLine,
    time: number | undefined,
    noDate: boolean,
    nowMs: number,
  ): FoundFailure[] {
    const maxlines = this.options.maxlines;
    let original: TupleLine[];
    if (maxlines > 1) {
      this.buffer.push(tuple);
      this.buffer = this.buffer.slice(-maxlines);
      original = this.buffer;
    } else {
      original = this.buffer = [tuple];
    }
    let text: string | undefined = this.bufferText(original);
    const { ignoreregex, failregex, prefregex } = this.regexes;
    // fail2ban checks ignoreregex first when there are few of them compared with failregexes.
    if (ignoreregex.length > 0 && ignoreregex.length < failregex.length - 2 && this.ignored(text)) return [];
    let preGroups: MatchGroups = {};
    if (prefregex !== undefined) {
      const hit = prefregex.search(text);
      if (hit === undefined) return [];
      const { content, ...rest } = hit.groups;
      preGroups = rest;
      if (content !== undefined && content !== '') {
        this.buffer = [{ head: '', date: '', tail: content }];
        text = undefined;
      }
    }
    const all = this.options.checkAllRegex === true;
    const found: FoundFailure[] = [];
    for (const [index, regex] of failregex.entries()) {
      text ??= this.bufferText(this.buffer);
      const hit = regex.search(text);
      if (hit === undefined) continue;
      const split = splitMatched(text, hit, original);
      if (ignoreregex.length > 0 && this.ignored(text, split)) {
        text = undefined;
        if (!all) break;
        continue;
      }
      if (noDate && time === undefined && this.options.checkFindTime) continue;
      if (!all || maxlines > 1) {
        this.buffer = split.unmatched;
        text = undefined;
      }
      let fail: Fail = { ...preGroups, ...withAltValues(hit.groups) };
      const mlfid = typeof fail.mlfid === 'string' ? fail.mlfid : undefined;
      if (mlfid !== undefined) {
        fail = this.mergeSession(mlfid, fail, split.matched, nowMs);
        if (truthy(fail.nofail) && !all) return found;
      } else {
        fail.matches = [...(fail.matches ?? []), ...split.matched.map(fullLine)];
      }
      const id = this.failureId(fail);
      if (id === undefined) {
        // No id yet: the session waits for a later line that has one.
        fail.mlfpending = 1;
        if (!all && this.options.ignorePending !== false) return found;
      }
      const snapshot: Fail = all && mlfid !== undefined ? { ...fail } : fail;
      const user = typeof snapshot.user === 'string' ? snapshot.user : undefined;
      found.push({
        failregex: index,
        id: id?.id,
        kind: id?.kind,
        timeMs: time,
        nofail: truthy(snapshot.nofail),
        ...(user === undefined ? {} : { user }),
        ...(snapshot.users === undefined ? {} : { users: [...snapshot.users] }),
        matches: [...(snapshot.matches ?? [])],
        groups: Object.fromEntries(
          Object.entries(snapshot).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
        ),
      });
      if (!all) break;
    }
    return found;
  }

  private failureId(fail: Fail): { id: string; kind: FailureIdKind } | undefined {
    const text = (key: string): string | undefined => (typeof fail[key] === 'string' ? fail[key] : undefined);
    const cidr = text('cidr');
    const raw = this.options.usedns === 'raw' || this.options.returnRawHost === true;
    const address = text('ip4') ?? text('ip6');
    if (address !== undefined) {
      const fid = text('fid');
      // A custom F-ID next to an address stays the id (the address is kept in groups).
      if (fid !== undefined && fid !== address) {
        const custom = raw ? undefined : parseIpAddress(fid);
        return custom === undefined ? { id: fid, kind: 'raw' } : { id: custom.text, kind: 'address' };
      }
      return normaliseAddress(address, cidr);
    }
    const dns = text('dns');
    if (dns !== undefined) return raw ? { id: dns, kind: 'raw' } : normaliseHost(dns);
    // Only a custom id is left; without one (and outside a session) the hit names no one.
    const fid = text('fid');
    if (fid === undefined) return undefined;
    const asAddress = parseIpAddress(fid);
    if (asAddress !== undefined && !raw) return { id: asAddress.text, kind: 'address' };
    return { id: fid, kind: 'raw' };
  }

  private sessionGet(mlfid: string, nowMs: number): SessionEntry | undefined {
    const entry = this.sessions.get(mlfid);
    if (entry === undefined) return undefined;
    if (entry.expiresMs > nowMs) return entry;
    this.sessions.delete(mlfid);
    return undefined;
  }

  private sessionSet(mlfid: string, fail: Fail, nowMs: number): void {
    if (this.sessions.size >= this.cacheSize) {
      // Drop the oldest entries (insertion order) until there is room, expired ones first.
      for (const [key, entry] of this.sessions) {
        this.sessions.delete(key);
        if (entry.expiresMs > nowMs && this.sessions.size < this.cacheSize) break;
      }
    }
    this.sessions.set(mlfid, { expiresMs: nowMs + this.cacheMs, fail });
  }

  /** Merges a hit into the session it belongs to (fail2ban's bit flags: 1 nofail, 2 forget, 4 old nofail, 8 gained). */
  private mergeSession(
    mlfid: string,
    incoming: Fail,
    matchedLines: readonly TupleLine[],
    nowMs: number,
  ): Fail {
    let fail = incoming;
    const cached = this.sessionGet(mlfid, nowMs);
    let users: Set<string> | undefined;
    let flags = 0;
    if (truthy(fail.mlfgained)) {
      flags |= 8 | 1;
      if (!truthy(fail.nofail)) fail.nofail = fail.mlfgained;
    } else if (truthy(fail.nofail)) flags |= 1;
    if (truthy(fail.mlfforget)) flags |= 2;
    delete fail.mlfforget;
    if (cached !== undefined) {
      const session = cached.fail;
      users = addUser(session, fail.user);
      if (truthy(session.nofail)) flags |= 4;
      delete session.nofail;
      if (truthy(session.mlfgained)) flags |= 4;
      delete session.mlfgained;
      if (flags & 8) delete session.mlfpending;
      if ((flags & 4) === 0 && !truthy(session.mlfpending)) delete session.matches;
      for (const [key, value] of Object.entries(fail)) if (value !== undefined) session[key] = value;
      fail = session;
      if (flags & 2) this.sessions.delete(mlfid);
    } else if ((flags & 2) === 0) {
      users = addUser(fail, fail.user);
      this.sessionSet(mlfid, fail, nowMs);
    }
    const pending = fail.mlfpending;
    delete fail.mlfpending;
    if (truthy(pending) || (users !== undefined && users.size > 1)) {
      delete fail.nofail;
      delete fail.mlfgained;
      flags &= ~(8 | 1);
    }
    if ((flags & 1) === 0) {
      const lines = [...(fail['nofail-matches'] ?? []), ...(fail.matches ?? [])];
      delete fail['nofail-matches'];
      if ((flags & 8) === 0) lines.push(...matchedLines.map(fullLine));
      fail.matches = lines;
    } else if ((flags & 3) === 1) {
      fail['nofail-matches'] = [...(fail['nofail-matches'] ?? []), ...matchedLines.map(fullLine)];
    }
    return fail;
  }
}

/** Python's truthiness for the values groups hold. */
function truthy(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '' && value !== 0 && value !== false;
}

function addUser(fail: Fail, user: unknown): Set<string> | undefined {
  if (typeof user === 'string' && user !== '') {
    fail.users ??= new Set();
    fail.users.add(user);
  }
  return fail.users;
}

/** `<F-ALT_USER>` fills `user` when `user` itself is empty (also with a numeric suffix: alt_user_2). */
function withAltValues(groups: MatchGroups): Fail {
  const out: Fail = {};
  for (const [key, value] of Object.entries(groups)) if (value !== undefined) out[key] = value;
  const alternatives = Object.keys(out)
    .filter((key) => key.startsWith('alt_'))
    .sort();
  for (const key of alternatives) {
    const target = key.slice(4).replace(/_\d+$/, '');
    const value = out[key];
    if (typeof value === 'string' && value !== '' && (out[target] === undefined || out[target] === ''))
      out[target] = value;
  }
  return out;
}

function normaliseAddress(text: string, cidr: string | undefined): { id: string; kind: FailureIdKind } {
  if (cidr !== undefined && cidr !== '') {
    const network = parseIpNetwork(`${text}/${cidr}`);
    if (network !== undefined) {
      const full = network.family === 4 ? 32 : 128;
      return network.prefix === full
        ? { id: network.text.replace(/\/\d+$/, ''), kind: 'address' }
        : { id: network.text, kind: 'network' };
    }
  }
  const address = parseIpAddress(text);
  return address === undefined ? { id: text, kind: 'raw' } : { id: address.text, kind: 'address' };
}

function normaliseHost(text: string): { id: string; kind: FailureIdKind } {
  const address = parseIpAddress(text);
  return address === undefined ? { id: text, kind: 'dns' } : { id: address.text, kind: 'address' };
}
