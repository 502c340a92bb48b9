// A network namespace per benchmark run, so the bench never touches the host's ruleset and every run
// starts with empty sets. Removed in a finally block by the caller; a bench stopped by SIGINT or SIGTERM
// (which skips finally blocks) or exiting early removes the ones still there on its way out.
import { spawnSync } from 'node:child_process';

let counter = 0;
const live = new Set<string>();
let handlersInstalled = false;

function removeLive(): void {
  for (const name of live) spawnSync('ip', ['netns', 'del', name]);
  live.clear();
}

function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', removeLive);
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.once(signal, () => {
      removeLive();
      process.exit(code);
    });
  }
}

export interface BenchNetns {
  readonly name: string;
  remove(): void;
}

function run(argv: readonly string[]): void {
  const [command = '', ...args] = argv;
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 30_000 });
  if (result.status !== 0) throw new Error(`${argv.join(' ')} failed: ${result.stderr}`);
}

export function createBenchNetns(): BenchNetns {
  const name = `f2n-bench-${process.pid}-${++counter}`;
  installHandlers();
  run(['ip', 'netns', 'add', name]);
  live.add(name);
  return {
    name,
    remove: () => {
      spawnSync('ip', ['netns', 'del', name]);
      live.delete(name);
    },
  };
}
