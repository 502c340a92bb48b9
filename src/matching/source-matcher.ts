// The single-thread core of the matching stage for ONE log source read by several jails: takes chunks of
// whole lines as bytes and returns the failures with fail2ban's per-line semantics (LineFilter), doing as
// little as possible per line:
//
//   chunk ──▶ literal scan (literal-scan.ts) ──▶ candidate lines ──▶ date (once per line and date group)
//                                                                 ──▶ LineFilter.processLineBytes per jail
//
// - A jail with maxlines 1 can only fail on a line holding a required literal of one of its failregexes,
//   so only such lines are dated and searched, and only with the failregexes whose literals are there.
//   Jails with maxlines > 1 (their buffer changes on every line) and failregexes without a usable literal
//   see every line.
// - Candidate lines are matched as Buffers (RE2.test decides; the groups of a hit are read by a JS twin
//   from the line decoded once, see bytes-search-regex.ts). Lines that are not valid UTF-8 are decoded with
//   replacement characters and matched as text; lines longer than maxLineLength are skipped. CR before
//   the newline is dropped, as fail2ban does; NUL bytes stay in the line.
// - A line without a date borrows the previous dated line's time (fail2ban's one-minute rule). Jails of
//   one date group share that memory (DateMemory); when a skipped line may have been the last dated one,
//   the lines since the last one looked at are dated backwards until a dated one is found. The memory
//   is carried to the next chunk, or handed in and out (ChunkContext.carry / ChunkResult.lastDates) when
//   chunks of one source are matched by different matchers.
// - The text a failregex sees has the date cut out, so a literal may lie across the cut; the scan only
//   trusts a literal's bytes after the longest head (bytes before the date) measured on the first lines.
//   A later line with a longer head widens that for the following chunks; lines of the current chunk
//   the narrower scan skipped are not looked at again.
// - Known difference from fail2ban: skipped lines are not shown to the date detector, whose template
//   order (per file) then differs; it only matters for files that mix date formats a line could be read
//   with in two ways.
import { isAscii, isUtf8 } from 'node:buffer';
import type { FilterSpec } from '../core/filter-spec.js';
import { createBytesSearchRegex } from './bytes-search-regex.js';
import { compileFilter } from './compile-filter.js';
import { createDateDetector, type DateDetector } from './dates/index.js';
import { decodeLine, findLineDate, type FoundLineDate, type LineBytes } from './line-date.js';
import { DateMemory, LineFilter, type ByteLineHints, type LineFilterRegexes } from './line-filter.js';
import {
  hitNeedle,
  hitPosition,
  planLiteralScan,
  scanLiterals,
  type LiteralScanPlan,
} from './literal-scan.js';
import type { RequiredLiterals } from './regex/required-literals.js';
import { fillSourceMatcherOptions, type FilledSourceMatcherOptions } from './source-matcher-options.js';
import type {
  ChunkContext,
  ChunkResult,
  DateCarry,
  MatchedFailure,
  SourceMatcher,
  SourceMatcherOptions,
  SourceSpec,
} from './source-matcher-types.js';

/** Planning costs a pass over the sample per literal: plan on the first chunks, up to this much text. */
const PLAN_SAMPLE_BYTES = 1 << 20;
/** Lines of a sample dated to measure how far into a line dates start. */
const HEAD_SAMPLE_LINES = 2000;

interface DateGroup {
  readonly detector: DateDetector;
  readonly memory: DateMemory;
  /** A filter of the group, to note dates of lines no jail searched. */
  noter: LineFilter | undefined;
  /** False while the memory is unknown (a chunk matched without its predecessor's carry). */
  known: boolean;
  /** The memory reflects every line up to this one (-1: the chunk's start). */
  lastSeen: number;
  cachedLine: number;
  cachedDate: FoundLineDate | undefined;
  /** The longest head (bytes before a date) seen: literals' first bytes up to it may lie across the cut. */
  headBytes: number;
}

interface Jail {
  readonly name: string;
  readonly filter: LineFilter;
  readonly group: DateGroup;
  /** maxlines 1: matched on bytes, with the literal scan. */
  readonly singleLine: boolean;
  /** Every line is a candidate (maxlines > 1, or a failregex without a usable literal). */
  everyLine: boolean;
  /** Its failregexes' positions in the target list (single-line jails). */
  readonly firstTarget: number;
  readonly targets: number;
  /** Which failregexes may match the current line (a view of the matcher's mask). */
  tryMask: Uint8Array;
  /** processLineBytes hints for ASCII and for other lines (made once). */
  asciiHints: ByteLineHints;
  utf8Hints: ByteLineHints;
}

/** Stops matching a chunk that needs its predecessor's date memory. */
class NeedsCarry extends Error {}

function dateKey(spec: FilterSpec): string {
  return `${spec.datepattern ?? ''}\u0000${spec.logtimezone ?? ''}`;
}

/** SourceMatcher.dateGroups of a matcher for these jails (without building one). */
export function countDateGroups(jails: readonly FilterSpec[]): number {
  return new Set(jails.map(dateKey)).size;
}

function regexesFor(spec: FilterSpec): {
  regexes: LineFilterRegexes;
  literals: FilterLiterals;
  gate: RequiredLiterals;
} {
  const compiled = compileFilter(spec);
  if (spec.maxlines > 1) return { regexes: compiled.regexes, literals: [], gate: [] };
  // A failure needs the prefregex to match the same line too: its clauses are every failregex's
  // clauses as well, and the jail's gate (see ScanTarget.gate).
  const gate = compiled.prefregex?.requiredLiterals ?? [];
  return {
    regexes: {
      ...(compiled.prefregex === undefined ? {} : { prefregex: createBytesSearchRegex(compiled.prefregex) }),
      failregex: compiled.failregex.map(createBytesSearchRegex),
      ignoreregex: compiled.ignoreregex.map(createBytesSearchRegex),
    },
    literals: compiled.failregex.map((f) => [...f.requiredLiterals, ...gate]),
    gate,
  };
}

type FilterLiterals = readonly RequiredLiterals[];

class ChunkMatcher implements SourceMatcher {
  readonly dateGroups: number;
  private readonly options: FilledSourceMatcherOptions;
  private readonly groups: DateGroup[] = [];
  private readonly jails: Jail[] = [];
  private readonly targetLiterals: RequiredLiterals[] = [];
  private readonly targetGate: RequiredLiterals[] = [];
  private readonly targetJail: number[] = [];
  private readonly targetGroup: DateGroup[] = [];
  /** A line had a longer head than planned for: plan again before the next chunk. */
  private widened = false;
  private readonly mask: Uint8Array;
  private plan: LiteralScanPlan | undefined;
  private sampled = 0;
  /** Size of the sample the current plan was made on, and the chunks seen since (copied: chunks live
   * in reused shared memory), for replanning on a sample twice as large. */
  private planSampleBytes = 0;
  private pendingSample: Buffer[] = [];
  private pendingSampleBytes = 0;
  private readonly hits = { array: new Float64Array(1024) };
  private lineStarts = new Uint32Array(4096);
  private readonly interested: Uint8Array;
  /** Marks set for the current line by its hits (in mask and interested), for clearMarks. */
  private readonly markedTargets: Uint32Array;
  private markedTargetCount = 0;
  private readonly markedJails: Uint32Array;
  private markedJailCount = 0;
  // Per chunk.
  private chunk: Buffer = Buffer.alloc(0);
  private nowMs = 0;
  private failures: MatchedFailure[] = [];

  constructor(
    readonly source: SourceSpec,
    options: SourceMatcherOptions,
  ) {
    this.options = fillSourceMatcherOptions(options);
    const groupOf = new Map<string, DateGroup>();
    for (const spec of source.jails) {
      const key = dateKey(spec);
      let group = groupOf.get(key);
      if (group === undefined) {
        group = {
          detector: createDateDetector({
            ...(spec.datepattern === undefined ? {} : { datepattern: spec.datepattern }),
            ...(spec.logtimezone === undefined ? {} : { logtimezone: spec.logtimezone }),
          }),
          memory: new DateMemory(),
          noter: undefined,
          known: true,
          lastSeen: -1,
          cachedLine: -1,
          cachedDate: undefined,
          headBytes: 0,
        };
        groupOf.set(key, group);
        this.groups.push(group);
      }
      const { regexes, literals, gate } = regexesFor(spec);
      const filter = new LineFilter(
        regexes,
        {
          maxlines: spec.maxlines,
          usedns: spec.usedns,
          checkFindTime: this.options.checkFindTime,
          findtimeMs: this.options.findtimeMs[spec.name] ?? 600_000,
          keepGroups: false,
        },
        group.memory,
      );
      group.noter ??= filter;
      const firstTarget = this.targetLiterals.length;
      for (const clauses of literals) {
        this.targetLiterals.push(clauses);
        this.targetGate.push(gate);
        this.targetJail.push(this.jails.length);
        this.targetGroup.push(group);
      }
      this.jails.push({
        name: spec.name,
        filter,
        group,
        singleLine: spec.maxlines <= 1,
        everyLine: spec.maxlines > 1,
        firstTarget,
        targets: literals.length,
        tryMask: new Uint8Array(0),
        asciiHints: { ascii: true },
        utf8Hints: { ascii: false },
      });
    }
    this.dateGroups = this.groups.length;
    this.mask = new Uint8Array(this.targetLiterals.length);
    for (const jail of this.jails) {
      jail.tryMask = this.mask.subarray(jail.firstTarget, jail.firstTarget + jail.targets);
      const tryFailregex = jail.singleLine ? { tryFailregex: jail.tryMask } : {};
      jail.asciiHints = { ascii: true, ...tryFailregex };
      jail.utf8Hints = { ascii: false, ...tryFailregex };
    }
    this.interested = new Uint8Array(this.jails.length);
    this.markedTargets = new Uint32Array(this.targetLiterals.length);
    this.markedJails = new Uint32Array(this.jails.length);
  }

  processChunk(chunk: Buffer, context: ChunkContext = {}): ChunkResult {
    this.chunk = chunk;
    this.nowMs = context.nowMs ?? this.options.clock.now();
    this.failures = [];
    const inOperation = context.inOperation ?? this.options.inOperation;
    for (const jail of this.jails) jail.filter.inOperation = inOperation;
    this.startGroups(context.carry);
    if (this.plan === undefined || this.widened) this.replan(chunk);
    else if (this.sampled < PLAN_SAMPLE_BYTES) {
      // A live log arrives in small chunks: replanning on each cost more than matching them. Plan
      // again only on a sample twice the size of the last one (chunks since then, together), so a
      // source makes a few plans on ever larger samples until PLAN_SAMPLE_BYTES were seen.
      this.pendingSample.push(Buffer.from(chunk));
      this.pendingSampleBytes += chunk.length;
      if (this.pendingSampleBytes >= 2 * this.planSampleBytes) {
        const sample = Buffer.concat(this.pendingSample);
        this.pendingSample = [];
        this.pendingSampleBytes = 0;
        this.replan(sample);
      }
    }
    const plan = this.plan as LiteralScanPlan;

    const asciiChunk = isAscii(chunk);
    const validChunk = asciiChunk || isUtf8(chunk);
    const nulChunk = chunk.indexOf(0) >= 0;
    const hitCount = scanLiterals(plan, chunk, this.hits);
    const hits = this.hits.array;
    const maxLength = this.options.maxLineLength;
    const anyEveryLine = this.jails.some((j) => j.everyLine);
    let skippedLong = 0;
    let invalidUtf8 = 0;
    let nulLines = 0;
    let h = 0;
    let index = 0;
    let start = 0;
    try {
      while (start < chunk.length) {
        const newline = chunk.indexOf(10, start);
        const end = newline < 0 ? chunk.length : newline;
        this.noteLineStart(index, start);
        let candidate = anyEveryLine;
        for (; h < hitCount && hitPosition(hits[h] ?? 0) < end; h++) {
          candidate = true;
          for (const target of plan.needleTargets[hitNeedle(hits[h] ?? 0)] ?? []) {
            if (this.mask[target] === 0) {
              this.mask[target] = 1;
              this.markedTargets[this.markedTargetCount++] = target;
            }
            const jail = this.targetJail[target] ?? 0;
            if (this.interested[jail] === 0) {
              this.interested[jail] = 1;
              this.markedJails[this.markedJailCount++] = jail;
            }
          }
        }
        if (end - start > maxLength) {
          skippedLong++;
        } else if (candidate || !validChunk || nulChunk) {
          const line = chunk.subarray(start, end);
          const valid = validChunk || isUtf8(line);
          if (!valid) invalidUtf8++;
          if (nulChunk && line.indexOf(0) >= 0) nulLines++;
          if (candidate) this.matchLine(index, line, asciiChunk || isAscii(line), valid);
        }
        if (candidate) this.clearMarks();
        start = end + 1;
        index++;
      }
    } catch (error) {
      if (!(error instanceof NeedsCarry)) throw error;
      this.clearMarks();
      return {
        lines: 0,
        skippedLong: 0,
        invalidUtf8: 0,
        nulLines: 0,
        failures: [],
        lastDates: this.groups.map(() => null),
        needsCarry: true,
      };
    }
    this.noteLineStart(index, chunk.length + 1);
    for (const group of this.groups) this.catchUp(group, index, false);
    return {
      lines: index,
      skippedLong,
      invalidUtf8,
      nulLines,
      failures: this.failures,
      lastDates: this.groups.map((g): DateCarry | null =>
        g.known ? { lastDate: g.memory.lastDate, lastTimeText: g.memory.lastTimeText } : null,
      ),
      needsCarry: false,
    };
  }

  private replan(sample: Buffer): void {
    this.sampled += sample.length;
    this.planSampleBytes = sample.length;
    this.widened = false;
    this.measureHeads(sample);
    this.plan = planLiteralScan(
      this.targetLiterals.map((literals, t) => ({
        literals,
        headBytes: this.targetGroup[t]?.headBytes ?? 0,
        gateKey: this.targetJail[t] ?? 0,
        gate: this.targetGate[t] ?? [],
      })),
      sample,
    );
    this.mask.fill(0);
    this.markedTargetCount = 0;
    this.markedJailCount = 0;
    for (const jail of this.jails) jail.everyLine = !jail.singleLine;
    for (const target of this.plan.everyLine) {
      this.mask[target] = 1;
      const jail = this.jails[this.targetJail[target] ?? 0];
      if (jail !== undefined) jail.everyLine = true;
    }
    this.interested.fill(0);
    this.jails.forEach((jail, j) => {
      if (jail.everyLine) this.interested[j] = 1;
    });
  }

  /** The longest heads before dates in the sample's first lines, per date group. */
  private measureHeads(sample: Buffer): void {
    const groups = this.groups.filter((g) => this.targetGroup.includes(g));
    if (groups.length === 0) return;
    let start = 0;
    for (let line = 0; line < HEAD_SAMPLE_LINES && start < sample.length; line++) {
      const newline = sample.indexOf(10, start);
      const end = newline < 0 ? sample.length : newline;
      if (end - start <= this.options.maxLineLength) {
        const raw = sample.subarray(start, end);
        const ascii = isAscii(raw);
        const bytes = this.lineBytes(raw, ascii, ascii || isUtf8(raw));
        for (const group of groups) {
          const { headBytes } = findLineDate(group.detector, bytes, this.nowMs);
          if (headBytes > group.headBytes) group.headBytes = headBytes;
        }
      }
      start = end + 1;
    }
  }

  /** Undoes the current line's marks (those of every-line targets and jails were never set by it). */
  private clearMarks(): void {
    // Each target and jail is marked at most once per line: the counts stay within the arrays.
    for (let i = 0; i < this.markedTargetCount; i++) this.mask[this.markedTargets[i] ?? 0] = 0;
    for (let i = 0; i < this.markedJailCount; i++) this.interested[this.markedJails[i] ?? 0] = 0;
    this.markedTargetCount = 0;
    this.markedJailCount = 0;
  }

  private startGroups(carry: ChunkContext['carry']): void {
    this.groups.forEach((group, g) => {
      group.lastSeen = -1;
      group.cachedLine = -1;
      group.cachedDate = undefined;
      if (carry === undefined) return;
      const entry = carry[g] ?? null;
      group.known = entry !== null;
      group.memory.lastDate = entry?.lastDate;
      group.memory.lastTimeText = entry?.lastTimeText ?? '';
    });
  }

  private noteLineStart(index: number, start: number): void {
    if (index >= this.lineStarts.length) {
      const grown = new Uint32Array(this.lineStarts.length * 2);
      grown.set(this.lineStarts);
      this.lineStarts = grown;
    }
    this.lineStarts[index] = start;
  }

  private lineBytes(line: Buffer, ascii: boolean, valid: boolean): LineBytes {
    let end = line.length;
    while (end > 0 && line[end - 1] === 13) end--;
    return { bytes: end === line.length ? line : line.subarray(0, end), ascii, valid, text: undefined };
  }

  private dateOf(group: DateGroup, index: number, line: LineBytes): FoundLineDate {
    if (group.cachedLine === index && group.cachedDate !== undefined) return group.cachedDate;
    const found = findLineDate(group.detector, line, this.nowMs);
    group.cachedLine = index;
    group.cachedDate = found;
    return found;
  }

  private matchLine(index: number, raw: Buffer, ascii: boolean, valid: boolean): void {
    const line = this.lineBytes(raw, ascii, valid);
    const jails = this.jails;
    for (let j = 0; j < jails.length; j++) {
      if (this.interested[j] === 0) continue;
      const jail = jails[j] as Jail;
      const group = jail.group;
      const date = this.dateOf(group, index, line);
      if (date.headBytes > group.headBytes) {
        // The scan may have missed lines like this one: plan for such heads from the next chunk on.
        group.headBytes = date.headBytes;
        this.widened = true;
      }
      if (date.dated) group.known = true;
      else this.catchUp(group, index, true);
      const found = line.valid
        ? jail.filter.processLineBytes(
            line.bytes,
            date.byteDate,
            this.nowMs,
            ascii ? jail.asciiHints : jail.utf8Hints,
            line.text,
            date.dated ? date.text : undefined,
          )
        : jail.filter.processLine(decodeLine(line), date.lineDate, this.nowMs);
      group.lastSeen = index;
      for (const failure of found) {
        if (failure.id === undefined || failure.kind === undefined || failure.nofail) continue;
        const { id, kind, failregex, user, matches } = failure;
        const timeMs = failure.timeMs ?? this.nowMs;
        this.failures.push(
          user === undefined
            ? { jail: jail.name, id, kind, timeMs, failregex, lineInChunk: index, matches }
            : { jail: jail.name, id, kind, timeMs, failregex, user, lineInChunk: index, matches },
        );
      }
    }
  }

  /**
   * Brings a group's date memory up to the line before `index`: the lines since the last one it saw are
   * dated backwards until one has a date (the others leave the memory as it is). `required`: line
   * `index` borrows the memory, so an unknown one stops the chunk.
   */
  private catchUp(group: DateGroup, index: number, required: boolean): void {
    const chunk = this.chunk;
    const maxLength = this.options.maxLineLength;
    for (let i = index - 1; i > group.lastSeen; i--) {
      const start = this.lineStarts[i] ?? 0;
      const end = (this.lineStarts[i + 1] ?? chunk.length + 1) - 1;
      if (end - start > maxLength) continue;
      const raw = chunk.subarray(start, end);
      const ascii = isAscii(raw);
      const line = this.lineBytes(raw, ascii, ascii || isUtf8(raw));
      const date = findLineDate(group.detector, line, this.nowMs);
      if (!date.dated) continue;
      const timeMs = date.byteDate?.timeMs ?? date.lineDate?.timeMs;
      group.noter?.noteDate({ tuple: { head: '', date: date.text, tail: '' }, timeMs }, this.nowMs);
      group.known = true;
      break;
    }
    group.lastSeen = Math.max(group.lastSeen, index - 1);
    if (required && !group.known) throw new NeedsCarry();
  }
}

export function createSourceMatcher(source: SourceSpec, options: SourceMatcherOptions = {}): SourceMatcher {
  return new ChunkMatcher(source, options);
}
