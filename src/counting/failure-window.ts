// The sliding window of one tracked id, as pure functions on a run of a shared Float64Array: the
// newest failure times, sorted ascending, at most `width` (= maxretry) of them. Keeping only the
// newest maxretry times is enough to answer "are there maxretry failures within findtime?".

/**
 * Inserts `copies` copies of time `t` into the sorted run times[base, base + count) and returns the
 * new count. When the run is full, the oldest time is dropped; a time older than every kept time of
 * a full run changes nothing (it cannot be among the newest `width`).
 */
export function insertTime(
  times: Float64Array,
  base: number,
  count: number,
  width: number,
  t: number,
  copies: number,
): number {
  let n = count;
  for (let copy = 0; copy < copies && copy < width; copy++) {
    // Log times mostly arrive in order, so the insert position is found from the newest end.
    let position = n;
    while (position > 0 && (times[base + position - 1] ?? 0) > t) position--;
    if (n < width) {
      times.copyWithin(base + position + 1, base + position, base + n);
      times[base + position] = t;
      n++;
    } else if (position > 0) {
      times.copyWithin(base, base + 1, base + position);
      times[base + position - 1] = t;
    } else {
      break;
    }
  }
  return n;
}

/** Drops the times older than `from` from the front of the run; returns the new count. */
export function dropBefore(times: Float64Array, base: number, count: number, from: number): number {
  let keep = 0;
  while (keep < count && (times[base + keep] ?? 0) < from) keep++;
  if (keep === 0) return count;
  times.copyWithin(base, base + keep, base + count);
  return count - keep;
}
