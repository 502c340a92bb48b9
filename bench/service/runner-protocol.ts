// What the fail2nft runner (a child process) tells the benchmark, one JSON object per stdout line, and
// what the benchmark asks it on stdin. Times are wall-clock ms (Date.now()), comparable across the two
// processes; CPU is process.cpuUsage() (user + system, all threads, workers included) in µs.

export interface RunnerCounts {
  /** Lines the file source handed to matching. */
  readonly lines: number;
  /** Failures found by matching (all jails). */
  readonly failures: number;
  readonly bans: number;
}

/** One cumulative histogram bucket: observations ≤ le seconds (le null = +Inf). */
export interface HistogramBucket {
  readonly le: number | null;
  readonly count: number;
}

export type RunnerMessage =
  | {
      readonly event: 'started';
      readonly t: number;
      readonly jails: readonly string[];
      readonly cpuUs: number;
    }
  | (RunnerCounts & {
      readonly event: 'progress';
      readonly t: number;
      /** Everything read so far is matched and decided. */
      readonly idle: boolean;
      readonly cpuUs: number;
    })
  | (RunnerCounts & {
      /** The expected line count was reached and everything is decided. */
      readonly event: 'done';
      readonly t: number;
      readonly cpuUs: number;
    })
  | {
      readonly event: 'final';
      readonly t: number;
      readonly counts: RunnerCounts;
      /** Failures counted per jail (the jail status' total). */
      readonly failedByJail: Readonly<Record<string, number>>;
      readonly bans: readonly { readonly jail: string; readonly address: string }[];
      readonly cpuUs: number;
      /** VmHWM of the runner process, in KiB. */
      readonly peakRssKiB: number;
      /** With --metrics: the service's ban-latency histogram (line read → commit), all jails. */
      readonly banLatency?: readonly HistogramBucket[];
      /** With node --expose-gc: the main thread's JS heap in use after a full collection, KiB. */
      readonly liveHeapKiB?: number;
    }
  | { readonly event: 'error'; readonly message: string };

/** The one request on stdin: report and stop. */
export const FINAL_REQUEST = 'final';

export function encodeRunnerMessage(message: RunnerMessage): string {
  return `${JSON.stringify(message)}\n`;
}

const events = new Set(['started', 'progress', 'done', 'final', 'error']);

/** Parses one stdout line; undefined for lines that are not runner messages (stray output). */
export function parseRunnerMessage(line: string): RunnerMessage | undefined {
  const text = line.trim();
  if (!text.startsWith('{')) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // Not ours: a library may print to stdout; the caller ignores such lines.
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const event = (value as { event?: unknown }).event;
  return typeof event === 'string' && events.has(event) ? (value as RunnerMessage) : undefined;
}
