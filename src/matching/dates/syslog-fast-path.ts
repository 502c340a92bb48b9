// The syslog date `Mmm dd hh:mm:ss[.ffffff][ yyyy]` (or `Mmm  d ...`) at the line start, read by hand. It
// answers only when the compiled template would take its first choice at every step (two-digit fields,
// no weekday, the date ending a word); everything else is left to the compiled template.
import type { MatchRecord } from './date-template.js';

const MONTHS = 'janfebmaraprmayjunjulaugsepoctnovdec';

function code(line: string, i: number, limit: number): number {
  return i < limit ? line.charCodeAt(i) : -1;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isAsciiWord(c: number): boolean {
  return isDigit(c) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
}

/** Month 1-12 of a three-letter English abbreviation (any case), or 0. */
function monthAt(line: string, limit: number): number {
  const a = code(line, 0, limit) | 0x20;
  const b = code(line, 1, limit) | 0x20;
  const c = code(line, 2, limit) | 0x20;
  for (let m = 0; m < 12; m++) {
    const k = m * 3;
    if (MONTHS.charCodeAt(k) === a && MONTHS.charCodeAt(k + 1) === b && MONTHS.charCodeAt(k + 2) === c)
      return m + 1;
  }
  return 0;
}

/** A %ExY year (2000 to maxYear) in the four digits at `at`, or -1. */
function yearAt(line: string, at: number, limit: number, maxYear: number): number {
  let year = 0;
  for (let k = 0; k < 4; k++) {
    const c = code(line, at + k, limit);
    if (!isDigit(c)) return -1;
    year = year * 10 + (c - 0x30);
  }
  return year >= 2000 && year <= maxYear ? year : -1;
}

export function parseSyslogAtStart(line: string, limit: number, maxYear: number, out: MatchRecord): boolean {
  if (limit < 15) return false;
  const month = monthAt(line, limit);
  if (month === 0 || line.charCodeAt(3) !== 0x20 || line.charCodeAt(6) !== 0x20) return false;
  const d1 = line.charCodeAt(4);
  const d2 = line.charCodeAt(5);
  let day: number;
  if (d1 === 0x20 && d2 >= 0x31 && d2 <= 0x39) day = d2 - 0x30;
  else if (isDigit(d1) && isDigit(d2)) day = (d1 - 0x30) * 10 + (d2 - 0x30);
  else return false;
  if (day < 1 || day > 31) return false;
  const h1 = line.charCodeAt(7);
  const h2 = line.charCodeAt(8);
  const m1 = line.charCodeAt(10);
  const m2 = line.charCodeAt(11);
  const s1 = line.charCodeAt(13);
  const s2 = line.charCodeAt(14);
  if (h1 < 0x30 || h1 > 0x32 || !isDigit(h2) || line.charCodeAt(9) !== 0x3a) return false;
  if (m1 < 0x30 || m1 > 0x35 || !isDigit(m2) || line.charCodeAt(12) !== 0x3a) return false;
  if (s1 < 0x30 || s1 > 0x35 || !isDigit(s2)) return false;
  // Optional fraction (1-6 digits), then an optional year; a longer digit run or a word character
  // right after the date would make the pattern backtrack, which is left to the compiled template.
  let end = 15;
  if (code(line, 15, limit) === 0x2e && isDigit(code(line, 16, limit))) {
    let run = 0;
    while (run < 7 && isDigit(code(line, 16 + run, limit))) run++;
    if (run > 6) return false;
    end = 16 + run;
  }
  let year = -1;
  const next = code(line, end, limit);
  if (next === 0x20 && isDigit(code(line, end + 1, limit))) {
    year = yearAt(line, end + 1, limit, maxYear);
    const after = code(line, end + 5, limit);
    if (after >= 0x80) return false;
    if (year >= 0 && !isAsciiWord(after)) end += 5;
    else year = -1;
  } else if (isAsciiWord(next) || next >= 0x80) {
    return false;
  }
  out.start = 0;
  out.end = end;
  out.dateStart = 0;
  out.dateEnd = end;
  const f = out.fields.reset();
  f.year = year;
  f.month = month;
  f.day = day;
  f.hour = (h1 - 0x30) * 10 + (h2 - 0x30);
  f.minute = (m1 - 0x30) * 10 + (m2 - 0x30);
  f.second = (s1 - 0x30) * 10 + (s2 - 0x30);
  return true;
}
