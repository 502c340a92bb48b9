// The demo's network namespace: its own loopback and its own, empty nftables ruleset, so the service's
// table and bans never touch the host's. Everything that must see them runs through `ip netns exec`.
import { Fail2nftError } from '../../core/errors.js';
import { runCommand } from './run-command-io.js';

export interface CommandPlace {
  /** Where this runs, for the report ("inside network namespace f2n-demo-123", "on the host"). */
  readonly description: string;
  /** The argument array that runs `argv` there. */
  wrap(argv: readonly string[]): string[];
}

export interface DemoNamespace extends CommandPlace {
  readonly name: string;
  remove(): Promise<void>;
}

export const hostPlace: CommandPlace = { description: 'on the host', wrap: (argv) => [...argv] };

let created = 0;

/** `f2n-demo-<pid>`, with a counter after the first (tests run the demo more than once per process). */
export function demoNamespaceName(pid: number): string {
  created++;
  return created === 1 ? `f2n-demo-${pid}` : `f2n-demo-${pid}-${created}`;
}

async function ip(args: readonly string[]): Promise<void> {
  const result = await runCommand(['ip', ...args]);
  if (result.code !== 0)
    throw new Fail2nftError(
      'F2N_ERR_DEMO_STEP_FAILED',
      `ip ${args.join(' ')} failed (${result.code ?? 'killed'}): ${result.stderr.trim()}`,
    );
}

export async function createDemoNamespace(name: string): Promise<DemoNamespace> {
  await ip(['netns', 'add', name]);
  const namespace: DemoNamespace = {
    name,
    description: `inside network namespace ${name}`,
    wrap: (argv) => ['ip', 'netns', 'exec', name, ...argv],
    remove: () => ip(['netns', 'del', name]),
  };
  try {
    await ip(['-n', name, 'link', 'set', 'lo', 'up']);
  } catch (error) {
    await namespace.remove().catch(() => undefined);
    throw error;
  }
  return namespace;
}
