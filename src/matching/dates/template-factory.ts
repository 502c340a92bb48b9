// Builds a DateTemplate from pattern text through fail2ban's steps: bounding rules on the text, parsing
// (with %-directives), the begin/end boundaries as nodes, compilation, and a reader for the fields.
// Default templates are written in code as nodes; they enter through a slot mark in the text, so they
// take exactly the same path as a datepattern from a filter file.
import type { DateFields } from './date-fields.js';
import type { DateTemplate, MatchRecord } from './date-template.js';
import { usesWordDirective } from './directives.js';
import { epochReader, fieldsReader, tai64nReader, type FieldReader } from './field-readers.js';
import { assertAt, classEscape, repeat, seq, type Flags, type PatternNode } from './pattern-ast.js';
import { compilePattern, type CompiledPattern } from './pattern-compiler.js';
import { Fail2nftError } from '../../core/errors.js';
import { checkDirectives, datePatternError, flagsFromLetters, parseDatePattern } from './pattern-parser.js';
import { boundPattern, type BoundedPattern } from './template-bounds.js';

export type ValueKind =
  { kind: 'fields' } | { kind: 'epoch'; long: boolean; group: number } | { kind: 'tai64n' };

export interface TemplateSource {
  readonly name: string;
  /** Pattern text; SLOT_MARK stands for `slot()`. */
  readonly text: string;
  readonly slot?: () => PatternNode;
  /** The slot uses a word directive (%b...): the whole template then ignores case. */
  readonly slotIgnoresCase?: boolean;
  /** Expand %-directives (not in {EPOCH} patterns). */
  readonly directives: boolean;
  /** Honour `{UNB}` / `{^LN-BEG}` at the start of the text. */
  readonly markers: boolean;
  readonly begin: 'word' | 'line' | false;
  readonly wordEnd: boolean;
  readonly value: ValueKind;
  readonly weight?: number;
}

export function buildTemplate(source: TemplateSource): DateTemplate {
  const bounded = boundPattern(source.text, {
    begin: source.begin,
    wordEnd: source.wordEnd,
    markers: source.markers,
  });
  if (source.directives) {
    checkDirectives(source.text);
    checkLeadingSpaceDirective(source, bounded);
  }
  const parsed = parseBounded(source, bounded);
  const body = source.slot === undefined ? parsed.node : fillSlots(parsed.node, source.slot);
  const ignoreCase =
    source.slotIgnoresCase === true || (source.directives && usesWordDirective(source.text))
      ? { ignoreCase: true }
      : {};
  const flags: Partial<Flags> = {
    ...flagsFromLetters(bounded.flags, source.text),
    ...parsed.flags,
    ...ignoreCase,
  };
  const root = seq(...beginNodes(bounded), body, ...endNodes(bounded));
  const compiled = compilePattern(root, flags);
  // The cut span is group number 1, whatever its name: the wrapping group, or else the pattern's first
  // group (fail2ban only looks for an unnamed one in the text, so a named group may come first).
  if (compiled.groupCount < 1) throw datePatternError(source.text, 'no group marks the date to cut');
  const dateGroup = 1;
  return new CompiledTemplate(
    source.name,
    compiled,
    dateGroup,
    readerFor(source.value, compiled, dateGroup),
    bounded.lineBegin,
    bounded.lineBegin || bounded.lineEnd,
    source.weight ?? 1,
  );
}

/**
 * %k, %l, %Exk and %Exl begin with an optional space. fail2ban substitutes the directives and then strips
 * the regex, so at the very start of a pattern (without a word directive, which puts flags in front) that
 * space goes and the rest no longer compiles: fail2ban fails on every line. We refuse the pattern instead.
 */
function checkLeadingSpaceDirective(source: TemplateSource, bounded: BoundedPattern): void {
  const lead = /^%(Exk|Exl|k|l)/.exec(bounded.stripped);
  if (lead === null || source.slotIgnoresCase === true || usesWordDirective(source.text)) return;
  throw datePatternError(
    source.text,
    `it starts with ${lead[0]}, whose optional leading space fail2ban strips, leaving a regex it cannot compile (write ^${lead[0]} or put text before it)`,
  );
}

/** Parses the bounded text; errors name the pattern as written, quoting the text near the problem. */
function parseBounded(source: TemplateSource, bounded: BoundedPattern): ReturnType<typeof parseDatePattern> {
  try {
    return parseDatePattern(bounded.text, {
      directives: source.directives,
      slots: source.slot !== undefined,
    });
  } catch (error) {
    if (!(error instanceof Fail2nftError) || error.code !== 'F2N_ERR_DATE_PATTERN') throw error;
    const { problem, offset } = error.details as { problem?: string; offset?: number };
    const near =
      offset === undefined ? '' : ` near ${JSON.stringify(bounded.text.slice(offset, offset + 12))}`;
    throw datePatternError(source.text, `${problem ?? error.message}${near}`);
  }
}

function beginNodes(bounded: BoundedPattern): PatternNode[] {
  if (bounded.begin === 'line') return [assertAt('line-start'), repeat(classEscape('W'), 0, 2)];
  if (bounded.begin === 'word') return [assertAt('date-start')];
  return [];
}

function endNodes(bounded: BoundedPattern): PatternNode[] {
  return bounded.wordEnd ? [assertAt('date-end')] : [];
}

function fillSlots(node: PatternNode, slot: () => PatternNode): PatternNode {
  switch (node.kind) {
    case 'slot':
      return slot();
    case 'seq':
      return { kind: 'seq', items: node.items.map((item) => fillSlots(item, slot)) };
    case 'alt':
      return { kind: 'alt', options: node.options.map((option) => fillSlots(option, slot)) };
    case 'cond':
      return { ...node, yes: fillSlots(node.yes, slot), no: fillSlots(node.no, slot) };
    case 'repeat':
    case 'group':
    case 'look':
    case 'flags':
      return { ...node, node: fillSlots(node.node, slot) };
    default:
      return node;
  }
}

function readerFor(value: ValueKind, compiled: CompiledPattern, dateGroup: number): FieldReader {
  switch (value.kind) {
    case 'fields':
      return fieldsReader(compiled.names);
    case 'epoch':
      return epochReader(value.group, value.long);
    case 'tai64n':
      return tai64nReader(dateGroup);
  }
}

class CompiledTemplate implements DateTemplate {
  constructor(
    readonly name: string,
    private readonly pattern: CompiledPattern,
    private readonly dateGroup: number,
    private readonly reader: FieldReader,
    readonly lineBegin: boolean,
    readonly anchored: boolean,
    readonly weight: number,
  ) {}

  search(line: string, from: number, to: number, maxYear: number, out: MatchRecord): boolean {
    const start = this.pattern.search(line, from, to, maxYear);
    if (start < 0) return false;
    const caps = this.pattern.state.caps;
    out.start = start;
    out.end = caps[1] as number;
    const g = this.dateGroup;
    const dateStart = caps[2 * g] as number;
    // A date group that took no part in the match leaves nothing to cut.
    out.dateStart = dateStart < 0 ? 0 : dateStart;
    out.dateEnd = dateStart < 0 ? 0 : (caps[2 * g + 1] as number);
    const fields: DateFields = out.fields.reset();
    this.reader(line, caps, fields);
    return true;
  }
}
