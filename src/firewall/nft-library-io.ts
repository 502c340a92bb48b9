// nft transactions through libnftables, nft's own library, called in the command helper's process
// (command-runner-child.ts) instead of one `nft -f -` process per transaction. An nft process spends
// most of its time starting: loading its libraries and setting up its context. Measured here, 200
// transactions of 50 elements each took 3.25 ms of CPU per `nft -f` process and 0.23 ms each through the
// library in one process, which at 10k bans a second was the difference between 0.6 and 0.05 of a core.
// The library is the one the nft command runs on: the same parser, the same errors, one netlink batch
// (transaction) per script. It is reached through koffi (a foreign-function interface with prebuilt
// binaries on npm); where koffi or libnftables cannot be loaded, the helper runs the nft command.
//
// Network namespaces (tests, benches, the demo run nft through `ip netns exec NS`): a context's
// netlink socket stays in the namespace it was opened in, so the helper's thread enters the namespace
// (setns), opens the context and comes back; the context is then reused for every script of that
// namespace while the namespace file is the same one (a namespace removed and made again under the same
// name gets a new context). The calling thread cannot be interrupted while the library works: a
// transaction is bounded by its size (1M elements: seconds), not by the command's timeout.
//
// The script is handed over as a file, an anonymous one in memory (memfd) rewritten for each script:
// nft 1.0.6 points its error messages at the wrong line of a script given as a buffer, and at the right
// one (`FILE:LINE:COLUMNS: Error: ...`, as `nft -f` says it) for a file.
import { closeSync, ftruncateSync, openSync, statSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as Koffi from 'koffi';

export interface NftLibraryResult {
  /** nft's exit status: 0, or 1 for a script it refused. */
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface NftLibrary {
  /** Runs an nft script as one transaction, in a namespace (`ip netns` name) or in this one. */
  run(netns: string | undefined, script: string): NftLibraryResult;
}

/** setns(2)'s namespace type for network namespaces. */
const CLONE_NEWNET = 0x40000000;

/**
 * The namespace `argv` runs `nft -f -` in (`netns` undefined: the helper's own), or undefined when it
 * is any other command. Only the plain `nft` command qualifies: a configured path to another nft (or a
 * test's stand-in) is run as a program.
 */
export function nftScriptTarget(argv: readonly string[]): { netns: string | undefined } | undefined {
  if (argv.length === 3 && argv[0] === 'nft' && argv[1] === '-f' && argv[2] === '-') {
    return { netns: undefined };
  }
  const [ip, netns, exec, name, ...rest] = argv;
  if (ip !== 'ip' || netns !== 'netns' || exec !== 'exec' || name === undefined) return undefined;
  if (!/^[A-Za-z0-9_.-]+$/.test(name) || name === '.' || name === '..') return undefined;
  const inner = nftScriptTarget(rest);
  return inner !== undefined && inner.netns === undefined ? { netns: name } : undefined;
}

interface Bindings {
  readonly ctxNew: (flags: number) => unknown;
  readonly ctxFree: (ctx: unknown) => void;
  readonly bufferOutput: (ctx: unknown) => number;
  readonly bufferError: (ctx: unknown) => number;
  readonly runFromFilename: (ctx: unknown, path: string) => number;
  readonly outputBuffer: (ctx: unknown) => string | null;
  readonly errorBuffer: (ctx: unknown) => string | null;
  readonly setns: (fd: number, type: number) => number;
  readonly memfdCreate: (name: string, flags: number) => number;
}

function bind(): Bindings {
  const require = createRequire(import.meta.url);
  const koffi = require('koffi') as typeof Koffi;
  const nft = koffi.load('libnftables.so.1');
  const libc = koffi.load('libc.so.6');
  const c = (library: Koffi.LibraryHandle, definition: string): unknown => library.func(definition);
  return {
    ctxNew: c(nft, 'void *nft_ctx_new(uint32_t flags)') as Bindings['ctxNew'],
    ctxFree: c(nft, 'void nft_ctx_free(void *ctx)') as Bindings['ctxFree'],
    bufferOutput: c(nft, 'int nft_ctx_buffer_output(void *ctx)') as Bindings['bufferOutput'],
    bufferError: c(nft, 'int nft_ctx_buffer_error(void *ctx)') as Bindings['bufferError'],
    runFromFilename: c(
      nft,
      'int nft_run_cmd_from_filename(void *ctx, const char *filename)',
    ) as Bindings['runFromFilename'],
    outputBuffer: c(nft, 'const char *nft_ctx_get_output_buffer(void *ctx)') as Bindings['outputBuffer'],
    errorBuffer: c(nft, 'const char *nft_ctx_get_error_buffer(void *ctx)') as Bindings['errorBuffer'],
    setns: c(libc, 'int setns(int fd, int nstype)') as Bindings['setns'],
    memfdCreate: c(libc, 'int memfd_create(const char *name, unsigned int flags)') as Bindings['memfdCreate'],
  };
}

interface Context {
  readonly handle: unknown;
  /** The namespace file's identity when the context was made (undefined: the helper's own). */
  readonly file: string | undefined;
}

class LoadedNftLibrary implements NftLibrary {
  private readonly contexts = new Map<string, Context>();
  private own: Context | undefined;
  private readonly scriptFile: number;
  private readonly scriptPath: string;

  constructor(private readonly c: Bindings) {
    // MFD_CLOEXEC: no command the helper starts inherits it.
    this.scriptFile = c.memfdCreate('fail2nft-script', 1);
    if (this.scriptFile < 0) throw new Error('memfd_create failed');
    this.scriptPath = `/proc/self/fd/${this.scriptFile}`;
  }

  run(netns: string | undefined, script: string): NftLibraryResult {
    // nft reads the file as text: a NUL byte would end the script early.
    if (script.includes('\u0000'))
      return { code: 1, stdout: '', stderr: 'Error: the script holds a NUL byte\n' };
    let context: Context;
    try {
      context = netns === undefined ? this.ownContext() : this.namespaceContext(netns);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return { code: 1, stdout: '', stderr: `Cannot open network namespace "${netns ?? ''}": ${reason}\n` };
    }
    const bytes = Buffer.from(script);
    ftruncateSync(this.scriptFile, 0);
    for (let written = 0; written < bytes.length;) {
      written += writeSync(this.scriptFile, bytes, written, bytes.length - written, written);
    }
    const status = this.c.runFromFilename(context.handle, this.scriptPath);
    return {
      code: status === 0 ? 0 : 1,
      stdout: this.c.outputBuffer(context.handle) ?? '',
      stderr: this.c.errorBuffer(context.handle) ?? '',
    };
  }

  private newContext(file: string | undefined): Context {
    const handle = this.c.ctxNew(0);
    if (handle === null) throw new Error('nft_ctx_new failed');
    this.c.bufferOutput(handle);
    this.c.bufferError(handle);
    return { handle, file };
  }

  private ownContext(): Context {
    this.own ??= this.newContext(undefined);
    return this.own;
  }

  private namespaceContext(netns: string): Context {
    const path = `/run/netns/${netns}`;
    const stat = statSync(path);
    const file = `${stat.dev}:${stat.ino}`;
    const known = this.contexts.get(netns);
    if (known !== undefined && known.file === file) return known;
    if (known !== undefined) this.c.ctxFree(known.handle);
    this.contexts.delete(netns);
    const back = openSync('/proc/thread-self/ns/net', 'r');
    const target = openSync(path, 'r');
    try {
      if (this.c.setns(target, CLONE_NEWNET) !== 0) throw new Error('setns failed');
      let context: Context;
      try {
        context = this.newContext(file);
      } finally {
        // Staying in the namespace would move every later command there: that must not go on.
        if (this.c.setns(back, CLONE_NEWNET) !== 0) {
          process.stderr.write('fail2nft command runner: cannot return to its own network namespace\n');
          process.exit(2);
        }
      }
      this.contexts.set(netns, context);
      return context;
    } finally {
      closeSync(target);
      closeSync(back);
    }
  }
}

let loaded: NftLibrary | null | undefined;

/**
 * The library, loaded on first use; undefined where koffi or libnftables is missing, or where
 * F2N_NFT_LIBRARY=off asks for nft processes (to compare the two).
 */
export function nftLibrary(): NftLibrary | undefined {
  if (loaded === undefined) {
    if (process.env.F2N_NFT_LIBRARY === 'off') loaded = null;
    else
      try {
        loaded = new LoadedNftLibrary(bind());
      } catch {
        loaded = null;
      }
  }
  return loaded ?? undefined;
}
