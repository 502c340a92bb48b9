// Reading matched group spans into DateFields, with fail2ban's rules: named groups are read in the order
// they appear, later ones overriding earlier ones (%Y then %y: the %y wins); two-digit years are 20yy;
// %I uses %p (no %p means AM); weekday names count from Monday; a zone fail2ban cannot read leaves the
// line without a usable time. Epoch and TAI64N values become absolute times.
import type { DateFields } from './date-fields.js';
import { MONTH_NAMES, WEEKDAY_NAMES } from './field-scanners.js';
import { lineZoneMinutes } from './zone-offset.js';

export type FieldReader = (line: string, caps: Int32Array, out: DateFields) => void;

type Key =
  'y' | 'Y' | 'm' | 'B' | 'b' | 'd' | 'H' | 'I' | 'M' | 'S' | 'A' | 'a' | 'w' | 'j' | 'U' | 'W' | 'z' | 'Z';
const KEYS = new Set<string>([
  'y',
  'Y',
  'm',
  'B',
  'b',
  'd',
  'H',
  'I',
  'M',
  'S',
  'A',
  'a',
  'w',
  'j',
  'U',
  'W',
  'z',
  'Z',
]);

function readInt(line: string, start: number, end: number): number {
  let value = 0;
  let digits = 0;
  for (let i = start; i < end; i++) {
    const c = line.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) {
      value = value * 10 + (c - 0x30);
      digits++;
    } else if (c !== 0x20 || digits > 0) {
      return -1;
    }
  }
  return digits > 0 ? value : -1;
}

function nameIndex(
  line: string,
  start: number,
  end: number,
  names: readonly string[],
  abbreviated: boolean,
): number {
  const word = line.slice(start, end).toLowerCase();
  return names.findIndex((n) => (abbreviated ? n.slice(0, 3) : n) === word);
}

/** A reader for the named groups of a pattern template (the map is in group order). */
export function fieldsReader(names: ReadonlyMap<string, number>): FieldReader {
  const plan: Array<{ key: Key; g: number }> = [];
  for (const [name, g] of names) if (KEYS.has(name)) plan.push({ key: name as Key, g });
  const ampm = names.get('p');
  return (line, caps, out) => {
    for (const { key, g } of plan) {
      const start = caps[2 * g] as number;
      if (start < 0) continue;
      const end = caps[2 * g + 1] as number;
      readField(key, line, start, end, caps, ampm, out);
    }
  };
}

function readField(
  key: Key,
  line: string,
  start: number,
  end: number,
  caps: Int32Array,
  ampm: number | undefined,
  out: DateFields,
): void {
  switch (key) {
    case 'y': {
      const v = readInt(line, start, end);
      out.year = v <= 2000 ? v + 2000 : v;
      return;
    }
    case 'Y':
      out.year = readInt(line, start, end);
      return;
    case 'm':
      out.month = readInt(line, start, end);
      return;
    case 'B':
      out.month = nameIndex(line, start, end, MONTH_NAMES, false) + 1;
      return;
    case 'b':
      out.month = nameIndex(line, start, end, MONTH_NAMES, true) + 1;
      return;
    case 'd':
      out.day = readInt(line, start, end);
      return;
    case 'H':
      out.hour = readInt(line, start, end);
      return;
    case 'I':
      out.hour = twelveHour(readInt(line, start, end), line, caps, ampm, out);
      return;
    case 'M':
      out.minute = readInt(line, start, end);
      return;
    case 'S':
      out.second = readInt(line, start, end);
      return;
    case 'A':
      out.weekday = nameIndex(line, start, end, WEEKDAY_NAMES, false);
      return;
    case 'a':
      out.weekday = nameIndex(line, start, end, WEEKDAY_NAMES, true);
      return;
    case 'w': {
      const v = readInt(line, start, end) - 1;
      out.weekday = v < 0 ? 6 : v;
      return;
    }
    case 'j':
      out.yearDay = readInt(line, start, end);
      return;
    case 'U':
    case 'W':
      out.week = readInt(line, start, end);
      out.weekStartsSunday = key === 'U';
      return;
    case 'z':
    case 'Z': {
      const minutes = lineZoneMinutes(line.slice(start, end));
      if (minutes === undefined) out.unusable = true;
      else out.zoneMinutes = minutes;
      return;
    }
  }
}

function twelveHour(
  hour: number,
  line: string,
  caps: Int32Array,
  ampm: number | undefined,
  out: DateFields,
): number {
  let marker = '';
  if (ampm !== undefined) {
    const start = caps[2 * ampm] as number;
    // A %p group that took no part in the match makes fail2ban fail on the line.
    if (start < 0) {
      out.unusable = true;
      return hour;
    }
    marker = line.slice(start, caps[2 * ampm + 1]).toLowerCase();
  }
  if (marker === '' || marker === 'am') return hour === 12 ? 0 : hour;
  if (marker === 'pm') return hour === 12 ? 12 : hour + 12;
  return hour;
}

/** Reader of an epoch number in group `g`: seconds with an optional fraction, or milli/microseconds. */
export function epochReader(g: number, long: boolean): FieldReader {
  return (line, caps, out) => {
    const text = line.slice(caps[2 * g], caps[2 * g + 1]);
    const value = Number(text);
    if (long && text.length >= 13) {
      out.absoluteMs = text.length >= 16 && !text.includes('.') ? value / 1000 : value;
    } else {
      out.absoluteMs = value * 1000;
    }
  };
}

/** Reader of a TAI64N label `@4000000xxxxxxxxxyyyyyyyy`: whole seconds from hex digits 2-16. */
export function tai64nReader(g: number): FieldReader {
  return (line, caps, out) => {
    const start = caps[2 * g] as number;
    out.absoluteMs = parseInt(line.slice(start + 2, start + 17), 16) * 1000;
  };
}
