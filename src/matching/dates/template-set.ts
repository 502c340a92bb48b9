// From a `datepattern` option to the detector's templates, with fail2ban's keywords:
// - no datepattern: all default templates (line-begin copies first);
// - `{^LN-BEG}`: only the default templates anchored at the line start; `{DEFAULT}`: all of them;
// - a pattern containing `{DATE}`: that pattern once per default template, {DATE} replaced by it;
// - `{NONE}`: no date in the lines (an empty match at the line start);
// - `EPOCH` / `LEPOCH` / `TAI64N` (optionally after `^` or `{^LN-BEG}`), or a pattern with `{EPOCH}`;
// - anything else: a pattern with %-directives.
// Several patterns may be given, one per line; each adds its templates in order.
import type { DateTemplate } from './date-template.js';
import {
  DEFAULT_TEMPLATE_SPECS,
  defaultTemplateList,
  epochNumber,
  epochSource,
  tai64nSource,
} from './default-templates.js';
import { SLOT_MARK, datePatternError } from './pattern-parser.js';
import { buildTemplate, type TemplateSource } from './template-factory.js';
import { withFastPath } from './fast-path-template.js';

const LINE_BEGIN = '{^LN-BEG}';
const CACHE_LIMIT = 1000;
const cache = new Map<string, DateTemplate>();

/** Compiles one datepattern line into one template (a keyword naming a template set is an error). */
export function compileDateTemplate(pattern: string): DateTemplate {
  const key = keyOf(pattern);
  if (key === LINE_BEGIN || key === '{DEFAULT}' || key.includes('{DATE}')) {
    throw datePatternError(pattern, 'names a set of templates; give it to createDateDetector');
  }
  return key === '{NONE}'
    ? cached('{NONE}', () => buildTemplate(patternSource('{NONE}', '{UNB}^')))
    : single(pattern);
}

/** The templates of a whole datepattern option, in the order the detector tries them first. */
export function templatesForDatePattern(option: string | undefined): readonly DateTemplate[] {
  if (option === undefined) return defaultTemplateList();
  const patterns = option
    .split(/\n+/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const out: DateTemplate[] = [];
  const names = new Set<string>();
  const add = (templates: readonly DateTemplate[], ignoreDuplicates: boolean): void => {
    for (const template of templates) {
      if (names.has(template.name)) {
        if (ignoreDuplicates) continue;
        throw datePatternError(template.name, 'the same date template is listed twice');
      }
      names.add(template.name);
      out.push(template);
    }
  };
  for (const pattern of patterns) {
    const key = keyOf(pattern);
    const ignoreDuplicates = out.length > 0;
    if (key === LINE_BEGIN)
      add(
        defaultTemplateList().filter((t) => t.lineBegin),
        ignoreDuplicates,
      );
    else if (key === '{DEFAULT}') add(defaultTemplateList(), ignoreDuplicates);
    else if (key.includes('{DATE}')) add(dateSlotTemplates(pattern), ignoreDuplicates);
    else add([compileDateTemplate(pattern)], false);
  }
  if (out.length === 0) return defaultTemplateList();
  return out;
}

/** fail2ban reads keywords case-insensitively, but only in patterns without a % directive. */
function keyOf(pattern: string): string {
  return pattern.includes('%') ? pattern : pattern.toUpperCase();
}

function cached(key: string, build: () => DateTemplate): DateTemplate {
  let template = cache.get(key);
  if (template === undefined) {
    template = build();
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, template);
  }
  return template;
}

function single(pattern: string): DateTemplate {
  return cached(pattern, () => buildSingle(pattern));
}

function buildSingle(pattern: string): DateTemplate {
  const key = keyOf(pattern);
  if (key.includes('EPOCH')) {
    if (hasEpochField(pattern)) return buildTemplate(epochPatternSource(pattern, key.includes('LEPOCH')));
    if (key === 'EPOCH' || key === `${LINE_BEGIN}EPOCH` || key === '^EPOCH') {
      const lineBegin = key !== 'EPOCH';
      return buildTemplate(epochSource(lineBegin ? `${LINE_BEGIN}Epoch` : 'Epoch', lineBegin, false));
    }
    if (key === 'LEPOCH' || key === `${LINE_BEGIN}LEPOCH` || key === '^LEPOCH') {
      const lineBegin = key !== 'LEPOCH';
      return buildTemplate(epochSource(lineBegin ? `${LINE_BEGIN}LongEpoch` : 'LongEpoch', lineBegin, true));
    }
  }
  if (key === 'TAI64N' || key === `${LINE_BEGIN}TAI64N` || key === '^TAI64N') {
    const lineBegin = key !== 'TAI64N';
    return buildTemplate(tai64nSource(lineBegin ? `${LINE_BEGIN}TAI64N` : 'TAI64N', lineBegin));
  }
  return buildTemplate(patternSource(pattern, pattern));
}

function patternSource(name: string, text: string): TemplateSource {
  return {
    name,
    text,
    directives: true,
    markers: true,
    begin: 'word',
    wordEnd: true,
    value: { kind: 'fields' },
  };
}

/** Positions of `{EPOCH}` / `{LEPOCH}` (any case) not preceded by a backslash. */
function epochFields(pattern: string): Array<{ at: number; length: number }> {
  const upper = pattern.toUpperCase();
  const found: Array<{ at: number; length: number }> = [];
  for (let at = upper.indexOf('{'); at >= 0; at = upper.indexOf('{', at + 1)) {
    if (at > 0 && pattern.charAt(at - 1) === '\\') continue;
    if (upper.startsWith('{EPOCH}', at)) found.push({ at, length: 7 });
    else if (upper.startsWith('{LEPOCH}', at)) found.push({ at, length: 8 });
  }
  return found;
}

function hasEpochField(pattern: string): boolean {
  return epochFields(pattern).length > 0;
}

/** A regex around `{EPOCH}`: the whole pattern is cut from the line, the number is the time. */
function epochPatternSource(pattern: string, long: boolean): TemplateSource {
  let text = '';
  let last = 0;
  for (const { at, length } of epochFields(pattern)) {
    text += `${pattern.slice(last, at)}(${SLOT_MARK})`;
    last = at + length;
  }
  return {
    name: pattern,
    text: `(${text}${pattern.slice(last)})`,
    slot: () => epochNumber(long),
    directives: false,
    markers: false,
    begin: 'word',
    wordEnd: true,
    value: { kind: 'epoch', long, group: 2 },
  };
}

/** Replaces every `{DATE}` (any case, not escaped) with `replacement`. */
function replaceDate(pattern: string, replacement: string): string {
  const upper = pattern.toUpperCase();
  let out = '';
  let last = 0;
  for (let at = upper.indexOf('{DATE}'); at >= 0; at = upper.indexOf('{DATE}', at + 1)) {
    if (at > 0 && pattern.charAt(at - 1) === '\\') continue;
    out += pattern.slice(last, at) + replacement;
    last = at + 6;
  }
  return out + pattern.slice(last);
}

function withoutLineBegin(text: string): string {
  return text.startsWith(LINE_BEGIN) ? text.slice(LINE_BEGIN.length) : text;
}

/** `{DATE}` patterns: one template per default template, in the default order (no line-begin copies). */
function dateSlotTemplates(pattern: string): DateTemplate[] {
  return DEFAULT_TEMPLATE_SPECS.map((spec) => {
    const name = replaceDate(pattern, withoutLineBegin(spec.name));
    if (spec.kind !== 'pattern') {
      // fail2ban substitutes these by name, so only `{DATE}`, `^{DATE}` and `{^LN-BEG}{DATE}` give a real
      // epoch or TAI64N template; anywhere else the name stands for itself as literal text.
      return single(replaceDate(pattern, spec.name));
    }
    const lead = spec.lead === '^' ? '^' : '';
    return cached(`{DATE}\u0000${name}`, () => {
      const template = buildTemplate({
        ...patternSource(name, replaceDate(pattern, lead + SLOT_MARK)),
        slot: spec.body,
        slotIgnoresCase: spec.words,
      });
      // Alone, after `^` or after `{^LN-BEG}`, {DATE} behaves as the default template at the line start.
      const plain = ['{DATE}', '^{DATE}', `${LINE_BEGIN}{DATE}`].includes(pattern.toUpperCase());
      return plain && spec.fast !== undefined ? withFastPath(template, spec.fast) : template;
    });
  });
}
