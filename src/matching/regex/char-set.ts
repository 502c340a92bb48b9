// Sets of characters as the translator sees them: `.`, `[...]`, `\d`, `\w`, `\s` and their negations.
// A set is a union of items, possibly complemented. The Unicode categories behind Python's `\d` and `\w`
// stay RE2 property items (`\p{L}`). A category minus some ranges is an item too: RE2 cannot subtract
// inside a class, but `[^\P{L}a-z]` is "letters except a-z", so such items print as their own negated
// class (see print-re2-regex.ts). As a last resort, set algebra expands categories to explicit ranges.

export type UnicodeProperty = 'L' | 'N' | 'Nd';

export interface CodeRange {
  readonly kind: 'range';
  readonly from: number;
  readonly to: number;
}

export type SetItem =
  | CodeRange
  | {
      readonly kind: 'property';
      readonly name: UnicodeProperty;
      readonly negated: boolean;
      /** Code points taken out of the category (or its complement). */
      readonly except?: readonly CodeRange[];
    }
  // Python's Unicode `\W`: the complement of letters, numbers and `_`. RE2 has no single item for it.
  | { readonly kind: 'not-word'; readonly except?: readonly CodeRange[] };

export interface CharSet {
  readonly negated: boolean;
  readonly items: readonly SetItem[];
}

export const MAX_CODE_POINT = 0x10ffff;
const NEWLINE = 0x0a;

export function range(from: number, to: number = from): CodeRange {
  return { kind: 'range', from, to };
}

export function charSet(items: readonly SetItem[], negated = false): CharSet {
  return { negated, items };
}

/** `.`: everything but a newline, or everything with DOTALL. */
export function anyCharSet(dotAll: boolean): CharSet {
  return dotAll ? charSet([], true) : charSet([range(NEWLINE)], true);
}

// Python's `\s` for str patterns (Unicode 14, as `re` in Python 3.11 defines it), listed out so that
// subtraction works on it (`[^\S\n]` is a common idiom).
const UNICODE_SPACE: readonly CodeRange[] = [
  range(0x09, 0x0d),
  range(0x1c, 0x20),
  range(0x85),
  range(0xa0),
  range(0x1680),
  range(0x2000, 0x200a),
  range(0x2028, 0x2029),
  range(0x202f),
  range(0x205f),
  range(0x3000),
];
const ASCII_SPACE: readonly CodeRange[] = [range(0x09, 0x0d), range(0x20)];
const ASCII_DIGIT: readonly CodeRange[] = [range(0x30, 0x39)];
const ASCII_WORD: readonly CodeRange[] = [
  range(0x30, 0x39),
  range(0x41, 0x5a),
  range(0x5f),
  range(0x61, 0x7a),
];
const UNICODE_WORD: readonly SetItem[] = [
  { kind: 'property', name: 'L', negated: false },
  { kind: 'property', name: 'N', negated: false },
  range(0x5f),
];

export type Shorthand = 'd' | 'D' | 'w' | 'W' | 's' | 'S';

/**
 * The items a Python class shorthand contributes to a class. `ascii` is Python's ASCII flag (`(?a)`);
 * without it str patterns use Unicode meanings, which RE2's own `\d\w\s` (ASCII) do not have.
 */
export function shorthandItems(name: Shorthand, ascii: boolean): readonly SetItem[] {
  switch (name) {
    case 'd':
      return ascii ? ASCII_DIGIT : [{ kind: 'property', name: 'Nd', negated: false }];
    case 'D':
      return ascii ? complementRanges(ASCII_DIGIT) : [{ kind: 'property', name: 'Nd', negated: true }];
    case 'w':
      return ascii ? ASCII_WORD : UNICODE_WORD;
    case 'W':
      return ascii ? complementRanges(ASCII_WORD) : [{ kind: 'not-word' }];
    case 's':
      return ascii ? ASCII_SPACE : UNICODE_SPACE;
    case 'S':
      return complementRanges(ascii ? ASCII_SPACE : UNICODE_SPACE);
  }
}

export function isPlainRanges(items: readonly SetItem[]): items is readonly CodeRange[] {
  return items.every((i) => i.kind === 'range');
}

/** Items that print only as a class of their own (`\W`, a category minus ranges). */
export function isCompoundItem(item: SetItem): boolean {
  return item.kind === 'not-word' || (item.kind === 'property' && (item.except?.length ?? 0) > 0);
}

/** Sorted, merged ranges (other items are dropped). */
export function normalizeRanges(items: readonly SetItem[]): CodeRange[] {
  const ranges = items
    .filter((i): i is CodeRange => i.kind === 'range')
    .map((r) => ({ from: r.from, to: r.to }))
    .sort((a, b) => a.from - b.from);
  const out: { from: number; to: number }[] = [];
  for (const r of ranges) {
    const last = out[out.length - 1];
    if (last !== undefined && r.from <= last.to + 1) last.to = Math.max(last.to, r.to);
    else out.push({ ...r });
  }
  return out.map((r) => range(r.from, r.to));
}

export function complementRanges(items: readonly SetItem[]): CodeRange[] {
  const out: CodeRange[] = [];
  let next = 0;
  for (const r of normalizeRanges(items)) {
    if (r.from > next) out.push(range(next, r.from - 1));
    next = r.to + 1;
  }
  if (next <= MAX_CODE_POINT) out.push(range(next, MAX_CODE_POINT));
  return out;
}

function intersectRanges(a: readonly CodeRange[], b: readonly CodeRange[]): CodeRange[] {
  // a ∩ b = ¬(¬a ∪ ¬b)
  return complementRanges([...complementRanges(a), ...complementRanges(b)]);
}

function subtractRanges(a: readonly CodeRange[], b: readonly CodeRange[]): CodeRange[] {
  return intersectRanges(a, complementRanges(b));
}

const PROPERTY_TESTS: Record<UnicodeProperty, RegExp> = {
  L: /^\p{L}$/u,
  N: /^\p{N}$/u,
  Nd: /^\p{Nd}$/u,
};

// Unicode categories as explicit ranges, computed from the JavaScript engine's tables on first use
// (about 90 ms for all three). Only set algebra uses them.
const materialized = new Map<UnicodeProperty, readonly CodeRange[]>();

function propertyRanges(name: UnicodeProperty): readonly CodeRange[] {
  const known = materialized.get(name);
  if (known !== undefined) return known;
  const test = PROPERTY_TESTS[name];
  const out: CodeRange[] = [];
  let from = -1;
  for (let cp = 0; cp <= MAX_CODE_POINT + 1; cp++) {
    const member = cp <= MAX_CODE_POINT && test.test(String.fromCodePoint(cp));
    if (member && from < 0) from = cp;
    if (!member && from >= 0) {
      out.push(range(from, cp - 1));
      from = -1;
    }
  }
  materialized.set(name, out);
  return out;
}

/** The items as plain ranges, expanding Unicode categories. */
function explicitRanges(items: readonly SetItem[]): CodeRange[] {
  const out: CodeRange[] = [];
  for (const item of items) {
    if (item.kind === 'range') {
      out.push(item);
      continue;
    }
    let ranges: readonly CodeRange[];
    if (item.kind === 'property') {
      const own = propertyRanges(item.name);
      ranges = item.negated ? complementRanges(own) : own;
    } else {
      ranges = complementRanges(explicitRanges(UNICODE_WORD));
    }
    out.push(...subtractRanges(ranges, item.except ?? []));
  }
  return normalizeRanges(out);
}

/** The set as plain ranges (what it contains, complement applied). */
function asRanges(set: CharSet): CodeRange[] {
  const items = explicitRanges(set.items);
  return set.negated ? complementRanges(items) : items;
}

function hasCompound(...sets: CharSet[]): boolean {
  return sets.some((set) => set.items.some(isCompoundItem));
}

/** Takes the ranges out of every item of a positive set, keeping categories as categories. */
function removeRanges(items: readonly SetItem[], removed: readonly CodeRange[]): SetItem[] {
  const out: SetItem[] = [];
  for (const item of items) {
    if (item.kind === 'range') {
      out.push(...subtractRanges([item], removed));
    } else {
      out.push({ ...item, except: normalizeRanges([...(item.except ?? []), ...removed]) });
    }
  }
  return out;
}

/**
 * a ∖ b, or undefined when not expressible. `caseFolded` says a case-insensitive flag applies: then
 * only the complement form is safe, because RE2 folds the members of a class before complementing it,
 * as Python does; the explicit form would need both sets closed under case folding.
 */
export function subtractSets(a: CharSet, b: CharSet, caseFolded: boolean): CharSet | undefined {
  if (a.negated && !b.negated && !hasCompound(a, b)) return charSet([...a.items, ...b.items], true);
  if (caseFolded) return undefined;
  if (!a.negated && isPlainRanges(b.items)) {
    const removed = b.negated ? complementRanges(b.items) : normalizeRanges(b.items);
    return charSet(removeRanges(a.items, removed));
  }
  return charSet(subtractRanges(asRanges(a), asRanges(b)));
}

/** a ∩ b under the same limits as {@link subtractSets}. */
export function intersectSets(a: CharSet, b: CharSet, caseFolded: boolean): CharSet | undefined {
  if (a.negated && b.negated && !hasCompound(a, b)) return charSet([...a.items, ...b.items], true);
  if (caseFolded) return undefined;
  if (!a.negated && b.negated && isPlainRanges(b.items)) return charSet(removeRanges(a.items, b.items));
  if (a.negated && !b.negated && isPlainRanges(a.items)) return charSet(removeRanges(b.items, a.items));
  return charSet(intersectRanges(asRanges(a), asRanges(b)));
}

function inRanges(ranges: readonly CodeRange[] | undefined, cp: number): boolean {
  return ranges?.some((r) => cp >= r.from && cp <= r.to) ?? false;
}

function itemContains(item: SetItem, cp: number): boolean {
  switch (item.kind) {
    case 'range':
      return cp >= item.from && cp <= item.to;
    case 'property':
      return (
        PROPERTY_TESTS[item.name].test(String.fromCodePoint(cp)) !== item.negated &&
        !inRanges(item.except, cp)
      );
    case 'not-word':
      return !UNICODE_WORD.some((i) => itemContains(i, cp)) && !inRanges(item.except, cp);
  }
}

/** Whether the set contains the code point (case-sensitively). */
export function setContains(set: CharSet, cp: number): boolean {
  return set.items.some((i) => itemContains(i, cp)) !== set.negated;
}
