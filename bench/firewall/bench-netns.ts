// A network namespace per benchmark run, so the bench never touches the host's ruleset and every run
// starts with empty sets. Removed in a finally block by the caller.
import { spawnSync } from 'node:child_process';

let counter = 0;

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
  run(['ip', 'netns', 'add', name]);
  return {
    name,
    remove: () => {
      spawnSync('ip', ['netns', 'del', name]);
    },
  };
}
