// Writes the planned lines into the mail log as time passes, each with the syslog date of its writing,
// in one append per tick; reports progress once a second.
import { appendFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Clock } from '../../core/clock.js';
import type { MailEvent } from './attack-plan.js';
import { syslogPrefix } from './mail-log-lines.js';

export interface ReplayProgress {
  readonly elapsedMs: number;
  readonly lines: number;
  readonly failures: number;
}

export interface ReplayOptions {
  readonly path: string;
  /** In time order. */
  readonly events: readonly MailEvent[];
  readonly durationMs: number;
  readonly clock: Clock;
  readonly tickMs?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: ReplayProgress) => void;
}

export async function replayMailLog(options: ReplayOptions): Promise<ReplayProgress> {
  const { events, clock } = options;
  const tickMs = options.tickMs ?? 100;
  const start = clock.now();
  let next = 0;
  let failures = 0;
  let reportedSecond = 0;
  const progress = (): ReplayProgress => ({ elapsedMs: clock.now() - start, lines: next, failures });
  // Bounded: the plan ends within durationMs, and the last round writes whatever is left.
  const rounds = Math.ceil(options.durationMs / tickMs) + 1;
  for (let round = 0; round <= rounds && next < events.length; round++) {
    const elapsed = round === rounds ? Infinity : clock.now() - start;
    const prefix = syslogPrefix(new Date(clock.now()));
    let text = '';
    for (; next < events.length; next++) {
      const event = events[next];
      if (event === undefined || event.atMs > elapsed) break;
      text += `${prefix}${event.body}\n`;
      if (event.failure !== undefined) failures++;
    }
    if (text !== '') appendFileSync(options.path, text);
    const second = Math.floor((clock.now() - start) / 1000);
    if (second > reportedSecond) {
      reportedSecond = second;
      options.onProgress?.(progress());
    }
    if (next < events.length && round < rounds) await sleep(tickMs, undefined, { signal: options.signal });
  }
  const done = progress();
  options.onProgress?.(done);
  return done;
}
