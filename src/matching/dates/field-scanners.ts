// Hand-written scanners for the date fields behind the %-directives. Each one offers its candidate end
// positions in the order fail2ban's regex for the directive would try them (greedy parts longest first,
// alternatives left to right), so a pattern backtracks into a field exactly as fail2ban does: "31" for
// %d offers the one-digit "3" before the two-digit "31", because the regex lists single digits first.
import { isWordCode } from './char-classes.js';
import type { Scan, ScanSpec } from './pattern-ast.js';

type Next = (end: number) => boolean;

const DIGITS = '0123456789';

function at(text: string, i: number, limit: number): number {
  return i < limit ? text.charCodeAt(i) : -1;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function between(c: number, lo: string, hi: string): boolean {
  return c >= lo.charCodeAt(0) && c <= hi.charCodeAt(0);
}

function isCapital(c: number, ignoreCase: boolean): boolean {
  return (c >= 0x41 && c <= 0x5a) || (ignoreCase && c >= 0x61 && c <= 0x7a);
}

function fixed(label: string, firstChars: string, length: number, accept: (t: string, i: number) => boolean) {
  const spec: ScanSpec = {
    label,
    firstChars,
    minLength: length,
    maxLength: length,
    make: () => (t, i, limit, _c, next) => i + length <= limit && accept(t, i) && next(i + length),
  };
  return spec;
}

function two(t: string, i: number): [number, number] {
  return [t.charCodeAt(i), t.charCodeAt(i + 1)];
}

/** A scanner whose candidates do not depend on the case flag. */
function plain(
  label: string,
  firstChars: string,
  minLength: number,
  maxLength: number,
  scanFn: Scan,
): ScanSpec {
  return { label, firstChars, minLength, maxLength, make: () => scanFn };
}

// %d: day 1-31, two digits "10"-"29" first, then "0d" or " d" before a lone digit, then "30"/"31".
export const DAY = plain('%d', `${DIGITS} `, 1, 2, (t, i, limit, _c, next) => {
  const c0 = at(t, i, limit);
  const c1 = at(t, i + 1, limit);
  if ((c0 === 0x31 || c0 === 0x32) && isDigit(c1) && next(i + 2)) return true;
  if ((c0 === 0x30 || c0 === 0x20) && between(c1, '1', '9') && next(i + 2)) return true;
  if (between(c0, '1', '9') && next(i + 1)) return true;
  return c0 === 0x33 && (c1 === 0x30 || c1 === 0x31) && next(i + 2);
});

// %Exd: exactly two digits 01-31.
export const DAY_EXACT = fixed('%Exd', DIGITS, 2, (t, i) => {
  const [c0, c1] = two(t, i);
  return (
    ((c0 === 0x31 || c0 === 0x32) && isDigit(c1)) ||
    (c0 === 0x30 && between(c1, '1', '9')) ||
    (c0 === 0x33 && (c1 === 0x30 || c1 === 0x31))
  );
});

// %m: month 1-12: "0d" then a lone digit, then "10"-"12".
export const MONTH = plain('%m', DIGITS, 1, 2, (t, i, limit, _c, next) => {
  const c0 = at(t, i, limit);
  const c1 = at(t, i + 1, limit);
  if (c0 === 0x30 && between(c1, '1', '9') && next(i + 2)) return true;
  if (between(c0, '1', '9') && next(i + 1)) return true;
  return c0 === 0x31 && between(c1, '0', '2') && next(i + 2);
});

// %Exm: exactly two digits 01-12.
export const MONTH_EXACT = fixed('%Exm', DIGITS, 2, (t, i) => {
  const [c0, c1] = two(t, i);
  return (c0 === 0x30 && between(c1, '1', '9')) || (c0 === 0x31 && between(c1, '0', '2'));
});

// %H (and %Exk after its optional space): "0d"/"1d" then a lone digit, then "20"-"23".
export const HOUR = plain('%H', DIGITS, 1, 2, (t, i, limit, _c, next) => {
  const c0 = at(t, i, limit);
  const c1 = at(t, i + 1, limit);
  if ((c0 === 0x30 || c0 === 0x31) && isDigit(c1) && next(i + 2)) return true;
  if (isDigit(c0) && next(i + 1)) return true;
  return c0 === 0x32 && between(c1, '0', '3') && next(i + 2);
});

// %k after its optional space: one or two digits with the first 0-2 (24-29 match and then fail as dates).
export const HOUR_LOOSE = plain('%k', DIGITS, 1, 2, (t, i, limit, _c, next) => {
  const c0 = at(t, i, limit);
  const c1 = at(t, i + 1, limit);
  if (between(c0, '0', '2') && isDigit(c1) && next(i + 2)) return true;
  return isDigit(c0) && next(i + 1);
});

// %ExH: exactly two digits 00-23.
export const HOUR_EXACT = fixed('%ExH', DIGITS, 2, (t, i) => {
  const [c0, c1] = two(t, i);
  return ((c0 === 0x30 || c0 === 0x31) && isDigit(c1)) || (c0 === 0x32 && between(c1, '0', '3'));
});

// %I: 12-hour clock "10"-"12", "01"-"09", then a lone 1-9.
export const HOUR12 = plain('%I', DIGITS, 1, 2, (t, i, limit, _c, next) => {
  const c0 = at(t, i, limit);
  const c1 = at(t, i + 1, limit);
  if (c0 === 0x31 && between(c1, '0', '2') && next(i + 2)) return true;
  if (c0 === 0x30 && between(c1, '1', '9') && next(i + 2)) return true;
  return between(c0, '1', '9') && next(i + 1);
});

// %l after its optional space: "1d" then a lone digit.
export const HOUR12_LOOSE = plain('%l', DIGITS, 1, 2, (t, i, limit, _c, next) => {
  const c0 = at(t, i, limit);
  const c1 = at(t, i + 1, limit);
  if (c0 === 0x31 && isDigit(c1) && next(i + 2)) return true;
  return isDigit(c0) && next(i + 1);
});

// %Exl after its optional space: "10"-"12" then a lone digit.
export const HOUR12_EXACTISH = plain('%Exl', DIGITS, 1, 2, (t, i, limit, _c, next) => {
  const c0 = at(t, i, limit);
  const c1 = at(t, i + 1, limit);
  if (c0 === 0x31 && between(c1, '0', '2') && next(i + 2)) return true;
  return isDigit(c0) && next(i + 1);
});

// %M: "0d"-"5d" then a lone digit.
export const MINUTE = plain('%M', DIGITS, 1, 2, (t, i, limit, _c, next) => {
  const c0 = at(t, i, limit);
  const c1 = at(t, i + 1, limit);
  if (between(c0, '0', '5') && isDigit(c1) && next(i + 2)) return true;
  return isDigit(c0) && next(i + 1);
});

// %ExM: exactly two digits 00-59.
export const MINUTE_EXACT = fixed('%ExM', DIGITS, 2, (t, i) => {
  const [c0, c1] = two(t, i);
  return between(c0, '0', '5') && isDigit(c1);
});

// %S: like %M, then the leap seconds "60"/"61" (which match and then fail as dates).
export const SECOND = plain('%S', DIGITS, 1, 2, (t, i, limit, _c, next) => {
  const c0 = at(t, i, limit);
  const c1 = at(t, i + 1, limit);
  if (between(c0, '0', '5') && isDigit(c1) && next(i + 2)) return true;
  if (isDigit(c0) && next(i + 1)) return true;
  return c0 === 0x36 && (c1 === 0x30 || c1 === 0x31) && next(i + 2);
});

// %ExS: exactly two digits 00-61.
export const SECOND_EXACT = fixed('%ExS', DIGITS, 2, (t, i) => {
  const [c0, c1] = two(t, i);
  return (between(c0, '0', '5') && isDigit(c1)) || (c0 === 0x36 && (c1 === 0x30 || c1 === 0x31));
});

// The hour, minute and second inside %X and %c (the C locale's time format): two digits first.
export const CLOCK_HOUR = plain('%X', DIGITS, 1, 2, (t, i, limit, _c, next) => {
  const c0 = at(t, i, limit);
  const c1 = at(t, i + 1, limit);
  if (
    ((c0 === 0x32 && between(c1, '0', '3')) || ((c0 === 0x30 || c0 === 0x31) && isDigit(c1))) &&
    next(i + 2)
  )
    return true;
  return isDigit(c0) && next(i + 1);
});

export const CLOCK_MINUTE = plain('%X', DIGITS, 1, 2, (t, i, limit, _c, next) => {
  const c0 = at(t, i, limit);
  const c1 = at(t, i + 1, limit);
  if (between(c0, '0', '5') && isDigit(c1) && next(i + 2)) return true;
  return isDigit(c0) && next(i + 1);
});

export const CLOCK_SECOND = plain('%X', DIGITS, 1, 2, (t, i, limit, _c, next) => {
  const c0 = at(t, i, limit);
  const c1 = at(t, i + 1, limit);
  if (
    ((c0 === 0x36 && (c1 === 0x30 || c1 === 0x31)) || (between(c0, '0', '5') && isDigit(c1))) &&
    next(i + 2)
  )
    return true;
  return isDigit(c0) && next(i + 1);
});

// The month and day inside %x and %c: two digits first, then a lone digit (the day also " d").
export const CLOCK_MONTH = plain('%x', DIGITS, 1, 2, (t, i, limit, _c, next) => {
  const c0 = at(t, i, limit);
  const c1 = at(t, i + 1, limit);
  if (((c0 === 0x31 && between(c1, '0', '2')) || (c0 === 0x30 && between(c1, '1', '9'))) && next(i + 2))
    return true;
  return between(c0, '1', '9') && next(i + 1);
});

export const CLOCK_DAY = plain('%x', `${DIGITS} `, 1, 2, (t, i, limit, _c, next) => {
  const c0 = at(t, i, limit);
  const c1 = at(t, i + 1, limit);
  const twoDigits =
    (c0 === 0x33 && (c1 === 0x30 || c1 === 0x31)) ||
    ((c0 === 0x31 || c0 === 0x32) && isDigit(c1)) ||
    (c0 === 0x30 && between(c1, '1', '9'));
  if (twoDigits && next(i + 2)) return true;
  if (between(c0, '1', '9') && next(i + 1)) return true;
  return c0 === 0x20 && between(c1, '1', '9') && next(i + 2);
});

function digitRun(label: string, length: number): ScanSpec {
  return fixed(label, DIGITS, length, (t, i) => {
    for (let k = 0; k < length; k++) if (!isDigit(t.charCodeAt(i + k))) return false;
    return true;
  });
}

export const YEAR = digitRun('%Y', 4);
export const ISO_YEAR = digitRun('%G', 4);
export const YEAR2 = digitRun('%y', 2);

// %ExY: four digits from 2000 up to the end of the decade three years after the service started
// (fail2ban fixes that window when it starts, to keep other numbers from passing as years).
export const YEAR_EXACT = plain('%ExY', '2', 4, 4, (t, i, limit, context, next) => {
  if (i + 4 > limit) return false;
  let value = 0;
  for (let k = 0; k < 4; k++) {
    const c = t.charCodeAt(i + k);
    if (!isDigit(c)) return false;
    value = value * 10 + c - 0x30;
  }
  return value >= 2000 && value <= context.maxYear && next(i + 4);
});

// %f: one to six digits, longest first.
export const FRACTION = plain('%f', DIGITS, 1, 6, (t, i, limit, _c, next) => {
  let run = 0;
  while (run < 6 && isDigit(at(t, i + run, limit))) run++;
  for (let n = run; n >= 1; n--) if (next(i + n)) return true;
  return false;
});

// %j: day of the year, three digits 001-366, then two digits 01-99, then 1-9.
export const YEAR_DAY = plain('%j', DIGITS, 1, 3, (t, i, limit, _c, next) => {
  const c0 = at(t, i, limit);
  const c1 = at(t, i + 1, limit);
  const c2 = at(t, i + 2, limit);
  if (isDigit(c0) && isDigit(c1) && isDigit(c2)) {
    const v = (c0 - 0x30) * 100 + (c1 - 0x30) * 10 + (c2 - 0x30);
    if (v >= 1 && v <= 366 && next(i + 3)) return true;
  }
  if (isDigit(c0) && isDigit(c1) && (c0 !== 0x30 || c1 !== 0x30) && next(i + 2)) return true;
  return between(c0, '1', '9') && next(i + 1);
});

function weekNumber(label: string, lowest: number): ScanSpec {
  return plain(label, DIGITS, 1, 2, (t, i, limit, _c, next) => {
    const c0 = at(t, i, limit);
    const c1 = at(t, i + 1, limit);
    if (isDigit(c0) && isDigit(c1)) {
      const v = (c0 - 0x30) * 10 + (c1 - 0x30);
      if (v >= lowest && v <= 53 && next(i + 2)) return true;
    }
    return isDigit(c0) && next(i + 1);
  });
}

export const WEEK_SUNDAY = weekNumber('%U', 0);
export const WEEK_MONDAY = weekNumber('%W', 0);
export const ISO_WEEK = weekNumber('%V', 1);

export const ISO_WEEKDAY = fixed('%u', '1234567', 1, (t, i) => between(t.charCodeAt(i), '1', '7'));
export const WEEKDAY_NUMBER = fixed('%w', '0123456', 1, (t, i) => between(t.charCodeAt(i), '0', '6'));

/** Case-aware comparison of `word` (lower-case ASCII) with the text at `i`. */
function wordAt(t: string, i: number, limit: number, word: string, ignoreCase: boolean): boolean {
  if (i + word.length > limit) return false;
  for (let k = 0; k < word.length; k++) {
    let c = t.charCodeAt(i + k);
    if (ignoreCase && c >= 0x41 && c <= 0x5a) c += 0x20;
    if (c !== word.charCodeAt(k)) return false;
  }
  return true;
}

function names(label: string, words: readonly string[]): ScanSpec {
  // Longest names first, as the regex alternation is ordered; no name is a prefix of another here.
  const ordered = [...words].sort((a, b) => b.length - a.length);
  const firstChars = [...new Set(ordered.map((w) => w[0] ?? ''))].join('');
  const minLength = Math.min(...ordered.map((w) => w.length));
  const byFirst = new Map<number, string[]>();
  for (const word of ordered) {
    const first = word.charCodeAt(0);
    byFirst.set(first, [...(byFirst.get(first) ?? []), word]);
  }
  return {
    label,
    firstChars,
    minLength,
    maxLength: ordered[0]?.length ?? 0,
    make:
      (ignoreCase) =>
      (t, i, limit, _c, next): boolean => {
        let c = at(t, i, limit);
        if (ignoreCase && c >= 0x41 && c <= 0x5a) c += 0x20;
        const candidates = byFirst.get(c);
        if (candidates === undefined) return false;
        for (const word of candidates)
          if (wordAt(t, i, limit, word, ignoreCase) && next(i + word.length)) return true;
        return false;
      },
  };
}

export const WEEKDAY_NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
export const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

export const WEEKDAY_ABBR = names(
  '%a',
  WEEKDAY_NAMES.map((n) => n.slice(0, 3)),
);
export const WEEKDAY_FULL = names('%A', WEEKDAY_NAMES);
export const MONTH_ABBR = names(
  '%b',
  MONTH_NAMES.map((n) => n.slice(0, 3)),
);
export const MONTH_FULL = names('%B', MONTH_NAMES);
export const AM_PM = names('%p', ['am', 'pm']);

/** Offers the ends of `[+-][01]\d(?::?\d\d)?` at `i`: with minutes (colon first), then hours only. */
function offsetEnds(t: string, i: number, limit: number, next: Next): boolean {
  const sign = at(t, i, limit);
  if (sign !== 0x2b && sign !== 0x2d) return false;
  const h1 = at(t, i + 1, limit);
  if ((h1 !== 0x30 && h1 !== 0x31) || !isDigit(at(t, i + 2, limit))) return false;
  if (
    at(t, i + 3, limit) === 0x3a &&
    isDigit(at(t, i + 4, limit)) &&
    isDigit(at(t, i + 5, limit)) &&
    next(i + 6)
  )
    return true;
  if (isDigit(at(t, i + 3, limit)) && isDigit(at(t, i + 4, limit)) && next(i + 5)) return true;
  return next(i + 3);
}

/** Offers the ends of an abbreviation `[A-Z](?:[A-Z]{2,4})?` at `i`: 5, 4, 3 letters, then 1. */
function abbreviationEnds(t: string, i: number, limit: number, ignoreCase: boolean, next: Next): boolean {
  if (!isCapital(at(t, i, limit), ignoreCase)) return false;
  let run = 0;
  while (run < 4 && isCapital(at(t, i + 1 + run, limit), ignoreCase)) run++;
  for (let n = run; n >= 2; n--) if (next(i + 1 + n)) return true;
  return next(i + 1);
}

// %z: Z, UTC, GMT or a numeric offset.
export const ZONE_OFFSET: ScanSpec = {
  label: '%z',
  maxLength: 6,
  firstChars: 'ZUG+-',
  minLength: 1,
  make:
    (ignoreCase) =>
    (t, i, limit, _c, next): boolean => {
      const c0 = at(t, i, limit);
      if ((c0 === 0x5a || (ignoreCase && c0 === 0x7a)) && next(i + 1)) return true;
      if (upperWordAt(t, i, limit, 'UTC', ignoreCase) && next(i + 3)) return true;
      if (upperWordAt(t, i, limit, 'GMT', ignoreCase) && next(i + 3)) return true;
      return offsetEnds(t, i, limit, next);
    },
};

function upperWordAt(t: string, i: number, limit: number, word: string, ignoreCase: boolean): boolean {
  if (i + word.length > limit) return false;
  for (let k = 0; k < word.length; k++) {
    let c = t.charCodeAt(i + k);
    if (ignoreCase && c >= 0x61 && c <= 0x7a) c -= 0x20;
    if (c !== word.charCodeAt(k)) return false;
  }
  return true;
}

// %Z: Z or an abbreviation of 3-5 capitals, longest first.
export const ZONE_NAME: ScanSpec = {
  label: '%Z',
  maxLength: 5,
  firstChars: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  minLength: 1,
  make:
    (ignoreCase) =>
    (t, i, limit, _c, next): boolean => {
      const c0 = at(t, i, limit);
      if ((c0 === 0x5a || (ignoreCase && c0 === 0x7a)) && next(i + 1)) return true;
      let run = 0;
      while (run < 5 && isCapital(at(t, i + run, limit), ignoreCase)) run++;
      for (let n = run; n >= 3; n--) if (next(i + n)) return true;
      return false;
    },
};

// %ExZ: any abbreviation (1 or 3-5 capitals).
export const ZONE_NAME_ANY: ScanSpec = {
  label: '%ExZ',
  maxLength: 5,
  firstChars: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  minLength: 1,
  make:
    (ignoreCase) =>
    (t, i, limit, _c, next): boolean =>
      abbreviationEnds(t, i, limit, ignoreCase, next),
};

// %Exz: an abbreviation with an offset, an offset alone, or an abbreviation alone.
export const ZONE_ANY: ScanSpec = {
  label: '%Exz',
  maxLength: 11,
  firstChars: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ+-',
  minLength: 1,
  make:
    (ignoreCase) =>
    (t, i, limit, _c, next): boolean =>
      abbreviationEnds(t, i, limit, ignoreCase, (e) => offsetEnds(t, e, limit, next)) ||
      offsetEnds(t, i, limit, next) ||
      abbreviationEnds(t, i, limit, ignoreCase, next),
};

function digitRunAt(t: string, i: number, limit: number, max: number): number {
  let run = 0;
  while (run < max && isDigit(at(t, i + run, limit))) run++;
  return run;
}

// Seconds since the epoch: 10 or 11 digits ending a word, then an optional fraction of 3-6 digits.
export const EPOCH_SECONDS = plain('EPOCH', DIGITS, 10, 18, (t, i, limit, _c, next) => {
  const run = digitRunAt(t, i, limit, 12);
  if (run !== 10 && run !== 11) return false;
  const end = i + run;
  if (isWordCode(at(t, end, limit))) return false;
  if (at(t, end, limit) === 0x2e) {
    const fraction = digitRunAt(t, end + 1, limit, 6);
    for (let n = fraction; n >= 3; n--) if (next(end + 1 + n)) return true;
  }
  return next(end);
});

// LEPOCH: 10-11 digits of seconds, optionally 3 more (milliseconds) and then either a fraction of
// 1-6 digits or 3 more digits (microseconds); longest forms first.
export const EPOCH_LONG = plain('LEPOCH', DIGITS, 10, 21, (t, i, limit, _c, next) => {
  const run = digitRunAt(t, i, limit, 11);
  for (let n = run; n >= 10; n--) {
    const s = i + n;
    if (digitRunAt(t, s, limit, 3) === 3) {
      const ms = s + 3;
      if (at(t, ms, limit) === 0x2e) {
        const fraction = digitRunAt(t, ms + 1, limit, 6);
        for (let k = fraction; k >= 1; k--) if (next(ms + 1 + k)) return true;
      }
      if (digitRunAt(t, ms, limit, 3) === 3 && next(ms + 3)) return true;
      if (next(ms)) return true;
    }
    if (next(s)) return true;
  }
  return false;
});
