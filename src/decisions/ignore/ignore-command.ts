// ignorecommand as fail2ban runs it, without the shell: exit status 0 means ignore the address, 1
// means do not, anything else (another status, a signal, the timeout, a failure to start) is an
// error: counted, reported with the outcome, and the address is not ignored. Results are cached per
// ignorecache key when ignorecache is set (errors too, as fail2ban caches them), and concurrent
// checks of the same key share one process.
import type { Clock } from '../../core/clock.js';
import { IgnoreCache, type IgnoreCacheOptions } from './ignore-cache.js';
import {
  parseCommandTemplate,
  renderCacheKey,
  renderTemplate,
  type IgnoreCommandTags,
} from './ignore-command-template.js';

export interface CommandExit {
  /** Exit status, or null when the process was killed or did not start. */
  readonly code: number | null;
  readonly signal: string | null;
  /** Why the process did not start or was stopped (timeout), if so. */
  readonly error?: string;
}

/** Runs argv[0] with the other words as arguments, no shell, killed after timeoutMs. */
export type CommandRunner = (argv: readonly string[], timeoutMs: number) => Promise<CommandExit>;

export interface IgnoreCommandOptions {
  readonly template: string;
  readonly cache?: IgnoreCacheOptions & { readonly key: string };
  /** Default 60 s, fail2ban's command timeout. */
  readonly timeoutSec?: number;
  readonly run: CommandRunner;
  readonly clock: Clock;
}

export interface IgnoreCommandResult {
  readonly ignored: boolean;
  /** Set when the command failed; the address is then not ignored. */
  readonly error?: string;
}

export const DEFAULT_IGNORE_COMMAND_TIMEOUT_SEC = 60;

export function describeExit(exit: CommandExit): IgnoreCommandResult {
  if (exit.code === 0) return { ignored: true };
  if (exit.code === 1) return { ignored: false };
  const why =
    exit.error ??
    (exit.code !== null ? `exit status ${exit.code}` : `killed by ${exit.signal ?? 'a signal'}`);
  return { ignored: false, error: `ignorecommand failed: ${why}` };
}

export class IgnoreCommand {
  private readonly words: readonly string[];
  private readonly cache: IgnoreCache | undefined;
  private readonly cacheKey: string | undefined;
  private readonly timeoutMs: number;
  private readonly running = new Map<string, Promise<IgnoreCommandResult>>();
  private errorCount = 0;

  /** Throws F2N_ERR_CONFIG_BAD_VALUE for a template that would need a shell. */
  constructor(private readonly options: IgnoreCommandOptions) {
    this.words = parseCommandTemplate(options.template);
    this.cache = options.cache === undefined ? undefined : new IgnoreCache(options.cache);
    this.cacheKey = options.cache?.key;
    this.timeoutMs = (options.timeoutSec ?? DEFAULT_IGNORE_COMMAND_TIMEOUT_SEC) * 1000;
  }

  /** Commands that failed since start. */
  get errors(): number {
    return this.errorCount;
  }

  check(tags: IgnoreCommandTags): Promise<IgnoreCommandResult> {
    const argv = renderTemplate(this.words, tags);
    const key = this.cacheKey === undefined ? argv.join('\0') : renderCacheKey(this.cacheKey, tags);
    const cached = this.cache?.get(key, this.options.clock.now());
    if (cached !== undefined) return Promise.resolve({ ignored: cached });
    const pending = this.running.get(key);
    if (pending !== undefined) return pending;
    const started = this.execute(argv, key);
    this.running.set(key, started);
    return started;
  }

  private async execute(argv: readonly string[], key: string): Promise<IgnoreCommandResult> {
    let result: IgnoreCommandResult;
    try {
      result = describeExit(await this.options.run(argv, this.timeoutMs));
    } catch (error) {
      result = {
        ignored: false,
        error: `ignorecommand failed: ${error instanceof Error ? error.message : String(error)}`,
      };
    } finally {
      this.running.delete(key);
    }
    if (result.error !== undefined) this.errorCount++;
    this.cache?.set(key, result.ignored, this.options.clock.now());
    return result;
  }
}
