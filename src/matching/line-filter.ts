// The per-line failure search with fail2ban's semantics, for one jail's filter on one log source:
// the multi-line buffer (maxlines), prefregex and its <F-CONTENT>, failregexes in order (first hit wins),
// ignoreregexes, the failure id (F-ID, else IPv4, else IPv6, else host name), and merging of the lines
// of one session by <F-MLFID> with <F-NOFAIL>, <F-MLFFORGET> and <F-MLFGAINED>. Pure and synchronous:
// dates are found by the caller (once per line for every jail reading the file); time is passed in.
// Lines come as strings (processLine) or as UTF-8 bytes with the date's byte span (processLineBytes, the
// fast path: regexes decide on Buffers, groups are read from the decoded text); both share one search, and
// multi-line filters (maxlines > 1) always work on strings.
import { parseIpAddress, parseIpNetwork } from '../core/ip-address.js';
import { canonicalAddress } from './canonical-address.js';
import type {
  FoundFailure,
  FailureIdKind,
  MatchGroups,
  MatchText,
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
  /** Report every named group in FoundFailure.groups (default true); off, groups is empty (cheaper). */
  readonly keepGroups?: boolean;
}

/** A date found by the caller: where it was cut from the line and the time it means. */
export interface LineDate {
  readonly tuple: TupleLine;
  /** Undefined when the text looked like a date but did not parse. */
  readonly timeMs: number | undefined;
}

/** A date found in line bytes: its byte span [start, end) and the time it means (see LineDate). */
export interface ByteDate {
  readonly start: number;
  readonly end: number;
  readonly timeMs: number | undefined;
}

export interface ByteLineHints {
  /** Every byte is below 0x80 (decoding is then latin1 and offsets are the same in text and bytes). */
  readonly ascii: boolean;
  /**
   * Failregexes that can match (1) or cannot (0), by index: a caller that knows a failregex's required
   * literals are absent from the line skips it. Absent: try all.
   */
  readonly tryFailregex?: Uint8Array;
}

/**
 * The last dated line's time and date text: what a line without a date borrows. fail2ban keeps it per
 * filter; filters that read one file with the same date detector see the same dates, so they may share
 * one (a caller that hands each filter only some lines keeps it current for all of them).
 */
export class DateMemory {
  lastDate: number | undefined = undefined;
  lastTimeText = '';
}

type DateKind = 'none' | 'empty' | 'dated';

/** What resolveTime found for the current line (one record per filter, rewritten for every line). */
class ResolvedTime {
  time: number | undefined = undefined;
  noDate = false;
  /** The line is read as the previous date's text followed by the whole line (fail2ban's tuple). */
  borrowed = false;
  borrowedText = '';
}

/**
 * One line for the single-line search: what the regexes see, and the whole line for <matches> (built
 * only for a hit). One record per filter, rewritten for every line: the hot path allocates none.
 */
class SingleLine {
  text: MatchText = '';
  ascii = false;
  /** `text` as a string, when the caller decoded it already. */
  decoded: string | undefined = undefined;
  /** The whole line: `head + tail` when tail is set, else `tuple` joined, else `bytes` decoded. */
  head = '';
  tail: string | undefined = undefined;
  tuple: TupleLine | undefined = undefined;
  bytes: Buffer | undefined = undefined;

  full(): string {
    if (this.tail !== undefined) return this.head + this.tail;
    if (this.tuple !== undefined) return fullLine(this.tuple);
    const bytes = this.bytes;
    return bytes === undefined ? '' : decodeBytes(bytes, 0, bytes.length, this.ascii);
  }
}

interface SessionEntry {
  expiresMs: number;
  fail: Fail;
}

type Fail = Record<string, unknown> & {
  matches?: string[] | undefined;
  'nofail-matches'?: string[] | undefined;
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
  private readonly memory: DateMemory;
  private readonly sessions = new Map<string, SessionEntry>();
  private readonly cacheSize: number;
  private readonly cacheMs: number;
  /** False while a file's backlog is read at start (old lines are then dropped, not clamped). */
  inOperation = true;
  /** Lines an ignoreregex matched (statistics for `fail2nft regex`). */
  ignoredLines = 0;
  private readonly resolved = new ResolvedTime();
  private readonly single = new SingleLine();

  constructor(
    private readonly regexes: LineFilterRegexes,
    private readonly options: LineFilterOptions,
    memory?: DateMemory,
  ) {
    this.cacheSize = options.mlfidCacheSize ?? 100;
    this.cacheMs = options.mlfidCacheMs ?? 5 * 60_000;
    this.memory = memory ?? new DateMemory();
  }

  /**
   * Looks for failures in one line (without its newline). `date` is what the caller's date detector
   * found, undefined when the line has no date.
   */
  processLine(line: string, date: LineDate | undefined, nowMs: number): FoundFailure[] {
    const kind: DateKind = date === undefined ? 'none' : date.tuple.date === '' ? 'empty' : 'dated';
    const resolved = this.resolveTime(kind, date?.timeMs, date?.tuple.date ?? '', nowMs);
    if (resolved === undefined) return [];
    const tuple: TupleLine = resolved.borrowed
      ? { head: '', date: resolved.borrowedText, tail: line }
      : (date?.tuple ?? { head: '', date: '', tail: line });
    if (this.options.maxlines > 1) return this.findFailures(tuple, resolved.time, resolved.noDate, nowMs);
    const text = joinTuple(tuple);
    const single = this.single;
    single.text = text;
    single.ascii = false;
    single.decoded = text;
    single.head = '';
    single.tail = undefined;
    single.tuple = tuple;
    single.bytes = undefined;
    return this.findSingle(single, resolved.time, resolved.noDate, nowMs, undefined);
  }

  /**
   * processLine for a line given as valid UTF-8 bytes (without its newline), with the date's byte span.
   * The same results as processLine on the decoded line with the same date, which invalid UTF-8 would
   * not give (the caller decodes such lines and uses processLine).
   */
  processLineBytes(
    line: Buffer,
    date: ByteDate | undefined,
    nowMs: number,
    hints: ByteLineHints,
    /** The line decoded, when the caller has it (used for ASCII lines, whose offsets it shares). */
    decodedLine?: string,
    /** The date's text, when the caller has it (saves decoding it again). */
    dateTextHint?: string,
  ): FoundFailure[] {
    const kind: DateKind = date === undefined ? 'none' : date.start === date.end ? 'empty' : 'dated';
    const { ascii } = hints;
    const known = ascii ? decodedLine : undefined;
    const dateText =
      date !== undefined && kind === 'dated'
        ? (dateTextHint ?? decodePart(line, known, date.start, date.end, ascii))
        : '';
    const resolved = this.resolveTime(kind, date?.timeMs, dateText, nowMs);
    if (resolved === undefined) return [];
    // The text is cut around the date, unless the line borrows the previous date (then it is whole).
    const cut = !resolved.borrowed && kind === 'dated' ? date : undefined;
    if (this.options.maxlines > 1) {
      const whole = decodePart(line, known, 0, line.length, ascii);
      const tuple: TupleLine = resolved.borrowed
        ? { head: '', date: resolved.borrowedText, tail: whole }
        : cut !== undefined
          ? {
              head: decodePart(line, known, 0, cut.start, ascii),
              date: dateText,
              tail: decodePart(line, known, cut.end, line.length, ascii),
            }
          : { head: '', date: '', tail: whole };
      return this.findFailures(tuple, resolved.time, resolved.noDate, nowMs);
    }
    const single = this.single;
    single.ascii = ascii;
    single.tuple = undefined;
    single.bytes = undefined;
    // Decoded once: the regexes' groups are read from it, and with the date first (the usual case)
    // the whole line is the date text followed by it.
    if (cut === undefined) {
      const decoded = decodePart(line, known, 0, line.length, ascii);
      single.text = line;
      single.decoded = decoded;
      single.head = resolved.borrowed ? resolved.borrowedText : '';
      single.tail = decoded;
    } else if (cut.start === 0) {
      const decoded = decodePart(line, known, cut.end, line.length, ascii);
      single.text = line.subarray(cut.end);
      single.decoded = decoded;
      single.head = dateText;
      single.tail = decoded;
    } else {
      const text = Buffer.concat([line.subarray(0, cut.start), line.subarray(cut.end)]);
      single.text = text;
      single.decoded = decodeBytes(text, 0, text.length, ascii);
      single.head = '';
      single.tail = known;
      single.bytes = known === undefined ? line : undefined;
    }
    return this.findSingle(single, resolved.time, resolved.noDate, nowMs, hints.tryFailregex);
  }

  /**
   * Takes note of a line's date without searching the line: the date memory then is what processLine
   * on that line would have left. For callers that skip lines which cannot match.
   */
  noteDate(date: LineDate | undefined, nowMs: number): void {
    const kind: DateKind = date === undefined ? 'none' : date.tuple.date === '' ? 'empty' : 'dated';
    this.resolveTime(kind, date?.timeMs, date?.tuple.date ?? '', nowMs);
  }

  /**
   * The line's time by fail2ban's rules (a line without a usable date borrows the previous one if less
   * than a minute old; service mode clamps odd times to now and drops old lines while catching up),
   * updating the date memory. Undefined: the line is dropped. The record returned is the filter's own,
   * valid until the next line.
   */
  private resolveTime(
    kind: DateKind,
    timeMs: number | undefined,
    dateText: string,
    nowMs: number,
  ): ResolvedTime | undefined {
    const memory = this.memory;
    let time = kind === 'none' ? undefined : timeMs;
    let borrowed = false;
    let borrowedText = '';
    const recent = memory.lastDate !== undefined && memory.lastDate > nowMs - sameDateWindowMs;
    if (kind === 'empty') {
      // A template that matched no text ({NONE}): the previous line's moment if recent, else now.
      if (recent) {
        borrowed = true;
        borrowedText = memory.lastTimeText;
        time = memory.lastDate;
      } else {
        time = nowMs;
      }
    } else if (kind === 'dated' && time !== undefined) {
      memory.lastTimeText = dateText;
      memory.lastDate = time;
    }
    let noDate = false;
    if (time === undefined) {
      noDate = true;
      // The memory is unchanged since `recent` was computed (only a dated line sets it).
      if (recent) {
        // A line without a date right after one with a date belongs to the same moment.
        borrowed = true;
        borrowedText = memory.lastTimeText;
        time = memory.lastDate;
      } else if (this.options.checkFindTime && this.inOperation) {
        time = nowMs;
      }
    }
    if (this.options.checkFindTime && time !== undefined) {
      if (this.inOperation) {
        if (Math.abs(Math.trunc((time - nowMs) / 1000)) > 60) {
          time = nowMs;
          memory.lastDate = time;
        }
      } else if (time < nowMs - this.options.findtimeMs) {
        return undefined;
      }
    }
    const resolved = this.resolved;
    resolved.time = time;
    resolved.noDate = noDate;
    resolved.borrowed = borrowed;
    resolved.borrowedText = borrowedText;
    return resolved;
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

  /** The multi-line search (maxlines > 1): the buffer of recent lines, joined by newlines. */
  /** ignored() for the single-line search. */
  private ignoredSingle(text: MatchText, ascii: boolean, decoded?: string): boolean {
    for (const regex of this.regexes.ignoreregex) {
      if (regex.search(text, ascii, decoded) !== undefined) {
        this.ignoredLines++;
        return true;
      }
    }
    return false;
  }

  /** The multi-line search (maxlines > 1): the buffer of recent lines, joined by newlines. */
  private findFailures(
    tuple: TupleLine,
    time: number | undefined,
    noDate: boolean,
    nowMs: number,
  ): FoundFailure[] {
    const maxlines = this.options.maxlines;
    this.buffer.push(tuple);
    this.buffer = this.buffer.slice(-maxlines);
    const original = this.buffer;
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
      this.buffer = split.unmatched;
      text = undefined;
      const outcome = this.record(index, hit, preGroups, split.matched.map(fullLine), time, nowMs, found);
      if (outcome === 'stop' || !all) break;
    }
    return found;
  }

  /**
   * The single-line search (maxlines 1): the same steps on one line, whose text may be bytes. What the
   * multi-line search keeps in its buffer is the local `text` here (the line, its <F-CONTENT>, or
   * nothing once an ignoreregex took the hit).
   */
  private findSingle(
    line: SingleLine,
    time: number | undefined,
    noDate: boolean,
    nowMs: number,
    tryFailregex: Uint8Array | undefined,
  ): FoundFailure[] {
    const { ignoreregex, failregex, prefregex } = this.regexes;
    const ascii = line.ascii;
    let text: MatchText = line.text;
    let decoded: string | undefined = line.decoded;
    if (
      ignoreregex.length > 0 &&
      ignoreregex.length < failregex.length - 2 &&
      this.ignoredSingle(text, ascii)
    )
      return [];
    // The prefregex's groups but `content` (withAltValues leaves it out).
    let preGroups: MatchGroups = NO_GROUPS;
    if (prefregex !== undefined) {
      const hit = prefregex.search(text, ascii, decoded);
      if (hit === undefined) return [];
      const content = hit.groups.content;
      preGroups = hit.groups;
      if (content !== undefined && content !== '') {
        text = hit.contentText ?? content;
        decoded = content;
      }
    }
    const all = this.options.checkAllRegex === true;
    const found: FoundFailure[] = [];
    for (let index = 0; index < failregex.length; index++) {
      if (tryFailregex !== undefined && tryFailregex[index] === 0) continue;
      const regex = failregex[index];
      const hit = regex?.search(text, ascii, decoded);
      if (hit === undefined) continue;
      if (ignoreregex.length > 0 && this.ignoredSingle(text, ascii, decoded)) {
        // The hit's line is gone: later failregexes (check-all mode) search nothing.
        text = '';
        decoded = '';
        if (!all) break;
        continue;
      }
      if (noDate && time === undefined && this.options.checkFindTime) continue;
      const outcome = this.record(index, hit, preGroups, [line.full()], time, nowMs, found);
      if (outcome === 'stop' || !all) break;
    }
    return found;
  }

  /**
   * Turns a failregex hit into a failure (merging its session when it has an <F-MLFID>) and appends it
   * to `found`. 'stop': the search of this line ends here (a nofail or pending session line).
   */
  private record(
    index: number,
    hit: RegexHit,
    preGroups: MatchGroups,
    /** A fresh array, owned from here on. */
    matchedLines: string[],
    time: number | undefined,
    nowMs: number,
    found: FoundFailure[],
  ): 'stop' | 'recorded' {
    const all = this.options.checkAllRegex === true;
    let fail: Fail = withAltValues(hit.groups, preGroups);
    const mlfid = typeof fail.mlfid === 'string' ? fail.mlfid : undefined;
    if (mlfid !== undefined) {
      fail = this.mergeSession(mlfid, fail, matchedLines, nowMs);
      if (truthy(fail.nofail) && !all) return 'stop';
    } else {
      fail.matches = fail.matches === undefined ? matchedLines : [...fail.matches, ...matchedLines];
    }
    const id = this.failureId(fail);
    if (id === undefined) {
      // No id yet: the session waits for a later line that has one.
      fail.mlfpending = 1;
      if (!all && this.options.ignorePending !== false) return 'stop';
    }
    const snapshot: Fail = all && mlfid !== undefined ? { ...fail } : fail;
    const user = typeof snapshot.user === 'string' ? snapshot.user : undefined;
    const failure: Mutable<FoundFailure> = {
      failregex: index,
      id: id?.id,
      kind: id?.kind,
      timeMs: time,
      nofail: truthy(snapshot.nofail),
      // A session's lists change with later lines: copy them; a lone hit's are its own already.
      matches: mlfid === undefined ? (snapshot.matches ?? []) : [...(snapshot.matches ?? [])],
      groups: this.options.keepGroups === false ? NO_GROUPS : stringValues(snapshot),
    };
    if (user !== undefined) failure.user = user;
    if (snapshot.users !== undefined) failure.users = [...snapshot.users];
    found.push(failure);
    return 'recorded';
  }

  private failureId(fail: Fail): { id: string; kind: FailureIdKind } | undefined {
    const cidr = stringAt(fail, 'cidr');
    const raw = this.options.usedns === 'raw' || this.options.returnRawHost === true;
    const address = stringAt(fail, 'ip4') ?? stringAt(fail, 'ip6');
    if (address !== undefined) {
      const fid = stringAt(fail, 'fid');
      // A custom F-ID next to an address stays the id (the address is kept in groups).
      if (fid !== undefined && fid !== address) {
        const custom = raw ? undefined : parseIpAddress(fid);
        return custom === undefined ? { id: fid, kind: 'raw' } : { id: custom.text, kind: 'address' };
      }
      return normaliseAddress(address, cidr);
    }
    const dns = stringAt(fail, 'dns');
    if (dns !== undefined) return raw ? { id: dns, kind: 'raw' } : normaliseHost(dns);
    // Only a custom id is left; without one (and outside a session) the hit names no one.
    const fid = stringAt(fail, 'fid');
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

  /**
   * Merges a hit into the session it belongs to (fail2ban's bit flags: 1 nofail, 2 forget, 4 old nofail,
   * 8 gained). Entries are cleared by setting them undefined, which every reader takes as absent: `delete`
   * would turn the objects into slow dictionaries.
   */
  private mergeSession(mlfid: string, incoming: Fail, matchedLines: readonly string[], nowMs: number): Fail {
    let fail = incoming;
    const cached = this.sessionGet(mlfid, nowMs);
    let users: Set<string> | undefined;
    let flags = 0;
    if (truthy(fail.mlfgained)) {
      flags |= 8 | 1;
      if (!truthy(fail.nofail)) fail.nofail = fail.mlfgained;
    } else if (truthy(fail.nofail)) flags |= 1;
    if (truthy(fail.mlfforget)) flags |= 2;
    fail.mlfforget = undefined;
    if (cached !== undefined) {
      const session = cached.fail;
      users = addUser(session, fail.user);
      if (truthy(session.nofail)) flags |= 4;
      session.nofail = undefined;
      if (truthy(session.mlfgained)) flags |= 4;
      session.mlfgained = undefined;
      if (flags & 8) session.mlfpending = undefined;
      if ((flags & 4) === 0 && !truthy(session.mlfpending)) session.matches = undefined;
      for (const key in fail) {
        const value = fail[key];
        if (value !== undefined) session[key] = value;
      }
      fail = session;
      if (flags & 2) this.sessions.delete(mlfid);
    } else if ((flags & 2) === 0) {
      users = addUser(fail, fail.user);
      this.sessionSet(mlfid, fail, nowMs);
    }
    const pending = fail.mlfpending;
    fail.mlfpending = undefined;
    if (truthy(pending) || (users !== undefined && users.size > 1)) {
      fail.nofail = undefined;
      fail.mlfgained = undefined;
      flags &= ~(8 | 1);
    }
    if ((flags & 1) === 0) {
      const lines = joinLists(fail['nofail-matches'], fail.matches);
      fail['nofail-matches'] = undefined;
      if ((flags & 8) === 0) for (const line of matchedLines) lines.push(line);
      fail.matches = lines;
    } else if ((flags & 3) === 1) {
      fail['nofail-matches'] = joinLists(fail['nofail-matches'], matchedLines);
    }
    return fail;
  }
}

/** Line bytes as text: latin1 when all ASCII (faster, same result), else UTF-8. */
function decodeBytes(line: Buffer, start: number, end: number, ascii: boolean): string {
  return line.toString(ascii ? 'latin1' : 'utf8', start, end);
}

/** decodeBytes, or a slice of `known` (the line decoded, given for ASCII lines only). */
function decodePart(
  line: Buffer,
  known: string | undefined,
  start: number,
  end: number,
  ascii: boolean,
): string {
  return known === undefined ? decodeBytes(line, start, end, ascii) : known.slice(start, end);
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const NO_GROUPS: MatchGroups = Object.freeze({});

/** The string-valued entries (the groups, without session bookkeeping). */
function stringValues(fail: Fail): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key in fail) {
    const value = fail[key];
    if (typeof value === 'string') out[key] = value;
  }
  return out;
}

/** A fresh array of a's items then b's (either may be absent). */
function joinLists(a: readonly string[] | undefined, b: readonly string[] | undefined): string[] {
  if (a === undefined || a.length === 0) return b === undefined ? [] : b.slice();
  return b === undefined ? a.slice() : a.concat(b);
}

/** fail[key] when it is a string. */
function stringAt(fail: Fail, key: string): string | undefined {
  const value = fail[key];
  return typeof value === 'string' ? value : undefined;
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

/**
 * The prefregex's groups (`base`, but its `content`) overlaid with a failregex hit's set groups, in which `<F-ALT_USER>`
 * fills `user` when `user` itself is empty (also with a numeric suffix: alt_user_2); alternates look at
 * the hit's own groups only, as `{ ...base, ...alternated(hit) }` would.
 */
function withAltValues(groups: MatchGroups, base: MatchGroups): Fail {
  const out: Fail = {};
  for (const key in base) if (key !== 'content') out[key] = base[key];
  let anyAlternative = false;
  for (const key in groups) {
    const value = groups[key];
    if (value === undefined) continue;
    out[key] = value;
    if (key.startsWith('alt_')) anyAlternative = true;
  }
  if (!anyAlternative) return out;
  const own: Record<string, string | undefined> = { ...groups };
  const alternatives = Object.keys(own)
    .filter((key) => key.startsWith('alt_') && own[key] !== undefined)
    .sort();
  for (const key of alternatives) {
    const target = key.slice(4).replace(/_\d+$/, '');
    const value = own[key];
    if (typeof value === 'string' && value !== '' && (own[target] === undefined || own[target] === '')) {
      own[target] = value;
      out[target] = value;
    }
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
  const address = canonicalAddress(text);
  return address === undefined ? { id: text, kind: 'raw' } : { id: address, kind: 'address' };
}

function normaliseHost(text: string): { id: string; kind: FailureIdKind } {
  const address = canonicalAddress(text);
  return address === undefined ? { id: text, kind: 'dns' } : { id: address, kind: 'address' };
}
