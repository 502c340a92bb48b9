// The whois part of a ban mail: `whois ADDRESS` as argv (the address was parsed, so it is only
// digits, hex, dots, colons and a slash), with the action's timeout and bounded output. Any
// problem becomes a sentence in the mail instead of a failed ban notification.
import type { ProcessRunner } from '../process-runner.js';

export const MAX_WHOIS_BYTES = 32 * 1024;

export interface WhoisLookupOptions {
  readonly runner: ProcessRunner;
  /** The program and leading words; undefined when whois is not installed. */
  readonly argv: readonly string[] | undefined;
  readonly timeoutMs: number;
  readonly host: string;
}

export async function lookupWhois(address: string, options: WhoisLookupOptions): Promise<string> {
  if (options.argv === undefined || options.argv.length === 0)
    return `(whois is not installed on ${options.host}, so there is no whois information.)`;
  const result = await options.runner({
    argv: [...options.argv, address],
    timeoutMs: options.timeoutMs,
    maxOutputBytes: MAX_WHOIS_BYTES,
  });
  if (result.spawnError !== undefined) return `(whois could not be run: ${result.spawnError})`;
  if (result.timedOut) return `(whois gave no answer within ${options.timeoutMs / 1000} s.)`;
  const text = result.stdout.trim();
  if (text === '') {
    const why = result.stderr.trim().split('\n')[0] ?? '';
    return `(whois answered nothing${why === '' ? '' : `: ${why}`}.)`;
  }
  return result.truncated ? `${text}\n(whois answer cut at ${MAX_WHOIS_BYTES / 1024} KiB)` : text;
}
