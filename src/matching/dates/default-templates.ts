// fail2ban's default date templates, in fail2ban's order, written as pattern nodes. The detector uses them
// when a filter sets no datepattern, `{^LN-BEG}` selects the line-anchored ones, and `{DATE}` inside a
// datepattern is replaced by each of them in turn.
//
// Order and anchoring (the facts that decide which date wins on a line):
// 1. every template that is not anchored by itself also exists as a line-begin copy (the date starts the
//    line after at most two non-word characters), and those copies come first, with weight 100;
// 2. then all templates in their own order, each searching anywhere but only from a word start.
import { expandDirective } from './directives.js';
import { EPOCH_LONG, EPOCH_SECONDS } from './field-scanners.js';
import {
  alt,
  assertAt,
  backref,
  capture,
  classEscape,
  oneOf,
  optional,
  repeat,
  scan,
  seq,
  text,
  type PatternNode,
  type ScanSpec,
} from './pattern-ast.js';
import { SLOT_MARK } from './pattern-parser.js';
import type { DateTemplate } from './date-template.js';
import { buildTemplate, type TemplateSource } from './template-factory.js';
import { withFastPath, type FastParse } from './fast-path-template.js';
import { parseIsoAtStart } from './iso-fast-path.js';
import { parseSyslogAtStart } from './syslog-fast-path.js';

const LINE_BEGIN_MARK = '{^LN-BEG}';

/** One default template: how it is anchored by itself, and its body. */
export interface DefaultTemplateSpec {
  readonly name: string;
  /** '' (searched from a word start), '^' (at the line start, exactly) or the line-begin mark. */
  readonly lead: '' | '^' | typeof LINE_BEGIN_MARK;
  readonly kind: 'pattern' | 'epoch' | 'tai64n';
  /** Whether the body uses month or weekday names (fail2ban then ignores case in the whole template). */
  readonly words: boolean;
  readonly body: () => PatternNode;
  /** A hand-written parser for the template's common form at the line start (the hot path). */
  readonly fast?: FastParse;
}

const d = (key: string): PatternNode[] => [...expandDirective(key)];
const fraction = (separators: string): PatternNode => optional(seq(oneOf(separators), ...d('f')));
const zoneAfterSpaces = (): PatternNode => optional(seq(repeat(classEscape('s'), 0), ...d('z')));
const oneOrTwoSpaces = (): PatternNode => seq(text(' '), optional(text(' ')));
const clock = (hour: string): PatternNode[] => [...d(hour), text(':'), ...d('M'), text(':'), ...d('S')];
const weekdayPrefix = (): PatternNode => optional(seq(...d('a'), text(' ')));
const separator = (chars: string): PatternNode => capture('_sep', oneOf(chars));

/** Syslog / asctime: `[Www ]Mmm dd hh:mm:ss[.ffffff][ yyyy]`, optionally after a zone. */
function syslogBody(before: PatternNode[]): PatternNode {
  return seq(
    ...before,
    weekdayPrefix(),
    ...d('b'),
    text(' '),
    ...d('d'),
    text(' '),
    ...clock('k'),
    optional(seq(text('.'), ...d('f'))),
    optional(seq(text(' '), ...d('ExY'))),
  );
}

/** An epoch number at the line start, right after a `[` that starts the line, or inside `audit(` (SELinux). */
function anywhereEpoch(number: ScanSpec): PatternNode {
  const behind = (node: PatternNode): PatternNode => ({ kind: 'look', behind: true, negate: false, node });
  return seq(
    alt(
      assertAt('line-start'),
      behind(seq(assertAt('line-start'), text('['))),
      behind(seq(assertAt('word-boundary'), text('audit('))),
    ),
    scan(number),
  );
}

export const DEFAULT_TEMPLATE_SPECS: readonly DefaultTemplateSpec[] = [
  {
    // 2005-01-23T21:59:59.981746+01:00, 2005/01/23 21:59:59, 2006.12.21  6:43:20
    name: 'YYYY-MM-DD hh:mm:ss[.ffffff][zone]',
    lead: '',
    kind: 'pattern',
    words: false,
    fast: parseIsoAtStart,
    body: () =>
      seq(
        ...d('ExY'),
        separator('-/.'),
        ...d('m'),
        backref('_sep'),
        ...d('d'),
        alt(text('T'), oneOrTwoSpaces()),
        ...clock('H'),
        fraction('.,'),
        zoneAfterSpaces(),
      ),
  },
  {
    // Sun Jan 23 21:59:59.011 2005, Jan 23 21:59:59
    name: '[Www ]Mmm dd hh:mm:ss[.ffffff][ yyyy]',
    lead: '',
    kind: 'pattern',
    words: true,
    fast: parseSyslogAtStart,
    body: () => syslogBody([]),
  },
  {
    // Sun Jan 23 2005 21:59:59.011
    name: '[Www ]Mmm dd yyyy hh:mm:ss[.ffffff]',
    lead: '',
    kind: 'pattern',
    words: true,
    body: () =>
      seq(
        weekdayPrefix(),
        ...d('b'),
        text(' '),
        ...d('d'),
        text(' '),
        ...d('ExY'),
        text(' '),
        ...clock('k'),
        optional(seq(text('.'), ...d('f'))),
      ),
  },
  {
    // 23/01/2005 21:59:59, 23/01/05 21:59:59, 17-07-2008 17:23:25
    name: 'dd-mm-yy[yy] hh:mm:ss',
    lead: '',
    kind: 'pattern',
    words: false,
    body: () =>
      seq(
        ...d('d'),
        separator('-/'),
        ...d('m'),
        backref('_sep'),
        alt(seq(...d('ExY')), seq(...d('Exy'))),
        text(' '),
        ...clock('k'),
      ),
  },
  {
    // Apache [31/Oct/2006:09:22:55 -0000], named 26-Jul-2007 15:20:52.252, roundcube ... +0200
    name: 'dd/Mmm/yyyy:hh:mm:ss[.ffffff][ zone]',
    lead: '',
    kind: 'pattern',
    words: true,
    body: () =>
      seq(
        ...d('d'),
        separator('-/'),
        ...d('b'),
        backref('_sep'),
        ...d('ExY'),
        optional(oneOf(' :')),
        ...clock('H'),
        optional(seq(text('.'), ...d('f'))),
        optional(seq(text(' '), ...d('z'))),
      ),
  },
  {
    // cPanel 05/20/2008:01:57:39
    name: 'mm/dd/yyyy:hh:mm:ss',
    lead: '',
    kind: 'pattern',
    words: false,
    body: () => seq(...d('m'), text('/'), ...d('d'), text('/'), ...d('ExY'), text(':'), ...clock('H')),
  },
  {
    // 01-27-2012 16:22:44.252 (the fraction is required to tell it from dd-mm-yyyy only by position)
    name: 'mm-dd-yyyy hh:mm:ss[.ffffff]',
    lead: '',
    kind: 'pattern',
    words: false,
    body: () =>
      seq(
        ...d('m'),
        text('-'),
        ...d('d'),
        text('-'),
        ...d('ExY'),
        text(' '),
        ...clock('k'),
        optional(seq(text('.'), ...d('f'))),
      ),
  },
  {
    name: 'Epoch',
    lead: '',
    kind: 'epoch',
    words: false,
    body: () => anywhereEpoch(EPOCH_SECONDS),
  },
  {
    // only a time of day: the date is today (or yesterday if that time has not come yet)
    name: `${LINE_BEGIN_MARK}hh:mm:ss`,
    lead: LINE_BEGIN_MARK,
    kind: 'pattern',
    words: false,
    body: () => seq(...clock('H')),
  },
  {
    // <09/16/08@05:03:30>
    name: '^<mm/dd/yy@hh:mm:ss>',
    lead: '^',
    kind: 'pattern',
    words: false,
    body: () =>
      seq(
        text('<'),
        ...d('m'),
        text('/'),
        ...d('d'),
        text('/'),
        ...d('Exy'),
        text('@'),
        ...clock('H'),
        text('>'),
      ),
  },
  {
    // MySQL 130322 11:46:11
    name: 'yymmdd hh:mm:ss',
    lead: '',
    kind: 'pattern',
    words: false,
    body: () => seq(...d('Exy'), ...d('Exm'), ...d('Exd'), oneOrTwoSpaces(), ...clock('H')),
  },
  {
    // Apache Tomcat Jan 23, 2005 9:59:59 PM
    name: 'Mmm dd, yyyy hh:mm:ss AM',
    lead: '',
    kind: 'pattern',
    words: true,
    body: () =>
      seq(
        ...d('b'),
        text(' '),
        ...d('d'),
        text(', '),
        ...d('ExY'),
        text(' '),
        ...clock('I'),
        text(' '),
        ...d('p'),
      ),
  },
  {
    // ASSP Apr-27-13 02:33:06
    name: '^Mmm-dd-yy hh:mm:ss',
    lead: '^',
    kind: 'pattern',
    words: true,
    body: () => seq(...d('b'), text('-'), ...d('d'), text('-'), ...d('Exy'), text(' '), ...clock('k')),
  },
  {
    // 20050123T215959, 20050123 215959, with optional fraction and zone
    name: 'YYYYMMDD[T ]hhmmss[.ffffff][zone]',
    lead: '',
    kind: 'pattern',
    words: false,
    body: () =>
      seq(
        ...d('ExY'),
        ...d('Exm'),
        ...d('Exd'),
        alt(text('T'), oneOrTwoSpaces()),
        ...d('ExH'),
        ...d('ExM'),
        ...d('ExS'),
        fraction('.,'),
        zoneAfterSpaces(),
      ),
  },
  {
    // monit: PDT Apr 16 21:05:29
    name: '[ZONE ][Www ]Mmm dd hh:mm:ss[.ffffff][ yyyy]',
    lead: '',
    kind: 'pattern',
    words: true,
    body: () => syslogBody([optional(seq(...d('Z'), text(' ')))]),
  },
  {
    // +00:00 Jan 23 21:59:59.011 2005
    name: '[+hh:mm ][Www ]Mmm dd hh:mm:ss[.ffffff][ yyyy]',
    lead: '',
    kind: 'pattern',
    words: true,
    body: () => syslogBody([optional(seq(...d('z'), text(' ')))]),
  },
  {
    name: 'TAI64N',
    lead: '',
    kind: 'tai64n',
    words: false,
    body: () => seq(text('@'), repeat(hexDigit(), 24, 24)),
  },
];

function hexDigit(): PatternNode {
  return { kind: 'set', set: { negate: false, ranges: [0x30, 0x39, 0x61, 0x66], escapes: [] } };
}

/** The source of a default template as fail2ban builds it: by itself, or anchored to the line start. */
function sourceOf(spec: DefaultTemplateSpec, anchored: boolean): TemplateSource {
  const name = anchored ? LINE_BEGIN_MARK + spec.name : spec.name;
  const weight = anchored ? 100 : 1;
  if (spec.kind === 'pattern') {
    const lead = anchored ? LINE_BEGIN_MARK : spec.lead;
    return {
      name,
      text: lead + SLOT_MARK,
      slot: spec.body,
      slotIgnoresCase: spec.words,
      directives: true,
      markers: true,
      begin: 'word',
      wordEnd: true,
      value: { kind: 'fields' },
      weight,
    };
  }
  if (spec.kind === 'epoch') return epochSource(name, anchored, false, weight);
  return tai64nSource(name, anchored, weight);
}

/** The number of an epoch template. */
export function epochNumber(long: boolean): PatternNode {
  return scan(long ? EPOCH_LONG : EPOCH_SECONDS);
}

/** EPOCH / LEPOCH, searched anywhere (at the line start, after `[` there, or in `audit(`) or line-anchored. */
export function epochSource(name: string, lineBegin: boolean, long: boolean, weight = 1): TemplateSource {
  const number = long ? EPOCH_LONG : EPOCH_SECONDS;
  return {
    name,
    text: `(${SLOT_MARK})`,
    slot: lineBegin ? () => scan(number) : () => anywhereEpoch(number),
    directives: false,
    markers: false,
    begin: lineBegin ? 'line' : false,
    wordEnd: true,
    value: { kind: 'epoch', long, group: 1 },
    weight,
  };
}

export function tai64nSource(name: string, lineBegin: boolean, weight = 1): TemplateSource {
  return {
    name,
    text: SLOT_MARK,
    slot: () => seq(text('@'), repeat(hexDigit(), 24, 24)),
    directives: false,
    markers: false,
    begin: lineBegin ? 'line' : false,
    wordEnd: true,
    value: { kind: 'tai64n' },
    weight,
  };
}

/** Whether a default template is anchored by itself (it then has no line-begin copy). */
function selfAnchored(spec: DefaultTemplateSpec): boolean {
  return spec.lead !== '';
}

function build(spec: DefaultTemplateSpec, anchored: boolean): DateTemplate {
  const template = buildTemplate(sourceOf(spec, anchored));
  return spec.fast === undefined ? template : withFastPath(template, spec.fast);
}

let cachedAll: readonly DateTemplate[] | undefined;
let cachedOriginals: readonly DateTemplate[] | undefined;

/** The 17 default templates in fail2ban's order, each as written (what `{DATE}` is replaced by). */
export function defaultTemplates(): readonly DateTemplate[] {
  cachedOriginals ??= DEFAULT_TEMPLATE_SPECS.map((spec) => build(spec, false));
  return cachedOriginals;
}

/** The detector's default list: the line-begin copies first, then every template as written. */
export function defaultTemplateList(): readonly DateTemplate[] {
  if (cachedAll === undefined) {
    const copies = DEFAULT_TEMPLATE_SPECS.filter((spec) => !selfAnchored(spec)).map((spec) =>
      build(spec, true),
    );
    cachedAll = [...copies, ...defaultTemplates()];
  }
  return cachedAll;
}
