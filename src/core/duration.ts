// fail2ban's time syntax: "600", "10m", "1h30m", "1w", "1y 6mo", "-1" (permanent), in seconds.

const unitSeconds: ReadonlyArray<readonly [RegExp, number]> = [
  // Longest spellings first so "mo" and "months" are not read as "m".
  [/^(?:years?|yy?)$/, 365.25 * 86400],
  [/^(?:months?|mo)$/, 30.4375 * 86400],
  [/^(?:weeks?|ww?)$/, 7 * 86400],
  [/^(?:days?|da|dd?)$/, 86400],
  [/^(?:hours?|ho|hh?)$/, 3600],
  [/^(?:minutes?|mi(?:n)?|mm?)$/, 60],
  [/^(?:seconds?|se(?:c)?|ss?)$/, 1],
];

const token = /([+-]?\d+(?:\.\d+)?)\s*([a-z]*)/gy;

/**
 * Parses a fail2ban time value to seconds. Returns undefined for text that is not a time.
 * Numbers without a unit are seconds; several terms add up ("1h 30m", "1y6mo").
 */
export function parseDuration(text: string): number | undefined {
  const source = text.trim().toLowerCase();
  if (source === '') return undefined;
  let total = 0;
  let position = 0;
  let terms = 0;
  while (position < source.length) {
    while (source[position] === ' ' || source[position] === '\t') position++;
    if (position >= source.length) break;
    token.lastIndex = position;
    const match = token.exec(source);
    if (match === null || match[0] === '') return undefined;
    const amount = Number(match[1]);
    const unit = match[2] ?? '';
    let factor = 1;
    if (unit !== '') {
      const found = unitSeconds.find(([pattern]) => pattern.test(unit));
      if (found === undefined) return undefined;
      factor = found[1];
    }
    total += amount * factor;
    position = token.lastIndex;
    terms++;
  }
  if (terms === 0) return undefined;
  return Math.round(total * 1000) / 1000;
}
