// Log dates, as fail2ban finds them. Pure code, no I/O; lines in, times and spans out.
//
//   const detector = createDateDetector({ datepattern?, logtimezone?, startedAtMs? }); // one per log file
//   const m = detector.find(line, clock.now());    // or findInBuffer(buf, start, end, now)
//   m?.timeMs   epoch ms (undefined: a date-like text that is no valid date, or {NONE})
//   m?.start / m?.end   the span to cut; failregex sees line.slice(0, start) + line.slice(end)
//   m?.template         the template that found it
//
//   compileDatePattern(pattern, { logtimezone?, startedAtMs? }).find(line, nowMs) → one pattern, no memory;
//   compileDateTemplate(pattern) → the low-level template (search(line, from, to, maxYear, record));
//   parseLogTimeZone(value) → minutes east of UTC, or throws F2N_ERR_DATE_TIMEZONE.
//
// Invalid datepatterns throw F2N_ERR_DATE_PATTERN naming the directive or construct.
export { createDateDetector } from './date-detector.js';
export type { DateDetector, DateDetectorOptions, DateMatch } from './date-detector.js';
export { compileDatePattern } from './compile-date-pattern.js';
export type { DatePatternMatcher, DatePatternOptions } from './compile-date-pattern.js';
export { compileDateTemplate, templatesForDatePattern } from './template-set.js';
export type { DateTemplate } from './date-template.js';
export { MatchRecord } from './date-template.js';
export { parseLogTimeZone } from './zone-offset.js';
