// The ISO date `YYYY-MM-DD[T ]hh:mm:ss[.ffffff][zone]` (also with `/` or `.` between the date parts) at the
// line start, read by hand. It answers only when the compiled template would take its first choice at
// every step (two-digit fields, the longest zone, the date ending a word); the rest is left to it.
import type { MatchRecord } from './date-template.js';

function code(line: string, i: number, limit: number): number {
  return i < limit ? line.charCodeAt(i) : -1;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isAsciiWord(c: number): boolean {
  return isDigit(c) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
}

function twoDigits(line: string, i: number): number {
  const a = line.charCodeAt(i);
  const b = line.charCodeAt(i + 1);
  return isDigit(a) && isDigit(b) ? (a - 0x30) * 10 + (b - 0x30) : -1;
}

/** Whitespace as Python's \s sees it in the ASCII range. */
function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 9 && c <= 13) || (c >= 28 && c <= 31);
}

/** End of the longest zone at `at` (Z, UTC, GMT, +hh:mm, +hhmm, +hh with hh 00-19), or -1. */
function zoneAt(line: string, at: number, limit: number): number {
  const c = code(line, at, limit);
  if (c === 0x5a) return at + 1;
  if (line.startsWith('UTC', at) || line.startsWith('GMT', at)) return at + 3 <= limit ? at + 3 : -1;
  if (c !== 0x2b && c !== 0x2d) return -1;
  const h1 = code(line, at + 1, limit);
  if ((h1 !== 0x30 && h1 !== 0x31) || !isDigit(code(line, at + 2, limit))) return -1;
  if (
    code(line, at + 3, limit) === 0x3a &&
    isDigit(code(line, at + 4, limit)) &&
    isDigit(code(line, at + 5, limit))
  )
    return at + 6;
  if (isDigit(code(line, at + 3, limit)) && isDigit(code(line, at + 4, limit))) return at + 5;
  return at + 3;
}

/** Minutes east of UTC of a zone read by zoneAt. */
function zoneMinutes(line: string, start: number, end: number): number {
  const sign = line.charCodeAt(start);
  if (sign !== 0x2b && sign !== 0x2d) return 0;
  const hours = twoDigits(line, start + 1);
  const minutes = end - start === 3 ? 0 : twoDigits(line, end - 2);
  const total = hours * 60 + minutes;
  return sign === 0x2d ? -total : total;
}

export function parseIsoAtStart(line: string, limit: number, maxYear: number, out: MatchRecord): boolean {
  if (limit < 19) return false;
  let year = 0;
  for (let k = 0; k < 4; k++) {
    const c = line.charCodeAt(k);
    if (!isDigit(c)) return false;
    year = year * 10 + (c - 0x30);
  }
  if (year < 2000 || year > maxYear) return false;
  const sep = line.charCodeAt(4);
  if ((sep !== 0x2d && sep !== 0x2f && sep !== 0x2e) || line.charCodeAt(7) !== sep) return false;
  const month = twoDigits(line, 5);
  const day = twoDigits(line, 8);
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  const t = line.charCodeAt(10);
  if (t !== 0x54 && !(t === 0x20 && line.charCodeAt(11) !== 0x20)) return false;
  const hour = twoDigits(line, 11);
  const minute = twoDigits(line, 14);
  const second = twoDigits(line, 17);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return false;
  if (line.charCodeAt(13) !== 0x3a || line.charCodeAt(16) !== 0x3a) return false;
  let end = 19;
  const mark = code(line, end, limit);
  if ((mark === 0x2e || mark === 0x2c) && isDigit(code(line, end + 1, limit))) {
    let run = 0;
    while (run < 7 && isDigit(code(line, end + 1 + run, limit))) run++;
    if (run > 6) return false;
    end += 1 + run;
  }
  const next = code(line, end, limit);
  if (isAsciiWord(next) || next >= 0x80) {
    // Only a zone written right after the seconds may continue the date here.
    if (next !== 0x5a && next !== 0x55 && next !== 0x47) return false;
  }
  // A zone may follow after blanks: Z, UTC, GMT or a signed offset. Read it when its longest form ends
  // the date; anything else may make the pattern backtrack and is left to the compiled template.
  let zone = Number.NaN;
  let z = end;
  while (isSpace(code(line, z, limit))) z++;
  const zc = code(line, z, limit);
  if (zc >= 0x80) return false;
  if (zc === 0x5a || zc === 0x55 || zc === 0x47 || zc === 0x2b || zc === 0x2d) {
    const zoneEnd = zoneAt(line, z, limit);
    if (zoneEnd >= 0) {
      const after = code(line, zoneEnd, limit);
      if (isAsciiWord(after) || after >= 0x80) return false;
      zone = zoneMinutes(line, z, zoneEnd);
      end = zoneEnd;
    } else if (isAsciiWord(next)) {
      return false;
    }
  }
  out.start = 0;
  out.end = end;
  out.dateStart = 0;
  out.dateEnd = end;
  const f = out.fields.reset();
  f.year = year;
  f.month = month;
  f.day = day;
  f.hour = hour;
  f.minute = minute;
  f.second = second;
  f.zoneMinutes = zone;
  return true;
}
