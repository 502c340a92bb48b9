// Fixed-offset time zones as fail2ban writes them: an optional abbreviation (1 or 3-5 capital letters)
// followed by an optional offset `+hh`, `+hhmm` or `+hh:mm` (hours 00-19). The abbreviation's offset and
// the written offset add up: `CET+01` is +02:00, `UTC-0530` is -05:30. Used for `logtimezone` and for
// the zone a line carries in %z / %Z / %Exz / %ExZ.
import { Fail2nftError } from '../../core/errors.js';
import { ZONE_ABBREVIATION_MINUTES } from './zone-abbreviations.js';

export type ZoneReading =
  | { readonly ok: true; readonly minutes: number }
  | { readonly ok: false; readonly reason: 'malformed' | 'unknown-abbreviation' };

const MALFORMED: ZoneReading = { ok: false, reason: 'malformed' };
const UNKNOWN: ZoneReading = { ok: false, reason: 'unknown-abbreviation' };

function isCapital(c: number): boolean {
  return c >= 0x41 && c <= 0x5a;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** Reads a zone written as fail2ban accepts it; the empty string is UTC (fail2ban's reading). */
export function readZone(text: string): ZoneReading {
  let letters = 0;
  while (letters < text.length && isCapital(text.charCodeAt(letters))) letters++;
  if (letters === 2 || letters > 5) return MALFORMED;
  let minutes = 0;
  const rest = text.length - letters;
  if (rest > 0) {
    const offset = readOffset(text, letters);
    if (offset === undefined) return MALFORMED;
    minutes = offset;
  }
  if (letters > 0) {
    const base = ZONE_ABBREVIATION_MINUTES[text.slice(0, letters)];
    if (base === undefined) return UNKNOWN;
    minutes += base;
  }
  return { ok: true, minutes };
}

/** `[+-]hh`, `[+-]hhmm` or `[+-]hh:mm` from `at` to the end of the text, hours starting with 0 or 1. */
function readOffset(text: string, at: number): number | undefined {
  const sign = text.charCodeAt(at);
  if (sign !== 0x2b && sign !== 0x2d) return undefined;
  const h1 = text.charCodeAt(at + 1);
  const h2 = text.charCodeAt(at + 2);
  if ((h1 !== 0x30 && h1 !== 0x31) || !isDigit(h2)) return undefined;
  const hours = (h1 - 0x30) * 10 + (h2 - 0x30);
  let pos = at + 3;
  let minutes = 0;
  if (pos < text.length) {
    if (text.charCodeAt(pos) === 0x3a) pos++;
    const m1 = text.charCodeAt(pos);
    const m2 = text.charCodeAt(pos + 1);
    if (!isDigit(m1) || !isDigit(m2) || pos + 2 !== text.length) return undefined;
    minutes = (m1 - 0x30) * 10 + (m2 - 0x30);
  }
  const total = hours * 60 + minutes;
  return sign === 0x2d ? -total : total;
}

/** The zone of a date field in a line: `Z`, `UTC` and `GMT` are UTC, anything else is read as above. */
export function lineZoneMinutes(text: string): number | undefined {
  if (text === 'Z' || text === 'UTC' || text === 'GMT') return 0;
  const reading = readZone(text);
  return reading.ok ? reading.minutes : undefined;
}

/** Validates a `logtimezone` value and returns its offset in minutes east of UTC. */
export function parseLogTimeZone(value: string): number {
  const reading = readZone(value.trim());
  if (reading.ok) return reading.minutes;
  const why =
    reading.reason === 'unknown-abbreviation'
      ? `unknown zone abbreviation in ${JSON.stringify(value)}`
      : `${JSON.stringify(value)} is not a fixed-offset zone (write UTC, UTC+0200, +01:00, CET, ...)`;
  throw new Fail2nftError('F2N_ERR_DATE_TIMEZONE', `invalid logtimezone: ${why}`, { value });
}
