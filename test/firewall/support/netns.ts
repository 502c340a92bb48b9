// Network namespaces for the firewall's kernel tests: created per test, removed in a finally block, so
// no test touches the host's ruleset. Root and iproute2 are needed (CI has both).
import { spawnSync } from 'node:child_process';

let counter = 0;

export interface CommandOutcome {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function runSync(argv: readonly string[], input = ''): CommandOutcome {
  const [command = '', ...args] = argv;
  const result = spawnSync(command, args, { input, encoding: 'utf8', timeout: 30_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function runOk(argv: readonly string[], input = ''): string {
  const result = runSync(argv, input);
  if (result.code !== 0) throw new Error(`${argv.join(' ')} failed (${result.code}): ${result.stderr}`);
  return result.stdout;
}

function available(command: string): boolean {
  return runSync(['sh', '-c', `command -v ${command}`]).code === 0;
}

/** Why kernel tests cannot run here, or false. Only a truly missing tool or privilege is a reason. */
export function kernelSkip(tools: readonly string[]): string | false {
  if (process.getuid?.() !== 0) return 'needs root to create network namespaces';
  for (const tool of ['ip', ...tools]) if (!available(tool)) return `${tool} is not installed`;
  return false;
}

export interface Netns {
  readonly name: string;
  exec(argv: readonly string[], input?: string): CommandOutcome;
  remove(): void;
}

export function createNetns(tag: string): Netns {
  const name = `f2n-${tag}-${process.pid}-${++counter}`;
  runOk(['ip', 'netns', 'add', name]);
  runOk(['ip', '-n', name, 'link', 'set', 'lo', 'up']);
  return {
    name,
    exec: (argv, input) => runSync(['ip', 'netns', 'exec', name, ...argv], input),
    remove: () => {
      runSync(['ip', 'netns', 'del', name]);
    },
  };
}
