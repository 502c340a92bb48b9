// The messages between the service and its command-runner helper, carried in frames (command-frame.ts).
// A request's body is the command's stdin; a reply's body is its stdout followed by its stderr. Pure:
// imports nothing, so the helper that loads it stays small.

/** Output kept per stream: enough for error messages and terse listings; a runaway output is cut. */
export const commandOutputCapBytes = 16 * 1024 * 1024;

export interface OutputCollector {
  /** The kept slices, in order; their total never exceeds commandOutputCapBytes. */
  readonly chunks: readonly Buffer[];
  push(chunk: Buffer): void;
  size(): number;
}

/** Keeps a stream's output up to commandOutputCapBytes and drops the rest (the service and the helper). */
export function createOutputCollector(): OutputCollector {
  const chunks: Buffer[] = [];
  let size = 0;
  return {
    chunks,
    push(chunk) {
      const room = commandOutputCapBytes - size;
      if (room <= 0) return;
      const kept = chunk.length <= room ? chunk : chunk.subarray(0, room);
      chunks.push(kept);
      size += kept.length;
    },
    size: () => size,
  };
}

export interface CommandRequest {
  readonly id: number;
  /** Program and arguments, run without a shell. */
  readonly argv: readonly string[];
  readonly timeoutMs: number;
}

/** The command ran: its exit code (null when a signal, the timeout, ended it). */
export interface CommandExitReply {
  readonly id: number;
  readonly code: number | null;
  /** Bytes of the body that are stdout; the rest is stderr. */
  readonly stdoutBytes: number;
}

/** The command could not start: the errno code (ENOENT, EACCES…) or the error message. */
export interface CommandStartErrorReply {
  readonly id: number;
  readonly startError: string;
}

export type CommandReply = CommandExitReply | CommandStartErrorReply;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** The request in a frame header, or undefined when the header is not one. */
export function parseCommandRequest(header: unknown): CommandRequest | undefined {
  if (!isRecord(header)) return undefined;
  const { id, argv, timeoutMs } = header;
  if (!isId(id) || typeof timeoutMs !== 'number' || !(timeoutMs > 0)) return undefined;
  if (!Array.isArray(argv) || argv.length === 0) return undefined;
  if (!argv.every((item): item is string => typeof item === 'string')) return undefined;
  return { id, argv, timeoutMs };
}

/** The reply in a frame header with a body of bodyLength bytes, or undefined when it is not one. */
export function parseCommandReply(header: unknown, bodyLength: number): CommandReply | undefined {
  if (!isRecord(header) || !isId(header.id)) return undefined;
  const { id, code, stdoutBytes, startError } = header;
  if (typeof startError === 'string') return bodyLength === 0 ? { id, startError } : undefined;
  if (code !== null && !(typeof code === 'number' && Number.isInteger(code))) return undefined;
  if (!isId(stdoutBytes) || stdoutBytes > bodyLength) return undefined;
  return { id, code, stdoutBytes };
}
