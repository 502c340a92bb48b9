// The contract for running one program: argv without a shell (the shell is argv ['/bin/sh', '-c',
// script]), extra environment, optional standard input, a timeout that kills the whole process group,
// and bounded captured output. A runner never rejects: a program that cannot start is a result too.

export interface ProcessRequest {
  readonly argv: readonly string[];
  /** Added to the service's environment (log-derived tag values travel here, never in the script). */
  readonly env?: Readonly<Record<string, string>>;
  readonly stdin?: string;
  readonly timeoutMs: number;
  /** Per stream; the rest is dropped and `truncated` set. */
  readonly maxOutputBytes?: number;
}

export interface ProcessResult {
  /** Exit status; null when killed by a signal or never started. */
  readonly exitCode: number | null;
  readonly signal: string | null;
  /** The timeout fired and the process group was killed. */
  readonly timedOut: boolean;
  /** Why the program did not start (ENOENT, EACCES, ...), if so. */
  readonly spawnError?: string;
  readonly stdout: string;
  readonly stderr: string;
  readonly truncated: boolean;
}

export type ProcessRunner = (request: ProcessRequest) => Promise<ProcessResult>;

export const DEFAULT_MAX_OUTPUT_BYTES = 64 * 1024;
